using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Content;
using OciMirror.Core.Diagnostics;
using OciMirror.Core.Errors;
using OciMirror.Core.Model;

namespace OciMirror.Core.Referrers
{
    /// <summary>
    /// Referrers in one registry repository: the referrers API first (distribution-spec 1.1, filtered by
    /// artifact type when one is asked for); when the registry has none, the referrers tag schema
    /// (<c>sha256-&lt;hex&gt;</c>); and always cosign's digest tags. Whether a registry has the API is learnt
    /// once per registry and remembered in <see cref="ApiSupport"/>.
    /// </summary>
    internal sealed class RegistryReferrerFinder : IReferrerFinder
    {
        private readonly IReadOnlyTarget _repository;
        private readonly string _registryKey;
        private readonly ConcurrentDictionary<string, bool> _apiSupport;
        private readonly ReferrerFilter _filter;
        private readonly ManifestReader _read;
        private readonly TagPresence _tags;
        private readonly ILogSink _log;

        public RegistryReferrerFinder(IReadOnlyTarget repository, string registryKey, ConcurrentDictionary<string, bool> apiSupport, ReferrerFilter filter, ManifestReader read, ILogSink log)
        {
            _repository = repository;
            _registryKey = registryKey;
            _apiSupport = apiSupport;
            _filter = filter;
            _read = read;
            _log = log;
            _tags = new TagPresence(repository, log);
        }

        public async Task<IReadOnlyList<ReferrerCandidate>> FindAsync(Digest subject, CancellationToken cancellationToken)
        {
            var found = new List<ReferrerCandidate>();
            bool listed = false;
            if (_repository is IReferrerLister lister && (!_apiSupport.TryGetValue(_registryKey, out bool known) || known))
            {
                ReferrerListing? listing = await lister.ListReferrersAsync(subject, _filter.SingleType, cancellationToken).ConfigureAwait(false);
                _apiSupport[_registryKey] = listing != null;
                if (listing != null)
                {
                    listed = true;
                    foreach (Descriptor referrer in listing.Referrers)
                    {
                        if (listing.FilterApplied || _filter.Matches(referrer.ArtifactType))
                        {
                            found.Add(new ReferrerCandidate(referrer, ReferrerSource.ReferrersApi, null, referrer.ArtifactType));
                        }
                    }
                }
            }

            if (!listed)
            {
                // Spec "Listing Referrers": a 404 from the API means the client MUST use the tag schema.
                await AddTagSchemaAsync(subject, found, cancellationToken).ConfigureAwait(false);
            }

            foreach (string tag in ReferrerTags.DigestTags(subject))
            {
                Descriptor? tagged = await _tags.FindAsync(tag, cancellationToken).ConfigureAwait(false);
                if (tagged != null)
                {
                    found.Add(new ReferrerCandidate(tagged, ReferrerSource.DigestTag, tag, null));
                }
            }

            return found;
        }

        private async Task AddTagSchemaAsync(Digest subject, List<ReferrerCandidate> found, CancellationToken cancellationToken)
        {
            string tag = ReferrerTags.TagSchemaTag(subject);
            Descriptor? index = await _tags.FindAsync(tag, cancellationToken).ConfigureAwait(false);
            if (index == null)
            {
                return;
            }

            if (!MediaTypes.IsIndex(index.MediaType))
            {
                // Spec: a tag that is not a valid image index means "no referrers".
                _log.Log(LogLevel.Warning, $"{_repository}:{tag} should hold the referrers index of {subject} but holds {index.MediaType}; it is ignored.");
                return;
            }

            byte[] content = await _read(index, cancellationToken).ConfigureAwait(false);
            foreach (Descriptor referrer in ListedDescriptors(index, content))
            {
                found.Add(new ReferrerCandidate(referrer, ReferrerSource.TagSchema, null, referrer.ArtifactType));
            }
        }

        /// <summary>The manifests an index lists, with their artifact types and annotations.</summary>
        /// <exception cref="OciException">ProtocolError for malformed JSON.</exception>
        internal static IReadOnlyList<Descriptor> ListedDescriptors(Descriptor index, byte[] content) =>
            ManifestInfo.Parse(new Descriptor(MediaTypes.OciIndex, index.Digest, index.Size), content).Children;
    }
}
