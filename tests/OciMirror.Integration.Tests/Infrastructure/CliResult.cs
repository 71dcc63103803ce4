using System.Collections.Generic;
using System.Linq;
using System.Text.Json;

namespace OciMirror.Integration.Tests.Infrastructure
{
    /// <summary>What one in-process <c>ocimirror</c> run returned and printed.</summary>
    public sealed class CliResult
    {
        public CliResult(string[] arguments, int exitCode, string stdout, string stderr)
        {
            Arguments = arguments;
            ExitCode = exitCode;
            StdOut = stdout;
            StdErr = stderr;
        }

        public string[] Arguments { get; }

        public int ExitCode { get; }

        public string StdOut { get; }

        public string StdErr { get; }

        /// <summary>The <c>--json</c> output: one parsed object per non-empty stdout line.</summary>
        public IReadOnlyList<JsonElement> JsonLines =>
            StdOut.Split('\n').Where(l => l.Trim().Length > 0).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();

        /// <summary>For assertion messages.</summary>
        public override string ToString() =>
            $"ocimirror {string.Join(' ', Arguments)}\nexit code {ExitCode}\n--- stdout ---\n{StdOut}\n--- stderr ---\n{StdErr}";
    }
}
