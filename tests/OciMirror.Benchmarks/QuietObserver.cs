using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Diagnostics;
using OciMirror.Core.Operations;

namespace OciMirror.Benchmarks
{
    /// <summary>Says yes to everything, prints nothing, keeps failures so a broken run is not reported as fast.</summary>
    internal sealed class QuietObserver : IOperationObserver
    {
        public ConcurrentQueue<ArtifactResult> Failures { get; } = new ConcurrentQueue<ArtifactResult>();

        public void Log(LogLevel level, string message)
        {
        }

        public void OnProgress(ProgressSnapshot progress)
        {
        }

        public void OnArtifactCompleted(ArtifactResult result)
        {
            if (result.Status == ArtifactStatus.Failed)
            {
                Failures.Enqueue(result);
            }
        }

        public Task<bool> ShouldProcessAsync(string target, string action, CancellationToken cancellationToken) => Task.FromResult(true);
    }
}
