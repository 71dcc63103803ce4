using System;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Diagnostics;
using OciMirror.Core.Operations;
using OciMirror.PowerShell.Errors;

namespace OciMirror.PowerShell.Common
{
    /// <summary>
    /// The <see cref="IOperationObserver"/> the cmdlets hand to the engine. Called on engine threads; every
    /// PowerShell call it causes is posted to the <see cref="CmdletPump"/> and so runs on the pipeline
    /// thread: log lines become verbose/debug/warning records, progress is throttled, a finished artifact
    /// becomes an output object or a non-terminating error, and ShouldProcess is marshalled and awaited.
    /// </summary>
    internal sealed class PumpObserver : IOperationObserver
    {
        private readonly CmdletPump _pump;
        private readonly ProgressReporter _progress;
        private readonly Func<ArtifactResult, object> _toOutput;

        /// <param name="toOutput">Maps a successful (copied, skipped or declined) result to the output object.</param>
        public PumpObserver(CmdletPump pump, ProgressReporter progress, Func<ArtifactResult, object> toOutput)
        {
            _pump = pump ?? throw new ArgumentNullException(nameof(pump));
            _progress = progress ?? throw new ArgumentNullException(nameof(progress));
            _toOutput = toOutput ?? throw new ArgumentNullException(nameof(toOutput));
        }

        public void Log(LogLevel level, string message)
        {
            if (string.IsNullOrEmpty(message))
            {
                return;
            }

            switch (level)
            {
                case LogLevel.Warning:
                    _pump.Post(sink => sink.WriteWarning(message));
                    break;
                case LogLevel.Debug:
                    _pump.Post(sink => sink.WriteDebug(message));
                    break;
                default:
                    _pump.Post(sink => sink.WriteVerbose(message));
                    break;
            }
        }

        public void OnProgress(ProgressSnapshot progress) => _progress.Report(progress);

        public void OnArtifactCompleted(ArtifactResult result)
        {
            if (result == null)
            {
                throw new ArgumentNullException(nameof(result));
            }

            if (result.Status == ArtifactStatus.Failed)
            {
                OciErrorInfo error = ErrorMapper.ForArtifact(result);
                _pump.Post(sink => sink.WriteError(error));
            }
            else
            {
                object output = _toOutput(result);
                _pump.Post(sink => sink.WriteObject(output));
            }
        }

        public Task<bool> ShouldProcessAsync(string target, string action, CancellationToken cancellationToken) =>
            _pump.InvokeAsync(sink => sink.ShouldProcess(target, action), cancellationToken);
    }
}
