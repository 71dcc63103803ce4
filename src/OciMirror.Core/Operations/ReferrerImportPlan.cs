using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Content;
using OciMirror.Core.Model;
using OciMirror.Core.Referrers;

namespace OciMirror.Core.Operations
{
    /// <summary>
    /// Splits the entries an import handles into the artifacts themselves (imported first) and the
    /// referrers carried with them (imported after, each reported with its subject). A referrer entry is
    /// an untagged entry whose manifest has a subject, a cosign digest-tag entry, or a manifest listed by
    /// a referrers tag-schema entry (that index itself is not imported: the destination gets its own
    /// listing). Without a reference filter, every referrer entry the artifact-type filter keeps is
    /// carried, including those whose subject the bundle does not hold (issue 7 item 7); with one, the
    /// referrers of the selected entries (recursively). A tagged entry with a subject is an artifact the
    /// user named, not a carried referrer. Immutable once created.
    /// </summary>
    internal sealed class ReferrerImportPlan
    {
        private ReferrerImportPlan(IReadOnlyList<BundleEntry> primaries, IReadOnlyList<ReferrerImportItem> referrers)
        {
            Primaries = primaries;
            Referrers = referrers;
        }

        public IReadOnlyList<BundleEntry> Primaries { get; }

        /// <summary>Shallow ones first, then by name.</summary>
        public IReadOnlyList<ReferrerImportItem> Referrers { get; }

        /// <param name="named">True when the user gave a reference filter: <paramref name="selected"/> is what it matched.</param>
        public static async Task<ReferrerImportPlan> CreateAsync(IReadOnlyTarget bundle, IBundleCatalog catalog, IReadOnlyList<BundleEntry> entries, IReadOnlyList<BundleEntry> selected, bool named, ReferrerDiscovery discovery, CancellationToken cancellationToken)
        {
            BundleReferrerMap map = await discovery.BundleMapAsync(catalog, bundle).ConfigureAwait(false);
            var carriedKeys = new HashSet<string>(map.All().Where(p => IsCarried(p.Candidate)).Select(p => Key(p.Candidate.Entry!)), StringComparer.Ordinal);
            carriedKeys.UnionWith(map.TagIndexes.Select(Key));
            var found = new List<(BundleEntry Entry, Digest Subject, int Depth)>();
            List<BundleEntry> primaries;
            if (!named)
            {
                primaries = selected.Where(e => !carriedKeys.Contains(Key(e))).ToList();
                if (discovery.Filter.Include)
                {
                    found.AddRange(Included(map, discovery.Filter));
                }
            }
            else
            {
                primaries = selected.ToList();
                foreach (BundleEntry primary in primaries)
                {
                    string? repository = primary.FullName == null ? null : BundleReferrerFinder.RepositoryOf(primary.FullName);
                    foreach (ReferrerRoot root in await discovery.FindAsync(bundle, repository, primary.Descriptor, asBundle: true, cancellationToken).ConfigureAwait(false))
                    {
                        found.Add((root.Entry ?? new BundleEntry(root.Referrer, null, root.Tag), root.Subject, root.Depth));
                    }
                }
            }

            var primaryKeys = new HashSet<string>(primaries.Select(Key), StringComparer.Ordinal);
            var items = new List<ReferrerImportItem>();
            var names = new Dictionary<Digest, string>();
            foreach (BundleEntry entry in entries.Where(e => e.FullName != null))
            {
                names[entry.Descriptor.Digest] = BundleReferrerFinder.RepositoryOf(entry.FullName!) ?? string.Empty;
            }

            var keys = new HashSet<string>(StringComparer.Ordinal);
            foreach ((BundleEntry entry, Digest subject, int depth) in found.OrderBy(f => f.Depth))
            {
                BundleEntry renamed = NameUnder(entry, subject, names);
                if (primaryKeys.Contains(Key(entry)) || !keys.Add(Key(renamed)))
                {
                    continue;
                }

                items.Add(new ReferrerImportItem(renamed, subject, depth));
            }

            return new ReferrerImportPlan(primaries, items.OrderBy(i => i.Depth).ThenBy(i => i.Entry.ToString(), StringComparer.Ordinal).ToList());
        }

        /// <summary>Every carried referrer entry the filter keeps, each with a kept chain of subjects.</summary>
        private static IEnumerable<(BundleEntry, Digest, int)> Included(BundleReferrerMap map, ReferrerFilter filter)
        {
            var carried = map.All().Where(p => IsCarried(p.Candidate)).ToList();
            var byDigest = new Dictionary<Digest, (Digest Subject, ReferrerCandidate Candidate)>();
            foreach ((Digest subject, ReferrerCandidate candidate) in carried)
            {
                byDigest[candidate.Referrer.Digest] = (subject, candidate);
            }

            var depths = new Dictionary<Digest, int>();
            foreach ((Digest subject, ReferrerCandidate candidate) in carried)
            {
                int depth = DepthOf(candidate.Referrer.Digest, byDigest, filter, depths, 0);
                if (depth > 0)
                {
                    yield return (candidate.Entry!, subject, depth);
                }
            }
        }

        /// <summary>The depth of a carried referrer whose whole chain passes the filter; 0 when it, or a referrer it refers to, does not.</summary>
        private static int DepthOf(Digest referrer, Dictionary<Digest, (Digest Subject, ReferrerCandidate Candidate)> byDigest, ReferrerFilter filter, Dictionary<Digest, int> depths, int guard)
        {
            if (depths.TryGetValue(referrer, out int known))
            {
                return known;
            }

            (Digest subject, ReferrerCandidate candidate) = byDigest[referrer];
            int depth = 0;
            if (filter.Matches(candidate.ArtifactType) && guard < ReferrerDiscovery.MaxDepth)
            {
                if (!byDigest.ContainsKey(subject))
                {
                    depth = 1;
                }
                else
                {
                    int parent = DepthOf(subject, byDigest, filter, depths, guard + 1);
                    depth = parent > 0 ? parent + 1 : 0;
                }
            }

            depths[referrer] = depth;
            return depth;
        }

        /// <summary>An untagged referrer (for a copy, or a cosign tag entry) carried unless a tag names it: see the class remarks.</summary>
        private static bool IsCarried(ReferrerCandidate candidate) =>
            candidate.Entry != null && (candidate.Source != ReferrerSource.BundleEntry || candidate.Entry.Tag == null);

        /// <summary>An unnamed entry goes to its subject's repository when the bundle names that (oras backup leaves referrers unnamed).</summary>
        private static BundleEntry NameUnder(BundleEntry entry, Digest subject, Dictionary<Digest, string> names)
        {
            if (entry.FullName != null)
            {
                return entry;
            }

            if (!names.TryGetValue(subject, out string? repository) || repository.Length == 0)
            {
                return entry;
            }

            names[entry.Descriptor.Digest] = repository;
            string fullName = entry.Tag != null ? repository + ":" + entry.Tag : repository + "@" + entry.Descriptor.Digest;
            return new BundleEntry(entry.Descriptor, fullName, entry.Tag);
        }

        private static string Key(BundleEntry entry) => entry.FullName + "|" + entry.Tag + "|" + entry.Descriptor.Digest;
    }
}
