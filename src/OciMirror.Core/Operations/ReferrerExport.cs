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
    /// The referrers part of an export: after each root is in the bundle, its referrers are found in the
    /// source repository (<see cref="ReferrerDiscovery"/>); once every root is done, they are copied as
    /// artifacts of their own in the same session (each reported, with <see cref="ArtifactResult.ReferrerOf"/>)
    /// and named in the bundle under the subject's repository: by digest only, or by their cosign digest tag.
    /// Thread-safe.
    /// </summary>
    internal sealed class ReferrerExport
    {
        private readonly ReferrerDiscovery _discovery;
        private readonly ConcurrentDictionary<string, ReferrerItem> _items = new ConcurrentDictionary<string, ReferrerItem>(StringComparer.Ordinal);
        private readonly ConcurrentQueue<ArtifactResult> _failures = new ConcurrentQueue<ArtifactResult>();

        public ReferrerExport(ReferrerFilter filter, CopySession session, IOperationObserver observer)
        {
            _discovery = new ReferrerDiscovery(filter, session, observer);
        }

        /// <summary>Finds the referrers of <paramref name="root"/> (just exported from <paramref name="repository"/>); a failure becomes a Failed result of <see cref="CopyAllAsync"/>.</summary>
        public async Task DiscoverAsync(ITarget repository, Reference reference, Descriptor root, string destination, CancellationToken cancellationToken)
        {
            if (!_discovery.Filter.Include)
            {
                return;
            }

            try
            {
                foreach (ReferrerRoot found in await _discovery.FindAsync(repository, reference.Name, root, cancellationToken).ConfigureAwait(false))
                {
                    string name = found.Tag != null ? reference.Name + ":" + found.Tag : reference.Name + "@" + found.Referrer.Digest;
                    _items.TryAdd(name, new ReferrerItem(repository, found, name));
                }
            }
            catch (OciException e)
            {
                string input = "referrers of " + reference;
                _failures.Enqueue(ArtifactResults.Failed(input, reference.ToString(), destination, e, root.Digest.ToString()));
            }
        }

        /// <summary>
        /// Copies every referrer found so far, one depth at a time (<see cref="ReferrerLevels"/>), at most
        /// <paramref name="concurrency"/> at once, through <paramref name="copy"/>; returns the discovery
        /// failures and then their results.
        /// </summary>
        /// <param name="onPhase">Receives the progress of each level before it is copied (the session's byte counts go there).</param>
        public async Task<IReadOnlyList<ArtifactResult>> CopyAllAsync(string destination, int concurrency, Func<ReferrerItem, CancellationToken, Task<ArtifactResult>> copy, IOperationObserver observer, Action<OperationProgress> onPhase, CancellationToken cancellationToken)
        {
            var items = new List<(ReferrerItem? Item, ArtifactResult? Failure)>();
            items.AddRange(_failures.Select(f => ((ReferrerItem?)null, (ArtifactResult?)f)));
            items.AddRange(_items.Values.OrderBy(i => i.Root.Depth).ThenBy(i => i.Name, StringComparer.Ordinal).Select(i => ((ReferrerItem?)i, (ArtifactResult?)null)));
            if (items.Count == 0)
            {
                return Array.Empty<ArtifactResult>();
            }

            return await ReferrerLevels.RunAsync(
                items,
                item => item.Item?.Root.Depth ?? 0,
                count => $"Exporting {count} referrers to {destination}",
                concurrency,
                (item, progress, token) => item.Item == null ? Task.FromResult(item.Failure!) : copy(item.Item, token),
                item => item.Item?.Name ?? item.Failure!.Input,
                observer,
                onPhase,
                cancellationToken).ConfigureAwait(false);
        }
    }
}
