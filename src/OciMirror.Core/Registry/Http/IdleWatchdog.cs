using System;
using System.Threading;

namespace OciMirror.Core.Registry.Http
{
    /// <summary>
    /// Fires <c>onStall</c> when an armed operation has not finished within the idle time; every operation
    /// arms it anew, so a slow trickle of small reads never fires it, only a single operation that makes no
    /// progress at all. One timer per transfer (no allocation per read). <see cref="TimeSpan.Zero"/> or
    /// <see cref="Timeout.InfiniteTimeSpan"/> turns it off. Thread-safe; the callback runs at most once.
    /// </summary>
    internal sealed class IdleWatchdog : IDisposable
    {
        private readonly Timer? _timer;
        private readonly Action _onStall;
        private int _fired;

        public IdleWatchdog(TimeSpan idle, Action onStall)
        {
            Idle = idle;
            _onStall = onStall;
            if (IsEnabled(idle))
            {
                _timer = new Timer(_ => Fire(), null, Timeout.Infinite, Timeout.Infinite);
            }
        }

        public TimeSpan Idle { get; }

        /// <summary>True once the idle time passed during an armed operation.</summary>
        public bool Fired => Volatile.Read(ref _fired) != 0;

        public static bool IsEnabled(TimeSpan idle) => idle > TimeSpan.Zero && idle != Timeout.InfiniteTimeSpan;

        /// <summary>Starts timing one operation.</summary>
        public void Arm() => _timer?.Change(Idle, Timeout.InfiniteTimeSpan);

        /// <summary>The operation made progress or ended: stops timing.</summary>
        public void Disarm() => _timer?.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);

        public void Dispose() => _timer?.Dispose();

        private void Fire()
        {
            if (Interlocked.Exchange(ref _fired, 1) == 0)
            {
                _onStall();
            }
        }
    }
}
