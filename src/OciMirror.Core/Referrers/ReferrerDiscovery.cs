using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Content;
using OciMirror.Core.Copy;
using OciMirror.Core.Diagnostics;
using OciMirror.Core.Model;

namespace OciMirror.Core.Referrers
{
    /// <summary>
    /// Finds the referrers (signatures, SBOMs, attestations, and their own referrers) of a root that a
    /// copy carries, in a registry repository or a bundle (DESIGN §13): the referrers API, else the
    /// referrers tag schema, plus cosign digest tags; in a bundle, its entries with a subject, its
    /// digest-tag entries and its tag-schema indexes. Referrers of the platform manifests of an index are
    /// found too. One instance serves one operation: it remembers which registries have the API, each
    /// repository's tag list and each bundle's entries. Thread-safe.
    /// </summary>
    public sealed class ReferrerDiscovery
    {
        /// <summary>Referrers of referrers are followed this deep at most (a signature of an SBOM is depth 2).</summary>
        public const int MaxDepth = 8;

        private readonly CopySession _session;
        private readonly ILogSink _log;
        private readonly ConcurrentDictionary<string, bool> _apiSupport = new ConcurrentDictionary<string, bool>(StringComparer.Ordinal);
        private readonly ConcurrentDictionary<string, RegistryReferrerFinder> _registries = new ConcurrentDictionary<string, RegistryReferrerFinder>(StringComparer.Ordinal);
        private readonly ConditionalWeakTable<IBundleCatalog, Lazy<Task<BundleReferrerMap>>> _bundles = new ConditionalWeakTable<IBundleCatalog, Lazy<Task<BundleReferrerMap>>>();

        /// <param name="filter">Which referrers to keep.</param>
        /// <param name="session">The operation's copy session: manifests read here are read once for the copy too.</param>
        /// <param name="log">Debug decisions and warnings (a malformed referrers tag); null drops them.</param>
        public ReferrerDiscovery(ReferrerFilter filter, CopySession session, ILogSink? log = null)
        {
            Filter = filter ?? throw new ArgumentNullException(nameof(filter));
            _session = session ?? throw new ArgumentNullException(nameof(session));
            _log = log ?? NullLogSink.Instance;
        }

        public ReferrerFilter Filter { get; }

        /// <summary>
        /// The referrers to copy with <paramref name="root"/>, which <paramref name="source"/> holds: referrers
        /// of the root and, for an index, of its child manifests; then referrers of those, breadth first, up to
        /// <see cref="MaxDepth"/>. Each digest once (a referrer found both by a listing and by a cosign digest
        /// tag keeps the tag); those the filter rejects are left out with their own referrers. Sorted by depth,
        /// then subject, then digest. Empty when the filter carries none.
        /// </summary>
        /// <param name="source">A registry repository target, or a bundle (<see cref="IBundleCatalog"/> without <see cref="ITagLister"/>).</param>
        /// <param name="repository">For a bundle: the root's repository (<c>registry/path</c>), so that referrers named in other repositories are left out; null accepts any. Ignored for a registry.</param>
        /// <exception cref="Errors.OciException">The source could not be asked or answered outside the spec; Side is Source.</exception>
        public Task<IReadOnlyList<ReferrerRoot>> FindAsync(IReadOnlyTarget source, string? repository, Descriptor root, CancellationToken cancellationToken) =>
            FindAsync(source, repository, root, source is IBundleCatalog && !(source is ITagLister), cancellationToken);

        /// <summary>As <see cref="FindAsync(IReadOnlyTarget, string, Descriptor, CancellationToken)"/>, reading <paramref name="source"/> as a bundle (<paramref name="asBundle"/>: it must be an <see cref="IBundleCatalog"/>) or as a registry repository.</summary>
        internal async Task<IReadOnlyList<ReferrerRoot>> FindAsync(IReadOnlyTarget source, string? repository, Descriptor root, bool asBundle, CancellationToken cancellationToken)
        {
            if (source == null)
            {
                throw new ArgumentNullException(nameof(source));
            }

            if (root == null)
            {
                throw new ArgumentNullException(nameof(root));
            }

            if (!Filter.Include)
            {
                return Array.Empty<ReferrerRoot>();
            }

            try
            {
                IReferrerFinder finder = FinderFor(source, repository, asBundle);
                List<Digest> level = await SubjectsOfAsync(source, root, cancellationToken).ConfigureAwait(false);
                var seen = new HashSet<Digest>(level);
                var found = new List<ReferrerRoot>();
                var positions = new Dictionary<Digest, int>();
                for (int depth = 1; depth <= MaxDepth && level.Count > 0; depth++)
                {
                    var next = new List<ReferrerRoot>();
                    foreach (Digest subject in level)
                    {
                        foreach (ReferrerCandidate candidate in await finder.FindAsync(subject, cancellationToken).ConfigureAwait(false))
                        {
                            await ConsiderAsync(source, subject, candidate, depth, seen, found, positions, next, cancellationToken).ConfigureAwait(false);
                        }
                    }

                    next.Sort((a, b) => string.CompareOrdinal(a.Subject + " " + a.Referrer.Digest, b.Subject + " " + b.Referrer.Digest));
                    foreach (ReferrerRoot r in next)
                    {
                        positions[r.Referrer.Digest] = found.Count;
                        found.Add(r);
                    }

                    level = next.Select(r => r.Referrer.Digest).ToList();
                }

                return found;
            }
            catch (Exception e) when (CopyErrors.IsExpected(e))
            {
                throw CopyErrors.Wrap(e, Errors.ErrorSide.Source, root, repository);
            }
        }

