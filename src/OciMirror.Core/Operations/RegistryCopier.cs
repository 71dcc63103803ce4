using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Content;
using OciMirror.Core.Copy;
using OciMirror.Core.Errors;
using OciMirror.Core.Model;
using OciMirror.Core.Platforms;
using OciMirror.Core.References;
using OciMirror.Core.Referrers;

namespace OciMirror.Core.Operations
{
    /// <summary>
    /// Copies a batch of <see cref="CopyItem"/>s from source registries to destination registries through one
    /// <see cref="CopySession"/> (DESIGN §6): nothing touches the disk, every byte is verified on the way, a blob
    /// shared by several references is fetched once and mounted into the other repositories of the destination
    /// registry, content the destination has is skipped after a HEAD, and a tag is set only once the whole graph
    /// is in. One failed reference never stops the others. Referrers (signatures, SBOMs, attestations) follow
    /// their subjects, recursively, as export carries them into a bundle; a registry without the referrers API
    /// gets the referrers tag index (<see cref="ReferrerPublisher"/>), written through the session's write gate.
    /// Used by <see cref="CopyOperation"/> and sync.
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

        /// <summary>
        /// Runs <paramref name="items"/>, reporting each to <paramref name="observer"/> as it finishes; results in
        /// input order, then the referrers carried with them (each item's <see cref="CopyItem.Referrers"/>), one
        /// depth at a time, each reported with its subject.
        /// </summary>
        /// <exception cref="OperationCanceledException">The token was cancelled; finished items were reported.</exception>
        public async Task<IReadOnlyList<ArtifactResult>> RunAsync(IReadOnlyList<CopyItem> items, string activity, IOperationObserver observer, CancellationToken cancellationToken)
        {
            var progress = new OperationProgress(observer, activity, items.Count);
            var relay = new ProgressRelay(progress);
            using var session = new CopySession(new CopyOptions { Concurrency = _concurrency, BytesTransferred = relay.AddBytes, Log = observer });
            var run = new Run(session, observer, new ReferrerPublisher(observer, session));
            IReadOnlyList<ArtifactResult> results = await ArtifactBatch.RunAsync(
                items,
                _concurrency,
                (item, token) => item.Error != null
                    ? Task.FromResult(ArtifactResults.Failed(item.Input, item.Source?.ToString(), item.DestinationDisplay, item.Error))
                    : CopyOneAsync(item, run, progress, token),
                item => item.Input,
                observer,
                progress,
                cancellationToken).ConfigureAwait(false);

            var all = new List<ArtifactResult>(results);
            foreach (ReferrerCarrier carrier in run.Carriers)
            {
                // Only now: every subject of this run is in (or failed and was reported), so a referrer never
                // copies its subject ahead of it, and the referrers tag index lists only what is there.
                all.AddRange(await carrier.CopyAllAsync(
                    count => $"Copying {count} referrers",
                    _concurrency,
                    (referrer, token) => CopyReferrerAsync(referrer, run, relay.Current!, token),
                    observer,
                    phase => relay.Current = phase,
                    cancellationToken).ConfigureAwait(false));
            }

            return all;
        }

