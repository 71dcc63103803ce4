using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Diagnostics;

namespace OciMirror.Core.Operations
{
    /// <summary>
    /// How an operation reports to its front end. Methods may be called from any thread; the front end
    /// marshals them to its own output thread (the PowerShell pipeline thread, the console).
    /// </summary>
    public interface IOperationObserver : ILogSink
    {
        /// <summary>Progress of the whole operation; may be called often (the front end throttles).</summary>
        void OnProgress(ProgressSnapshot progress);

        /// <summary>One artifact finished: copied, skipped, declined or failed. Called once per input, in input order.</summary>
        void OnArtifactCompleted(ArtifactResult result);

        /// <summary>
        /// Asks whether to make the change described by <paramref name="action"/> to
        /// <paramref name="target"/> (PowerShell ShouldProcess: -WhatIf answers false after printing it).
        /// Called once per artifact before anything is written for it.
        /// </summary>
        Task<bool> ShouldProcessAsync(string target, string action, CancellationToken cancellationToken);
    }
}
