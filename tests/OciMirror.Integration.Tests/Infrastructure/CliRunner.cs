using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Cli;

namespace OciMirror.Integration.Tests.Infrastructure
{
    /// <summary>Runs <c>ocimirror</c> in-process through <see cref="Program.RunAsync(string[], TextReader, TextWriter, TextWriter, CancellationToken)"/>.</summary>
    public static class CliRunner
    {
        /// <summary>A hang guard only (never an assertion): a run that takes this long is cancelled.</summary>
        private static readonly TimeSpan HangGuard = TimeSpan.FromMinutes(5);

        public static Task<CliResult> RunAsync(params string[] args) => RunWithInputAsync(string.Empty, args);

        public static async Task<CliResult> RunWithInputAsync(string stdin, params string[] args)
        {
            using var cancel = new CancellationTokenSource(HangGuard);
            var stdout = new StringWriter();
            var stderr = new StringWriter();
            int code = await Program.RunAsync(args, new StringReader(stdin), stdout, stderr, cancel.Token).ConfigureAwait(false);
            return new CliResult(args, code, stdout.ToString(), stderr.ToString());
        }
    }
}