        private async Task<ArtifactResult> CopyOneAsync(CopyItem item, Run run, OperationProgress progress, CancellationToken cancellationToken)
        {
            Reference source = item.Source!;
            Reference destination = item.Destination!;
            string from = source.ToString();
            string to = destination.ToString();
            ITarget sourceRepository;
            PlatformChoice choice;
            try
            {
                sourceRepository = _source.GetRepository(source);
                Descriptor resolved = await RootTags.ResolveAsync(sourceRepository, source, cancellationToken).ConfigureAwait(false);

                // Platform selection (DESIGN §5), the component export and import use.
                choice = await PlatformStep.SelectAsync(item.Platforms, sourceRepository, resolved, from, ErrorSide.Source, run.Observer, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (CopyErrors.IsExpected(e))
            {
                return ArtifactResults.Failed(item.Input, from, to, CopyErrors.Wrap(e, ErrorSide.None, null, from));
            }

            ArtifactResult result = await CopyRootAsync(item.Input, from, to, choice.SourceFor(sourceRepository), choice.Root, destination, choice, null, run, progress, cancellationToken).ConfigureAwait(false);
            if (result.Status != ArtifactStatus.Failed && item.Referrers.Include)
            {
                // Declined too: a dry run lists the referrers it would carry. The chosen root: a selected
                // platform's referrers, or (a filtered index) the referrers of its platforms.
                await run.CarrierFor(item.Referrers).DiscoverAsync(sourceRepository, source, choice.Root, destination.Name, to, cancellationToken).ConfigureAwait(false);
            }

            return result;
        }

        private Task<ArtifactResult> CopyReferrerAsync(ReferrerItem referrer, Run run, OperationProgress progress, CancellationToken cancellationToken)
        {
            Reference destination;
            try
            {
                destination = Reference.Parse(referrer.Target);
            }
            catch (OciException e)
            {
                return Task.FromResult(ArtifactResults.Failed(referrer.Name, referrer.Name, referrer.Target, e, referrer.Root.Subject.ToString()));
            }

            return CopyRootAsync(referrer.Name, referrer.Name, referrer.Target, referrer.Repository, referrer.Root.Referrer, destination, null, referrer.Root.Subject.ToString(), run, progress, cancellationToken);
        }

        /// <summary>Copies <paramref name="root"/> of <paramref name="origin"/> to <paramref name="destination"/> (tagged when it has a tag); Skipped when it is there already.</summary>
        private async Task<ArtifactResult> CopyRootAsync(string input, string from, string to, IReadOnlyStorage origin, Descriptor root, Reference destination, PlatformChoice? choice, string? referrerOf, Run run, OperationProgress progress, CancellationToken cancellationToken)
        {
            CopySession session = run.Session;
            try
            {
                ITarget destinationRepository = _destination.GetRepository(destination);
                bool named = destination.Tag == null || await RootTags.PointsAtAsync(destinationRepository, destination.Tag, root, to, cancellationToken).ConfigureAwait(false);
                CopyPlan plan = await session.PlanAsync(origin, root, destinationRepository, readPresentFromDestination: false, cancellationToken).ConfigureAwait(false);
                if (named && plan.MissingNodes == 0)
                {
                    await PublishAsync(plan, origin, destinationRepository, run, cancellationToken).ConfigureAwait(false);
                    return ArtifactResults.FromPlan(input, from, to, plan, ArtifactStatus.Skipped, null, choice, referrerOf);
                }

                string action = $"Copy {ArtifactResults.DescribeTransfer(plan)} from {from}"
                    + (plan.MissingNodes == 0 ? " (content present; set the tag)" : string.Empty);
                if (!await run.Observer.ShouldProcessAsync(to, action, cancellationToken).ConfigureAwait(false))
                {
                    return ArtifactResults.FromPlan(input, from, to, plan, ArtifactStatus.Declined, null, choice, referrerOf);
                }

                progress.AddTotalBytes(plan.MissingBytes);
                CopyStats stats = await session.CopyAsync(origin, root, destinationRepository, to, cancellationToken).ConfigureAwait(false);
                if (destination.Tag != null)
                {
                    // Through the session: a registry writes the manifest again to tag it, which must not overlap
                    // the push of an index of this batch that refers to it (issue 7.1).
                    await session.TagAsync(origin, root, destinationRepository, destination.Tag, to, cancellationToken).ConfigureAwait(false);
                }

                await PublishAsync(plan, origin, destinationRepository, run, cancellationToken).ConfigureAwait(false);
                return ArtifactResults.FromPlan(input, from, to, plan, ArtifactStatus.Copied, stats, choice, referrerOf);
            }
            catch (Exception e) when (CopyErrors.IsExpected(e))
            {
                return ArtifactResults.Failed(input, from, to, CopyErrors.Wrap(e, ErrorSide.None, null, from), referrerOf);
            }
        }

        /// <summary>A root with a subject (a carried referrer, or one named on the command line) is made discoverable from it at the destination.</summary>
        private static async Task PublishAsync(CopyPlan plan, IReadOnlyStorage origin, ITarget destination, Run run, CancellationToken cancellationToken)
        {
            if (plan.RootInfo.Subject != null)
            {
                byte[] content = await run.Session.GetManifestAsync(origin, plan.Root, cancellationToken).ConfigureAwait(false);
                await run.Publisher.PublishAsync(destination, plan.Root, content, cancellationToken).ConfigureAwait(false);
            }
        }

        /// <summary>What one run shares: the session, the publisher, and one referrer carrier per filter (sync entries may differ).</summary>
        private sealed class Run
        {
            private readonly ConcurrentDictionary<string, ReferrerCarrier> _carriers = new ConcurrentDictionary<string, ReferrerCarrier>(StringComparer.Ordinal);

            public Run(CopySession session, IOperationObserver observer, ReferrerPublisher publisher)
            {
                Session = session;
                Observer = observer;
                Publisher = publisher;
            }

            public CopySession Session { get; }

            public IOperationObserver Observer { get; }

            public ReferrerPublisher Publisher { get; }

            /// <summary>The carriers created, ordered by their filter's text (deterministic output).</summary>
            public IEnumerable<ReferrerCarrier> Carriers => _carriers.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => c.Value);

            public ReferrerCarrier CarrierFor(ReferrerFilter filter) =>
                _carriers.GetOrAdd(filter.ToString(), _ => new ReferrerCarrier(filter, Session, Observer));
        }
    }
}
