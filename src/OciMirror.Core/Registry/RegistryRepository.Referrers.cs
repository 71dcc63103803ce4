using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Content;
using OciMirror.Core.Errors;
using OciMirror.Core.Model;
using OciMirror.Core.Registry.Http;

namespace OciMirror.Core.Registry
{
    /// <summary>The referrers API and the conditional tag updates of the referrers tag schema (distribution-spec 1.1).</summary>
    public sealed partial class RegistryRepository : IReferrerLister, IConditionalManifestStore
    {
        private const int MaxReferrerPages = 1000;
        private readonly ConcurrentDictionary<Digest, byte> _acknowledgedSubjects = new ConcurrentDictionary<Digest, byte>();

        /// <summary>
        /// GET <c>/v2/&lt;name&gt;/referrers/&lt;digest&gt;[?artifactType=…]</c>, following <c>Link: rel="next"</c>
        /// pages. 404 or 405 mean the registry has no referrers API (the spec forbids 404 to a registry that
        /// has one): null, so that the caller uses the referrers tag schema.
        /// </summary>
        /// <exception cref="OciException">Any other failure; ProtocolError for a body that is not an image index.</exception>
        public async Task<ReferrerListing?> ListReferrersAsync(Digest subject, string? artifactType, CancellationToken cancellationToken)
        {
            string first = $"/v2/{RepositoryName}/referrers/{subject}" + (string.IsNullOrEmpty(artifactType) ? string.Empty : "?artifactType=" + Uri.EscapeDataString(artifactType));
            Uri page = await BaseUriAsync(first, cancellationToken).ConfigureAwait(false);
            var referrers = new List<Descriptor>();
            bool filtered = !string.IsNullOrEmpty(artifactType);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            while (seen.Add(page.AbsoluteUri) && seen.Count <= MaxReferrerPages)
            {
                var request = new RegistryRequest(HttpMethod.Get, RegistryName, _apiHost, page.PathAndQuery)
                {
                    AbsoluteUri = page,
                    Accept = new[] { MediaTypes.OciIndex },
                    Operation = "list referrers of",
                    Repository = RepositoryName,
                    Reference = Subject(subject.ToString()),
                    Digest = subject,
                    Scopes = new[] { Auth.TokenScopes.Repository(RepositoryName, push: false) },
                };
                using HttpResponseMessage response = await _transport.SendAsync(request, cancellationToken).ConfigureAwait(false);
                int status = (int)response.StatusCode;
                if (status == 404 || status == 405)
                {
                    return null;
                }

                if (!response.IsSuccessStatusCode)
                {
                    throw await MapAsync(response, request, cancellationToken).ConfigureAwait(false);
                }

                filtered &= response.Headers.TryGetValues("OCI-Filters-Applied", out IEnumerable<string>? applied)
                    && applied.SelectMany(v => v.Split(',')).Any(v => string.Equals(v.Trim(), "artifactType", StringComparison.OrdinalIgnoreCase));
                byte[] body = await ReadManifestAsync(response, request, cancellationToken).ConfigureAwait(false);
                referrers.AddRange(ParseReferrerPage(body, request));
                Uri? next = LinkHeader.Next(response, page);
                if (next == null)
                {
                    return new ReferrerListing(referrers, filtered);
                }

                page = next;
            }

            throw new OciException(OciErrorKind.ProtocolError, $"Cannot list referrers of {Subject(subject.ToString())}: registry {RegistryName} paginates in a loop or beyond {MaxReferrerPages} pages.")
            {
                Registry = RegistryName, Reference = Subject(subject.ToString()), Digest = subject,
            };
        }

        /// <inheritdoc />
        public bool AcknowledgedSubject(Digest manifest) => _acknowledgedSubjects.ContainsKey(manifest);

