using System;
using System.Runtime.InteropServices;
using System.Threading;

namespace OciMirror.Cli
{
    /// <summary>
    /// Turns Ctrl+C (SIGINT) and SIGTERM into a cancellation of the running command, so both clean up the
    /// same way: temporary files removed, a bundle finished with what was done. A second signal of either
    /// kind is not intercepted and ends the process at once (a hard stop; the next export resumes).
    /// </summary>
    internal sealed class StopSignals : IDisposable
    {
        private readonly CancellationTokenSource _cancel;
        private readonly ConsoleCancelEventHandler _onCancelKey;
        private readonly PosixSignalRegistration? _sigterm;
        private int _terminated;

        public StopSignals(CancellationTokenSource cancel)
        {
            _cancel = cancel;
            _onCancelKey = (_, e) => e.Cancel = Stop(terminate: false);
            Console.CancelKeyPress += _onCancelKey;
            try
            {
                _sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => context.Cancel = Stop(terminate: true));
            }
            catch (PlatformNotSupportedException)
            {
                // No SIGTERM on this platform: the runtime's default applies.
            }
        }

        /// <summary>True when SIGTERM (rather than Ctrl+C) stopped the command.</summary>
        public bool Terminated => Volatile.Read(ref _terminated) == 1;

        public void Dispose()
        {
            Console.CancelKeyPress -= _onCancelKey;
            _sigterm?.Dispose();
        }

        /// <summary>Cancels on the first signal (true: the caller suppresses the default termination); false for a later one.</summary>
        private bool Stop(bool terminate)
        {
            lock (_cancel)
            {
                if (_cancel.IsCancellationRequested)
                {
                    return false;
                }

                if (terminate)
                {
                    Volatile.Write(ref _terminated, 1);
                }

                _cancel.Cancel();
                return true;
            }
        }
    }
}
