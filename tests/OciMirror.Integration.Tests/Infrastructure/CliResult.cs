using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace OciMirror.Integration.Tests.Infrastructure
{
    /// <summary>What one in-process <c>ocimirror</c> run returned and printed.</summary>
    public sealed class CliResult
    {
        private static readonly Regex BlobGet = new Regex(@"^(?:verbose|debug): GET \S*/blobs/(sha256:[0-9a-f]{64})\b", RegexOptions.CultureInvariant);

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

        /// <summary>
        /// Digests of the blob GETs in the engine's request log on stderr (<c>--verbose</c>/<c>--debug</c>
        /// lines like <c>verbose: GET http://host/v2/NAME/blobs/sha256:… → 200 (…)</c>), one per request.
        /// </summary>
        public IReadOnlyList<string> LoggedBlobGets =>
            StdErr.Split('\n')
                .Select(l => BlobGet.Match(l))
                .Where(m => m.Success)
                .Select(m => m.Groups[1].Value)
                .ToList();

        /// <summary>For assertion messages.</summary>
        public override string ToString() =>
            $"ocimirror {string.Join(' ', Arguments)}\nexit code {ExitCode}\n--- stdout ---\n{StdOut}\n--- stderr ---\n{StdErr}";
    }
}
