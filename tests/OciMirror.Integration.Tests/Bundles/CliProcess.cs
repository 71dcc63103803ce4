using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using OciMirror.Integration.Tests.Infrastructure;
using Xunit;

namespace OciMirror.Integration.Tests.Bundles
{
    /// <summary>
    /// Runs the built CLI as real processes (<c>dotnet ocimirror.dll …</c>) through bash, so that two of them
    /// can be connected by an OS pipe and stdout can be redirected to a file: what a user's shell does.
    /// </summary>
    public static class CliProcess
    {
        /// <summary>The ocimirror.dll copied next to the test assembly (the test project references the CLI).</summary>
        public static string Dll
        {
            get
            {
                string dll = Path.Combine(AppContext.BaseDirectory, "ocimirror.dll");
                Assert.True(File.Exists(dll) && File.Exists(Path.Combine(AppContext.BaseDirectory, "ocimirror.runtimeconfig.json")), "ocimirror.dll is not next to the tests: build the solution");
                return dll;
            }
        }

        /// <summary>A shell word for <c>dotnet ocimirror.dll</c> followed by <paramref name="args"/>.</summary>
        public static string Command(params string[] args) => string.Join(' ', new[] { "dotnet", Dll }.Concat(args).Select(Quote));

        /// <summary>
        /// Runs <paramref name="script"/> with <c>bash -c</c> in <paramref name="workingDirectory"/> (so that a
        /// stray file lands in the test's temp directory), pipefail off: callers record <c>PIPESTATUS</c>
        /// themselves. Returns bash's exit code and its combined output for messages.
        /// </summary>
        public static Task<(int ExitCode, string Output)> BashAsync(string workingDirectory, string script) =>
            ExternalProcess.RunAsync(ExternalTool.Require("bash", "bash"), "-c", "cd " + Quote(workingDirectory) + " && " + script);

        /// <summary>Single-quotes a word for bash.</summary>
        public static string Quote(string word) => "'" + word.Replace("'", "'\\''") + "'";
    }
}
