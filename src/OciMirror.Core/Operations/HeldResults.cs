using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Diagnostics;
using OciMirror.Core.Errors;

namespace OciMirror.Core.Operations
{
    /// <summary>
    /// Holds back the per-artifact results of an export into an archive (a file or standard output) until
    /// the archive is complete: before index.json and the end marker are written (and a file renamed into
    /// place) nothing is in the bundle, so no artifact may be reported copied yet (issue 7.19: a stream
    /// that broke, or a full disk, never shows "copied"). Everything else passes through at once. When the
    /// export is stopped, the archive is finished with what finished before the stop and exactly those
    /// results are reported (<see cref="CompleteStoppedAsync"/>).
    /// </summary>
    internal sealed class HeldResults : IOperationObserver
    {
        private readonly IOperationObserver _inner;
        private readonly List<ArtifactResult> _held = new List<ArtifactResult>();

        public HeldResults(IOperationObserver inner)
        {
            _inner = inner;
        }

        public void Log(LogLevel level, string message) => _inner.Log(level, message);

        public void OnProgress(ProgressSnapshot progress) => _inner.OnProgress(progress);

        /// <summary>Held: <see cref="CompleteAsync"/> reports it from the batch's results (<see cref="CompleteStoppedAsync"/> from these).</summary>
        public void OnArtifactCompleted(ArtifactResult result)
        {
            lock (_held)
            {
                _held.Add(result);
            }
        }

        public Task<bool> ShouldProcessAsync(string target, string action, CancellationToken cancellationToken) =>
            _inner.ShouldProcessAsync(target, action, cancellationToken);

        /// <summary>
        /// Runs <paramref name="complete"/> (finishing the archive), then reports every result in input
        /// order. When the archive could not be completed, the artifacts that were copied into it are
        /// reported failed with that error; skipped ones (already in an archive that stays as it was) and
        /// declined ones are unchanged. Cancellation propagates and reports nothing (nothing was committed).
        /// </summary>
        public async Task<OperationSummary> CompleteAsync(Func<Task> complete, OperationSummary summary, string bundle, CancellationToken cancellationToken)
        {
            OciException? failure = null;
            try
            {
                await complete().ConfigureAwait(false);
            }
            catch (OciException e) when (e.Kind != OciErrorKind.Cancelled && !cancellationToken.IsCancellationRequested)
            {
                failure = e;
            }

            return new OperationSummary(Report(summary.Results, failure, bundle), summary.BytesCopied);
        }

        /// <summary>
        /// The export was stopped and every artifact task has ended: runs <paramref name="complete"/> (finishing
        /// the archive with the names recorded so far, that is, the artifacts that finished), then reports the
        /// results that came in before the stop, in input order. When the archive could not be completed, the
        /// copied ones are reported failed with that error. Never throws for that failure: the caller rethrows
        /// the cancellation.
        /// </summary>
        public async Task CompleteStoppedAsync(Func<Task> complete, string bundle)
        {
            OciException? failure = null;
            try
            {
                await complete().ConfigureAwait(false);
            }
            catch (OciException e)
            {
                failure = e;
            }

            List<ArtifactResult> finished;
            lock (_held)
            {
                finished = _held.ToList();
            }

            Report(finished, failure, bundle);
        }

        private List<ArtifactResult> Report(IReadOnlyList<ArtifactResult> held, OciException? failure, string bundle)
        {
            var results = new List<ArtifactResult>(held.Count);
            foreach (ArtifactResult result in held)
            {
                ArtifactResult reported = failure == null || result.Status != ArtifactStatus.Copied ? result : ArtifactResults.AsFailed(result, new OciException(
                    failure.Kind,
                    $"{result.Source ?? result.Input} is not in '{bundle}': the archive could not be completed. {failure.Message}",
                    failure)
                {
                    Path = failure.Path ?? bundle,
                    Reference = result.Source ?? result.Input,
                    RecommendedAction = failure.RecommendedAction,
                });
                results.Add(reported);
                _inner.OnArtifactCompleted(reported);
            }

            return results;
        }
    }
}
