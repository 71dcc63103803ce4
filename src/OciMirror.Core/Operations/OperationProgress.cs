using System.Diagnostics;
using System.Threading;

namespace OciMirror.Core.Operations
{
    /// <summary>
    /// Aggregates the progress of one operation and reports snapshots to the observer: on every finished
    /// artifact, at most every 200 ms while bytes stream, and once with Completed = true at the end.
    /// Thread-safe.
    /// </summary>
    internal sealed class OperationProgress
    {
        private const long ReportIntervalMs = 200;
        private readonly IOperationObserver _observer;
        private readonly string _activity;
        private readonly int _artifactsTotal;
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private long _bytesDone;
        private long _bytesTotal;
        private int _artifactsDone;
        private long _lastReportMs = -ReportIntervalMs;
        private int _completed;
        private string _status = "Starting";

        public OperationProgress(IOperationObserver observer, string activity, int artifactsTotal)
        {
            _observer = observer;
            _activity = activity;
            _artifactsTotal = artifactsTotal;
        }

        public void AddTotalBytes(long count) => Interlocked.Add(ref _bytesTotal, count);

        /// <summary>Bytes counted by <see cref="AddBytes"/> so far.</summary>
        public long BytesDone => Interlocked.Read(ref _bytesDone);

        public void AddBytes(long count)
        {
            Interlocked.Add(ref _bytesDone, count);
            long now = _clock.ElapsedMilliseconds;
            long last = Interlocked.Read(ref _lastReportMs);
            if (now - last >= ReportIntervalMs && Interlocked.CompareExchange(ref _lastReportMs, now, last) == last)
            {
                Report(false);
            }
        }

        public void ArtifactDone(ArtifactResult result)
        {
            Interlocked.Increment(ref _artifactsDone);
            _status = $"{result.Status}: {result.Input}";
            Report(false);
        }

        /// <summary>Sends the final snapshot (Completed = true) once.</summary>
        public void Complete()
        {
            if (Interlocked.Exchange(ref _completed, 1) == 0)
            {
                _status = "Done";
                Report(true);
            }
        }

        private void Report(bool completed)
        {
            long total = Interlocked.Read(ref _bytesTotal);
            long done = Interlocked.Read(ref _bytesDone);
            _observer.OnProgress(new ProgressSnapshot(_activity, _status, done, total > 0 ? total : -1, Volatile.Read(ref _artifactsDone), _artifactsTotal, completed));
        }
    }
}
