using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace OciMirror.Core.Operations
{
    /// <summary>
    /// Copies carried referrers one depth at a time (referrers of the artifacts, then referrers of those…),
    /// each level as one batch with its own progress activity. A referrer's copy also copies its subject when
    /// the destination lacks it; level by level, a referrer of a referrer never copies its subject first, so
    /// each referrer's own result says what it transferred (seen out of order before: an SBOM reported
    /// Skipped because its signature, running beside it, had pushed it).
    /// </summary>
    internal static class ReferrerLevels
    {
        /// <param name="depthOf">The level of an item (items of level 0 or below run first).</param>
        /// <param name="activity">The progress activity of a level of <c>count</c> items.</param>
        /// <param name="onLevel">Receives each level's progress before it runs (the copy session's byte counts go there).</param>
        public static async Task<IReadOnlyList<ArtifactResult>> RunAsync<T>(
            IReadOnlyList<T> items,
            Func<T, int> depthOf,
            Func<int, string> activity,
            int concurrency,
            Func<T, OperationProgress, CancellationToken, Task<ArtifactResult>> run,
            Func<T, string> describe,
            IOperationObserver observer,
            Action<OperationProgress> onLevel,
            CancellationToken cancellationToken)
        {
            var results = new List<ArtifactResult>(items.Count);
            foreach (IGrouping<int, T> level in items.GroupBy(depthOf).OrderBy(g => g.Key))
            {
                List<T> batch = level.ToList();
                var progress = new OperationProgress(observer, activity(batch.Count), batch.Count);
                onLevel(progress);
                results.AddRange(await ArtifactBatch.RunAsync(batch, concurrency, (item, token) => run(item, progress, token), describe, observer, progress, cancellationToken).ConfigureAwait(false));
            }

            return results;
        }
    }
}
