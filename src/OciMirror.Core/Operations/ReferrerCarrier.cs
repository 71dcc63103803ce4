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
using OciMirror.Core.References;
using OciMirror.Core.Referrers;

namespace OciMirror.Core.Operations
{
    /// <summary>
    /// The referrers part of an export or a registry → registry copy: after each root is at the destination,
    /// its referrers are found in the source repository (<see cref="ReferrerDiscovery"/>); once every root is
    /// done, they are copied as artifacts of their own in the same session (each reported, with
    /// <see cref="ArtifactResult.ReferrerOf"/>), shallow ones first, and named under the subject's destination
    /// repository: by digest only, or by their cosign digest tag. A referrer found for several roots going to
    /// the same repository is copied once. Thread-safe.
    /// </summary>
    internal sealed class ReferrerCarrier
    {
        private readonly ReferrerDiscovery _discovery;
        private readonly ConcurrentDictionary<string, ReferrerItem> _items = new ConcurrentDictionary<string, ReferrerItem>(StringComparer.Ordinal);
        private readonly ConcurrentQueue<ArtifactResult> _failures = new ConcurrentQueue<ArtifactResult>();

        public ReferrerCarrier(ReferrerFilter filter, CopySession session, IOperationObserver observer)
        {
            _discovery = new ReferrerDiscovery(filter, session, observer);
        }

        /// <summary>False when referrers are not carried at all (nothing is looked for).</summary>
        public bool Include => _discovery.Filter.Include;

        /// <summary>
        /// Finds the referrers of <paramref name="root"/> (just copied from <paramref name="repository"/>, named
        /// <paramref name="reference"/> there); a failure becomes a Failed result of <see cref="CopyAllAsync"/>.
        /// </summary>
        /// <param name="destinationRepository">The repository name they get at the destination (the subject's); null keeps the source's (a bundle).</param>
        /// <param name="destination">The destination as results name it.</param>
        public async Task DiscoverAsync(ITarget repository, Reference reference, Descriptor root, string? destinationRepository, string destination, CancellationToken cancellationToken)
        {
            if (!_discovery.Filter.Include)
            {
                return;
            }

            try
            {
                foreach (ReferrerRoot found in await _discovery.FindAsync(repository, reference.Name, root, cancellationToken).ConfigureAwait(false))
                {
                    string name = NameOf(reference.Name, found);
                    string target = destinationRepository == null ? name : NameOf(destinationRepository, found);
                    _items.TryAdd(target, new ReferrerItem(repository, found, name, target));
                }
            }
            catch (OciException e)
            {
                string input = "referrers of " + reference;
                _failures.Enqueue(ArtifactResults.Failed(input, reference.ToString(), destination, e, root.Digest.ToString()));
            }
        }

        /// <summary>Every referrer found so far, shallow ones first (what a dry run lists).</summary>
        public IReadOnlyList<ReferrerItem> Found => _items.Values.OrderBy(i => i.Root.Depth).ThenBy(i => i.Target, StringComparer.Ordinal).ToList();

        /// <summary>
        /// Copies every referrer found so far, one depth at a time (<see cref="ReferrerLevels"/>), at most
        /// <paramref name="concurrency"/> at once, through <paramref name="copy"/>; returns the discovery
        /// failures and then their results.
        /// </summary>
        /// <param name="onPhase">Receives the progress of each level before it is copied (the session's byte counts go there).</param>
        /// <param name="activity">The progress activity of a level of <c>count</c> referrers.</param>
        public async Task<IReadOnlyList<ArtifactResult>> CopyAllAsync(Func<int, string> activity, int concurrency, Func<ReferrerItem, CancellationToken, Task<ArtifactResult>> copy, IOperationObserver observer, Action<OperationProgress> onPhase, CancellationToken cancellationToken)
        {
            var items = new List<(ReferrerItem? Item, ArtifactResult? Failure)>();
            items.AddRange(_failures.Select(f => ((ReferrerItem?)null, (ArtifactResult?)f)));
            items.AddRange(Found.Select(i => ((ReferrerItem?)i, (ArtifactResult?)null)));
            if (items.Count == 0)
            {
                return Array.Empty<ArtifactResult>();
            }

            return await ReferrerLevels.RunAsync(
                items,
                item => item.Item?.Root.Depth ?? 0,
                activity,
                concurrency,
                (item, progress, token) => item.Item == null ? Task.FromResult(item.Failure!) : copy(item.Item, token),
                item => item.Item?.Target ?? item.Failure!.Input,
                observer,
                onPhase,
                cancellationToken).ConfigureAwait(false);
        }

        private static string NameOf(string repository, ReferrerRoot found) =>
            found.Tag != null ? repository + ":" + found.Tag : repository + "@" + found.Referrer.Digest;
    }
}
