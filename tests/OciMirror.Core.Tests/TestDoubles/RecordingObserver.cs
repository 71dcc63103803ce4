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
        public ConcurrentQueue<ArtifactResult> Completed { get; } = new ConcurrentQueue<ArtifactResult>();

        public ConcurrentQueue<ProgressSnapshot> Progress { get; } = new ConcurrentQueue<ProgressSnapshot>();

        public ConcurrentQueue<(string Target, string Action)> ShouldProcessCalls { get; } = new ConcurrentQueue<(string, string)>();

        public ConcurrentQueue<string> Logs { get; } = new ConcurrentQueue<string>();

        public Func<string, string, bool> Answer { get; set; } = (_, _) => true;

        /// <summary>Called after each completion is recorded (tests synchronise on it).</summary>
        public Action<ArtifactResult>? OnCompleted { get; set; }

        public ArtifactResult ResultFor(string input) => Completed.Single(r => r.Input == input);

        public void Log(LogLevel level, string message) => Logs.Enqueue(level + ": " + message);

        public void OnProgress(ProgressSnapshot progress) => Progress.Enqueue(progress);

        public void OnArtifactCompleted(ArtifactResult result)
        {
            Completed.Enqueue(result);
            OnCompleted?.Invoke(result);
        }

        public Task<bool> ShouldProcessAsync(string target, string action, CancellationToken cancellationToken)
        {
            ShouldProcessCalls.Enqueue((target, action));
            return Task.FromResult(Answer(target, action));
        }
    }
}
