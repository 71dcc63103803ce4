using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Content;
using OciMirror.Core.Copy;
using OciMirror.Core.Diagnostics;
using OciMirror.Core.Errors;
using OciMirror.Core.Model;
using OciMirror.Core.References;

namespace OciMirror.Core.Referrers
{
    /// <summary>
    /// Referrers in a bundle, however its writer stored them: index.json entries whose manifest has a
    /// <c>subject</c> (ours, oras backup: untagged entries), cosign digest-tag entries
    /// (<c>repo:sha256-&lt;hex&gt;.sig</c>), and referrers tag-schema entries (<c>sha256-&lt;hex&gt;</c> tagged
    /// index, as regclient's ocidir writes), whose listed manifests need not be entries themselves. The
    /// entries are read once, on the first question. Thread-safe.
    /// </summary>
    internal sealed class BundleReferrerFinder : IReferrerFinder
    {
        private readonly string? _repository;
        private readonly Lazy<Task<BundleReferrerMap>> _map;

        /// <param name="map">The bundle's subjects and referrers, built on first use (<see cref="BuildAsync"/>).</param>
        /// <param name="repository">The subject's repository (<c>registry/path</c>): only referrers named in it, or unnamed, count. Null: any name.</param>
        public BundleReferrerFinder(Lazy<Task<BundleReferrerMap>> map, string? repository)
        {
            _map = map;
            _repository = repository;
        }

        public async Task<IReadOnlyList<ReferrerCandidate>> FindAsync(Digest subject, CancellationToken cancellationToken)
        {
            BundleReferrerMap map = await _map.Value.WaitOrCancelAsync(cancellationToken).ConfigureAwait(false);
            return map.Of(subject).Where(c => _repository == null || c.Entry?.FullName == null || RepositoryOf(c.Entry.FullName) == _repository).ToList();
        }

        /// <summary>The <c>registry/path</c> of a full name, or null when it does not parse.</summary>
        internal static string? RepositoryOf(string fullName) =>
            Reference.TryParse(fullName, out Reference? parsed, out _) ? parsed!.Name : null;

        /// <summary>Reads every entry of <paramref name="catalog"/> and maps subjects to their referrers.</summary>
        internal static async Task<BundleReferrerMap> BuildAsync(IBundleCatalog catalog, ManifestReader read, ILogSink log, CancellationToken cancellationToken)
        {
            IReadOnlyList<BundleEntry> entries = await catalog.ListEntriesAsync(cancellationToken).ConfigureAwait(false);
            var map = new BundleReferrerMap();
            var entryDigests = new HashSet<Digest>(entries.Select(e => e.Descriptor.Digest));
            foreach (BundleEntry entry in entries)
            {
                ReferrerManifest? manifest = await TryReadAsync(entry.Descriptor, read, log, cancellationToken).ConfigureAwait(false);
                if (manifest == null)
                {
                    continue;
                }

                if (ReferrerTags.TryParseSubject(entry.Tag, out Digest tagged, out string? suffix))
                {
                    if (suffix != null)
                    {
                        map.Add(tagged, new ReferrerCandidate(entry.Descriptor, ReferrerSource.DigestTag, entry.Tag, manifest.DigestTagArtifactType, entry));
                        continue;
                    }

                    if (manifest.IsIndex)
                    {
                        await AddTagIndexAsync(map, tagged, entry, entryDigests, read, log, cancellationToken).ConfigureAwait(false);
                        continue;
                    }
                }

                if (manifest.Subject != null)
                {
                    map.Add(manifest.Subject.Digest, new ReferrerCandidate(entry.Descriptor, ReferrerSource.BundleEntry, entry.Tag, manifest.ListedArtifactType, entry));
                }
            }

            return map;
        }

        private static async Task AddTagIndexAsync(BundleReferrerMap map, Digest subject, BundleEntry index, HashSet<Digest> entryDigests, ManifestReader read, ILogSink log, CancellationToken cancellationToken)
        {
            map.AddTagIndex(index);
            byte[] content = await read(index.Descriptor, cancellationToken).ConfigureAwait(false);
            string? repository = index.FullName == null ? null : RepositoryOf(index.FullName);
            foreach (Descriptor listed in RegistryReferrerFinder.ListedDescriptors(index.Descriptor, content))
            {
                if (entryDigests.Contains(listed.Digest))
                {
                    continue; // an entry of its own: found with its name above
                }

                string? type = listed.ArtifactType;
                if (type == null)
                {
                    type = (await TryReadAsync(listed, read, log, cancellationToken).ConfigureAwait(false))?.ListedArtifactType;
                }

                var entry = new BundleEntry(listed, repository == null ? null : repository + "@" + listed.Digest, null);
                map.Add(subject, new ReferrerCandidate(listed, ReferrerSource.TagSchema, null, type, entry));
            }
        }

        private static async Task<ReferrerManifest?> TryReadAsync(Descriptor descriptor, ManifestReader read, ILogSink log, CancellationToken cancellationToken)
        {
            if (descriptor.MediaType.Length != 0 && !MediaTypes.IsManifestOrIndex(descriptor.MediaType))
            {
                return null;
            }

            try
            {
                byte[] content = await read(descriptor, cancellationToken).ConfigureAwait(false);
                return ReferrerManifest.Parse(descriptor, content);
            }
            catch (OciException e)
            {
                // Damage is verify's and the copy's to report, with the entry's name; here it only hides a referrer.
                log.Log(LogLevel.Debug, $"Referrers: entry {descriptor.Digest} of the bundle cannot be read ({e.Message}).");
                return null;
            }
        }
    }
}
