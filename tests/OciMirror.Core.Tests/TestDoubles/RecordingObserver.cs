using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Diagnostics;
using OciMirror.Core.Operations;

namespace OciMirror.Core.Tests.TestDoubles
{
    /// <summary>Records everything an operation reports; answers ShouldProcess with <see cref="Answer"/> (default yes).</summary>
    public sealed class RecordingObserver : IOperationObserver
    {
        private int _finishedCount;

        public ConcurrentQueue<ArtifactResult> Completed { get; } = new ConcurrentQueue<ArtifactResult>();

        public ConcurrentQueue<ProgressSnapshot> Progress { get; } = new ConcurrentQueue<ProgressSnapshot>();

        public ConcurrentQueue<(string Target, string Action)> ShouldProcessCalls { get; } = new ConcurrentQueue<(string, string)>();

        public ConcurrentQueue<string> Logs { get; } = new ConcurrentQueue<string>();

        public Func<string, string, bool> Answer { get; set; } = (_, _) => true;

        /// <summary>
        /// Awaited with the target before ShouldProcess answers: holds an artifact back before it copies anything
        /// (the engine holds no concurrency slot there, unlike inside a fetch).
        /// </summary>
        public Func<string, Task>? BeforeShouldProcess { get; set; }

        /// <summary>Called after each completion is recorded (tests synchronise on it). Results come in input order.</summary>
        public Action<ArtifactResult>? OnCompleted { get; set; }

        /// <summary>
        /// Inputs in the order their artifacts finished, taken from the progress snapshot each finished artifact
        /// sends ("Copied: INPUT"); unlike <see cref="Completed"/>, not held back for earlier inputs.
        /// Exact when artifacts finish one at a time (tests that hold them back in turn).
        /// </summary>
        public ConcurrentQueue<string> Finished { get; } = new ConcurrentQueue<string>();

        /// <summary>Called with each input added to <see cref="Finished"/>.</summary>
        public Action<string>? OnFinished { get; set; }

        public ArtifactResult ResultFor(string input) => Completed.Single(r => r.Input == input);

        public void Log(LogLevel level, string message) => Logs.Enqueue(level + ": " + message);

        public void OnProgress(ProgressSnapshot progress)
        {
            Progress.Enqueue(progress);
            int done = progress.ArtifactsDone;
            int seen;
            while (!progress.Completed && done > (seen = Volatile.Read(ref _finishedCount)))
            {
                if (Interlocked.CompareExchange(ref _finishedCount, done, seen) == seen)
                {
                    int colon = progress.Status.IndexOf(": ", StringComparison.Ordinal);
                    string input = colon < 0 ? progress.Status : progress.Status.Substring(colon + 2);
                    Finished.Enqueue(input);
                    OnFinished?.Invoke(input);
                    break;
                }
            }
        }

        public void OnArtifactCompleted(ArtifactResult result)
        {
            Completed.Enqueue(result);
            OnCompleted?.Invoke(result);
        }

        public async Task<bool> ShouldProcessAsync(string target, string action, CancellationToken cancellationToken)
        {
            ShouldProcessCalls.Enqueue((target, action));
            if (BeforeShouldProcess != null)
            {
                await BeforeShouldProcess(target).ConfigureAwait(false);
            }

            return Answer(target, action);
        }
    }
}
