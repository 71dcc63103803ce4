using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Copy;
using OciMirror.Core.Operations;

namespace OciMirror.Core.Artifacts
{
    /// <summary>
    /// Runs the one artifact a push or an index creation writes: with progress, one copy session, the result
    /// reported once to the observer (an unexpected exception becomes a failed result), and the destination
    /// bundle finished only when something was copied (an archive otherwise keeps its old content).
    /// </summary>
    internal static class SingleArtifactRun
    {
        public static async Task<OperationSummary> RunAsync(
            IOperationObserver observer,
            string activity,
            int concurrency,
            string input,
            LocationDestination destination,
            Func<CopySession, OperationProgress, CancellationToken, Task<ArtifactResult>> run,
            CancellationToken cancellationToken)
        {
            var progress = new OperationProgress(observer, activity, 1);
            using var session = new CopySession(new CopyOptions { Concurrency = concurrency, BytesTransferred = progress.AddBytes, Log = observer });
            IReadOnlyList<ArtifactResult> results = await ArtifactBatch.RunAsync(
                new[] { input },
                1,
                (_, token) => run(session, progress, token),
                item => item,
                observer,
                progress,
                cancellationToken).ConfigureAwait(false);
            if (results[0].Status == ArtifactStatus.Copied)
            {
                await destination.CompleteAsync().ConfigureAwait(false);
            }

            return new OperationSummary(results);
        }
    }
}
