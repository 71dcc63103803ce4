using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Content;
using OciMirror.Core.Copy;
using OciMirror.Core.Errors;
using OciMirror.Core.Model;
using OciMirror.Core.Platforms;
using OciMirror.Core.References;

namespace OciMirror.Core.Operations
{
    /// <summary>
    /// Copies a batch of <see cref="CopyItem"/>s from source registries to destination registries through one
    /// <see cref="CopySession"/> (DESIGN §6): nothing touches the disk, every byte is verified on the way, a blob
    /// shared by several references is fetched once and mounted into the other repositories of the destination
    /// registry, content the destination has is skipped after a HEAD, and a tag is set only once the whole graph
    /// is in. One failed reference never stops the others. Used by <see cref="CopyOperation"/> and sync.
    /// </summary>
    internal sealed class RegistryCopier
    {
        private readonly IRepositoryProvider _source;
        private readonly IRepositoryProvider _destination;
        private readonly int _concurrency;

        public RegistryCopier(IRepositoryProvider source, IRepositoryProvider destination, int concurrency)
        {
            _source = source;
            _destination = destination;
            _concurrency = concurrency;
        }

        /// <summary>Runs <paramref name="items"/>, reporting each to <paramref name="observer"/> as it finishes; results in input order.</summary>
        /// <exception cref="OperationCanceledException">The token was cancelled; finished items were reported.</exception>
        public async Task<IReadOnlyList<ArtifactResult>> RunAsync(IReadOnlyList<CopyItem> items, string activity, IOperationObserver observer, CancellationToken cancellationToken)
        {
            var progress = new OperationProgress(observer, activity, items.Count);
            using var session = new CopySession(new CopyOptions { Concurrency = _concurrency, BytesTransferred = progress.AddBytes, Log = observer });
            return await ArtifactBatch.RunAsync(
                items,
                _concurrency,
                (item, token) => item.Error != null
                    ? Task.FromResult(ArtifactResults.Failed(item.Input, item.Source?.ToString(), item.DestinationDisplay, item.Error))
                    : CopyOneAsync(item, session, observer, progress, token),
                item => item.Input,
                observer,
                progress,
                cancellationToken).ConfigureAwait(false);
        }

        private async Task<ArtifactResult> CopyOneAsync(CopyItem item, CopySession session, IOperationObserver observer, OperationProgress progress, CancellationToken cancellationToken)
        {
            Reference source = item.Source!;
            Reference destination = item.Destination!;
            string from = source.ToString();
            string to = destination.ToString();
            try
            {
                ITarget sourceRepository = _source.GetRepository(source);
                ITarget destinationRepository = _destination.GetRepository(destination);
                Descriptor resolved = await RootTags.ResolveAsync(sourceRepository, source, cancellationToken).ConfigureAwait(false);

                // Platform selection (DESIGN §5), the component export and import use.
                PlatformChoice choice = await PlatformStep.SelectAsync(item.Platforms, sourceRepository, resolved, from, ErrorSide.Source, observer, cancellationToken).ConfigureAwait(false);
                Descriptor root = choice.Root;
                IReadOnlyStorage origin = choice.SourceFor(sourceRepository);
                bool named = destination.Tag == null || await RootTags.PointsAtAsync(destinationRepository, destination.Tag, root, to, cancellationToken).ConfigureAwait(false);
                CopyPlan plan = await session.PlanAsync(origin, root, destinationRepository, readPresentFromDestination: false, cancellationToken).ConfigureAwait(false);
                if (named && plan.MissingNodes == 0)
                {
                    return ArtifactResults.FromPlan(item.Input, from, to, plan, ArtifactStatus.Skipped, null, choice);
                }

                string action = $"Copy {ArtifactResults.DescribeTransfer(plan)} from {from}"
                    + (plan.MissingNodes == 0 ? " (content present; set the tag)" : string.Empty);
                if (!await observer.ShouldProcessAsync(to, action, cancellationToken).ConfigureAwait(false))
                {
                    return ArtifactResults.FromPlan(item.Input, from, to, plan, ArtifactStatus.Declined, null, choice);
                }

                progress.AddTotalBytes(plan.MissingBytes);
                CopyStats stats = await session.CopyAsync(origin, root, destinationRepository, to, cancellationToken).ConfigureAwait(false);

                // Referrers (signatures, SBOMs) travel with their subject: the referrer-carrying component is wired
                // here, after the subject's graph is in and before its tag is set (see the mirror note).
                if (destination.Tag != null)
                {
                    // Through the session: a registry writes the manifest again to tag it, which must not overlap
                    // the push of an index of this batch that refers to it (issue 7.1).
                    await session.TagAsync(origin, root, destinationRepository, destination.Tag, to, cancellationToken).ConfigureAwait(false);
                }

                return ArtifactResults.FromPlan(item.Input, from, to, plan, ArtifactStatus.Copied, stats, choice);
            }
            catch (Exception e) when (CopyErrors.IsExpected(e))
            {
                return ArtifactResults.Failed(item.Input, from, to, CopyErrors.Wrap(e, ErrorSide.None, null, from));
            }
        }
    }
}
