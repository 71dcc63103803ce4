using System.Threading;

namespace OciMirror.Core.Operations
{
    /// <summary>
    /// Forwards the byte counts of one copy session to the progress of the phase running now (the named
    /// artifacts, then the referrers carried with them), so that a finished phase's Completed record is
    /// its last. Thread-safe.
    /// </summary>
    internal sealed class ProgressRelay
    {
        private OperationProgress? _current;
        private long _total;

        /// <param name="first">The progress to report to first; null drops byte counts until <see cref="Current"/> is set.</param>
        public ProgressRelay(OperationProgress? first = null)
        {
            _current = first;
        }

        public OperationProgress? Current
        {
            get => Volatile.Read(ref _current);
            set => Volatile.Write(ref _current, value);
        }

        /// <summary>Every byte counted so far, whatever phase it went to (the operation's "transferred").</summary>
        public long Total => Interlocked.Read(ref _total);

        public void AddBytes(long count)
        {
            Interlocked.Add(ref _total, count);
            Current?.AddBytes(count);
        }
    }
}
