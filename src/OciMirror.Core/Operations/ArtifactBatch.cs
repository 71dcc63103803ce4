using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Copy;
using OciMirror.Core.Errors;

namespace OciMirror.Core.Operations
{
    /// <summary>
    /// Runs the artifacts of an export or import concurrently (at most <c>concurrency</c> at once) and
    /// reports each exactly once to the observer, in input order (<see cref="InputOrderReporter"/>: a result
    /// waits for those before it). Results come back in input order. Cancellation of the operation token
    /// stops the batch with OperationCanceledException; artifacts that finished before were reported.
    /// </summary>
    internal static class ArtifactBatch
    {
        public static async Task<IReadOnlyList<ArtifactResult>> RunAsync<TItem>(
            IReadOnlyList<TItem> items,
            int concurrency,
            Func<TItem, CancellationToken, Task<ArtifactResult>> run,
            Func<TItem, string> describe,
            IOperationObserver observer,
            OperationProgress progress,
            CancellationToken cancellationToken)
        {
            var results = new ArtifactResult[items.Count];
            var reporter = new InputOrderReporter(items.Count, observer.OnArtifactCompleted);
            using var gate = new SemaphoreSlim(concurrency, concurrency);
            var tasks = new Task[items.Count];
            for (int i = 0; i < items.Count; i++)
            {
                tasks[i] = RunOneAsync(i);
            }

            try
            {
                await Task.WhenAll(tasks).ConfigureAwait(false);
            }
            finally
            {
                reporter.Flush();
                progress.Complete();
            }

            return results;

            async Task RunOneAsync(int index)
            {
                TItem item = items[index];
                await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
                try
                {
                    ArtifactResult result;
                    try
                    {
                        result = await run(item, cancellationToken).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                    {
                        throw;
                    }
                    catch (Exception e)
                    {
                        // A bug or an unexpected exception type must not lose the artifact's report.
                        string input = describe(item);
                        result = ArtifactResults.Failed(input, null, null, CopyErrors.Wrap(e, ErrorSide.None, null, input));
                    }

                    results[index] = result;
                    progress.ArtifactDone(result);
                    reporter.Complete(index, result);
                }
                finally
                {
                    gate.Release();
                }
            }
        }
    }
}