        /// <summary>GET <c>/manifests/&lt;tag&gt;</c> (every manifest type accepted); null on 404. The bytes are hashed here.</summary>
        /// <exception cref="OciException">Any other failure; ContentTooLarge over 4 MiB; DigestMismatch when the registry's digest header disagrees.</exception>
        public async Task<TaggedManifest?> GetTaggedManifestAsync(string tag, CancellationToken cancellationToken)
        {
            RegistryRequest get = ManifestRequest(HttpMethod.Get, tag, "read tag", null);
            using HttpResponseMessage response = await _transport.SendAsync(get, cancellationToken).ConfigureAwait(false);
            if ((int)response.StatusCode == 404)
            {
                return null;
            }

            if (!response.IsSuccessStatusCode)
            {
                throw await MapAsync(response, get, cancellationToken).ConfigureAwait(false);
            }

            byte[] content = await ReadManifestAsync(response, get, cancellationToken).ConfigureAwait(false);
            Digest digest = Digest.Compute(content);
            if (response.Headers.TryGetValues("Docker-Content-Digest", out IEnumerable<string>? values)
                && Digest.TryParse(values.FirstOrDefault()?.Trim(), out Digest announced) && announced.Algorithm == "sha256" && announced != digest)
            {
                throw new OciException(OciErrorKind.DigestMismatch, $"The manifest of {get.Reference} hashes to {digest}, but the registry says {announced}.") { Registry = RegistryName, Reference = get.Reference, Digest = announced };
            }

            string mediaType = response.Content.Headers.ContentType?.MediaType ?? string.Empty;
            string? entityTag = response.Headers.TryGetValues("ETag", out IEnumerable<string>? tags) ? tags.FirstOrDefault() : null;
            return new TaggedManifest(new Descriptor(mediaType, digest, content.LongLength), content, entityTag);
        }

        /// <summary>PUT <c>/manifests/&lt;tag&gt;</c> with If-Match or If-None-Match; false on 412.</summary>
        /// <exception cref="OciException">Any other failure, as mapped from the registry's answer.</exception>
        public async Task<bool> PutTaggedManifestAsync(string tag, string mediaType, byte[] content, string? ifMatch, bool mustNotExist, CancellationToken cancellationToken)
        {
            RegistryRequest put = ManifestRequest(HttpMethod.Put, tag, "push manifest", Digest.Compute(content));
            put.Accept = null;
            put.BodyLength = content.LongLength;
            put.Content = () => new ByteArrayContent(content) { Headers = { ContentType = new MediaTypeHeaderValue(mediaType) } };
            if (ifMatch != null)
            {
                put.Headers = new[] { new KeyValuePair<string, string>("If-Match", ifMatch) };
            }
            else if (mustNotExist)
            {
                put.Headers = new[] { new KeyValuePair<string, string>("If-None-Match", "*") };
            }

            using HttpResponseMessage response = await _transport.SendAsync(put, cancellationToken).ConfigureAwait(false);
            if ((int)response.StatusCode == 412)
            {
                return false;
            }

            if (!response.IsSuccessStatusCode)
            {
                throw await MapAsync(response, put, cancellationToken).ConfigureAwait(false);
            }

            _manifests.Add(put.Digest!.Value, content);
            return true;
        }

        /// <summary>Remembers that the registry indexed the subject of <paramref name="manifest"/> (an <c>OCI-Subject</c> response header).</summary>
        private void RecordSubject(HttpResponseMessage response, Digest manifest)
        {
            if (response.Headers.Contains("OCI-Subject"))
            {
                _acknowledgedSubjects.TryAdd(manifest, 0);
            }
        }

        private static IEnumerable<Descriptor> ParseReferrerPage(byte[] body, RegistryRequest request)
        {
            try
            {
                return ManifestInfo.Parse(new Descriptor(MediaTypes.OciIndex, Digest.Compute(body), body.LongLength), body).Children;
            }
            catch (OciException e)
            {
                throw new OciException(OciErrorKind.ProtocolError, $"Cannot list referrers of {request.Reference}: registry {request.Registry} did not send an image index ({e.Message}).", e)
                {
                    Registry = request.Registry, Reference = request.Reference, Digest = request.Digest,
                };
            }
        }
    }
}