        /// <summary>The referrers map of a bundle, read once per bundle for this discovery.</summary>
        internal Task<BundleReferrerMap> BundleMapAsync(IBundleCatalog catalog, IReadOnlyStorage storage) => MapOf(catalog, storage).Value;

        private async Task ConsiderAsync(IReadOnlyTarget source, Digest subject, ReferrerCandidate candidate, int depth, HashSet<Digest> seen, List<ReferrerRoot> found, Dictionary<Digest, int> positions, List<ReferrerRoot> next, CancellationToken cancellationToken)
        {
            Digest digest = candidate.Referrer.Digest;
            if (!seen.Add(digest))
            {
                // Found again by a cosign digest tag: keep the tag, so that the copy recreates it.
                int at = next.FindIndex(r => r.Referrer.Digest == digest);
                List<ReferrerRoot> list = at >= 0 ? next : found;
                if (at < 0 && !positions.TryGetValue(digest, out at))
                {
                    return;
                }

                ReferrerRoot known = list[at];
                if (candidate.Tag != null && known.Tag == null)
                {
                    list[at] = new ReferrerRoot(known.Referrer, known.Subject, candidate.Source, candidate.Tag, known.ArtifactType, known.Depth, candidate.Entry ?? known.Entry);
                }

                return;
            }

            string? type = candidate.ArtifactType;
            if (type == null && Filter.ArtifactTypes.Count > 0)
            {
                ReferrerManifest manifest = ReferrerManifest.Parse(candidate.Referrer, await _session.GetManifestAsync(source, candidate.Referrer, cancellationToken).ConfigureAwait(false));
                type = candidate.Source == ReferrerSource.DigestTag ? manifest.DigestTagArtifactType : manifest.ListedArtifactType;
            }

            if (!Filter.Matches(type))
            {
                _log.Log(LogLevel.Debug, $"Referrers: {digest} ({type ?? "no artifact type"}) of {subject} is left out by the filter ({Filter}).");
                return;
            }

            next.Add(new ReferrerRoot(candidate.Referrer, subject, candidate.Source, candidate.Tag, type, depth, candidate.Entry));
        }

        /// <summary>The root, and for an index its child manifests: the subjects of depth-1 referrers.</summary>
        private async Task<List<Digest>> SubjectsOfAsync(IReadOnlyTarget source, Descriptor root, CancellationToken cancellationToken)
        {
            var subjects = new List<Digest> { root.Digest };
            if (MediaTypes.IsIndex(root.MediaType))
            {
                byte[] content = await _session.GetManifestAsync(source, root, cancellationToken).ConfigureAwait(false);
                foreach (Descriptor child in ManifestInfo.Parse(root, content).Children)
                {
                    if (MediaTypes.IsManifestOrIndex(child.MediaType) && !subjects.Contains(child.Digest))
                    {
                        subjects.Add(child.Digest);
                    }
                }
            }

            return subjects;
        }

        private IReferrerFinder FinderFor(IReadOnlyTarget source, string? repository, bool asBundle)
        {
            if (asBundle && source is IBundleCatalog catalog)
            {
                return new BundleReferrerFinder(MapOf(catalog, source), repository);
            }

            string key = TargetIdentity.Of(source);
            string registry = source is IBlobMounter mounter ? mounter.RegistryName : key;
            return _registries.GetOrAdd(key, _ => new RegistryReferrerFinder(source, registry, _apiSupport, Filter, (d, t) => _session.GetManifestAsync(source, d, t), _log));
        }

        private Lazy<Task<BundleReferrerMap>> MapOf(IBundleCatalog catalog, IReadOnlyStorage storage) =>
            _bundles.GetValue(catalog, c => new Lazy<Task<BundleReferrerMap>>(
                () => BundleReferrerFinder.BuildAsync(c, (d, t) => _session.GetManifestAsync(storage, d, t), _log, CancellationToken.None),
                LazyThreadSafetyMode.ExecutionAndPublication));
    }
}
