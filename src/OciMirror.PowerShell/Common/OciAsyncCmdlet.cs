using System;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Errors;
using OciMirror.PowerShell.Errors;

namespace OciMirror.PowerShell.Common
{
    /// <summary>
    /// Base of the module's cmdlets. Runs an asynchronous engine call on the thread pool while the pipeline
    /// thread pumps its writes (<see cref="CmdletPump"/>): WriteObject, WriteError, WriteVerbose, WriteDebug,
    /// WriteWarning, WriteProgress and ShouldProcess happen only on the pipeline thread, all through
    /// <see cref="Sink"/>. <see cref="StopProcessing"/> (Ctrl+C) cancels the engine's token; <see cref="Dispose"/>
    /// cancels abandoned work, because EndProcessing is not called after a stop or a terminating error.
    /// </summary>
    public abstract class OciAsyncCmdlet : PSCmdlet, IDisposable
    {
        private readonly CancellationTokenSource _stop = new CancellationTokenSource();
        private readonly object _gate = new object();
        private ICmdletSink? _sink;
        private Task? _lastWork;
        private bool _disposed;

        /// <summary>Where all PowerShell calls go; defaults to this cmdlet. Tests set a fake.</summary>
        internal ICmdletSink Sink
        {
            get => _sink ??= new PSCmdletSink(this);
            set => _sink = value;
        }

        /// <summary>The engine the cmdlet calls; defaults to the Core operations. Tests set a fake.</summary>
        internal IOciEngine Engine { get; set; } = OciEngine.Instance;

        /// <summary>Monotonic clock for progress throttling; null uses a stopwatch. Tests set a fake.</summary>
        internal Func<TimeSpan>? ProgressClock { get; set; }

        /// <summary>Cancels the engine call in flight. Called by PowerShell on another thread.</summary>
        protected override void StopProcessing()
        {
            lock (_gate)
            {
                if (!_disposed)
                {
                    _stop.Cancel();
                }
            }
        }

        /// <summary>Cancels any engine work still running and releases the cancellation source once it has ended.</summary>
        public void Dispose()
        {
            lock (_gate)
            {
                if (_disposed)
                {
                    return;
                }

                _disposed = true;
                _stop.Cancel();
                if (_lastWork == null || _lastWork.IsCompleted)
                {
                    _stop.Dispose();
                }
                else
                {
                    // Abandoned work still observes the token: dispose once it has noticed the cancellation.
                    _lastWork.ContinueWith(_ => _stop.Dispose(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
                }
            }

            GC.SuppressFinalize(this);
        }

        /// <summary>
        /// Runs <paramref name="call"/> with an observer whose writes are pumped onto this (the pipeline)
        /// thread, and returns its result once every write has been made. Progress gets its Completed record
        /// before this returns. Throws what the call throws (an <c>OciException</c> for a failure that stops
        /// everything), or <see cref="PipelineStoppedException"/> after <see cref="StopProcessing"/>.
        /// </summary>
        /// <param name="activity">Progress activity when the engine names none.</param>
        /// <param name="call">The engine call; receives the observer and the stop token.</param>
        internal T RunEngine<T>(string activity, Func<PumpObserver, CancellationToken, Task<T>> call)
        {
            var pump = new CmdletPump();
            var progress = new ProgressReporter(pump, activity, ProgressClock);
            var observer = new PumpObserver(pump, progress, OutputMapper.ToArtifactInfo);
            try
            {
                return pump.Run(
                    Sink,
                    async token =>
                    {
                        Task<T> work = call(observer, token);
                        lock (_gate)
                        {
                            _lastWork = work;
                        }

                        try
                        {
                            return await work.ConfigureAwait(false);
                        }
                        finally
                        {
                            progress.Complete();
                        }
                    },
                    _stop);
            }
            catch (OciException e) when (e.Kind == OciErrorKind.Cancelled && _stop.IsCancellationRequested)
            {
                // The engine's own way of saying "stopped"; PowerShell expects PipelineStoppedException.
                throw new PipelineStoppedException();
            }
        }

        /// <summary>Raises the terminating error through the sink; does not return.</summary>
        internal Exception Terminate(OciErrorInfo error)
        {
            Sink.ThrowTerminatingError(error);

            // A sink must throw; if one does not, still stop here rather than run on.
            return new PipelineStoppedException();
        }
    }
}
