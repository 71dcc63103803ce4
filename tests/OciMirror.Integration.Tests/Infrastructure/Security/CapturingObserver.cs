using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Diagnostics;
using OciMirror.Core.Operations;

namespace OciMirror.Integration.Tests.Infrastructure.Security
{
    /// <summary>
    /// The PowerShell-free engine observer: keeps every log line at every level, every progress snapshot
    /// and every artifact result (with its exception), so that tests can search all of it for secrets.
    /// </summary>
    public sealed class CapturingObserver : IOperationObserver
    {
        private readonly ConcurrentQueue<string> _lines = new ConcurrentQueue<string>();
        private readonly ConcurrentQueue<ArtifactResult> _results = new ConcurrentQueue<ArtifactResult>();

        public IReadOnlyList<string> Lines => _lines.ToArray();

        public IReadOnlyList<ArtifactResult> Results => _results.ToArray();

        public void Log(LogLevel level, string message) => _lines.Enqueue(level + ": " + message);

        public void OnProgress(ProgressSnapshot progress) => _lines.Enqueue("progress: " + progress);

        public void OnArtifactCompleted(ArtifactResult result)
        {
            _results.Enqueue(result);
            _lines.Enqueue($"result: {result.Input} {result.Source} {result.Destination} {result.Digest} {result.Status}");
            if (result.Error != null)
            {
                _lines.Enqueue("error: " + result.Error);
                _lines.Enqueue("action: " + result.Error.RecommendedAction);
            }
        }

        public Task<bool> ShouldProcessAsync(string target, string action, CancellationToken cancellationToken)
        {
            _lines.Enqueue($"shouldprocess: {target}: {action}");
            return Task.FromResult(true);
        }

        /// <summary>Everything captured, one line each.</summary>
        public string Text
        {
            get
            {
                var text = new StringBuilder();
                foreach (string line in _lines)
                {
                    text.Append(line).Append('\n');
                }

                return text.ToString();
            }
        }

        /// <summary>The log lines at <paramref name="level"/>.</summary>
        public IEnumerable<string> At(LogLevel level) => Lines.Where(l => l.StartsWith(level + ": ", System.StringComparison.Ordinal));
    }
}
