using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Content;
using OciMirror.Core.Errors;
using OciMirror.Core.Model;
using OciMirror.Core.References;
using OciMirror.Core.Registry.Auth;
using OciMirror.Core.Registry.Http;

namespace OciMirror.Core.Registry
{
    /// <summary>
    /// One repository of a registry as a copy target, speaking the distribution spec v1.1 API through
    /// the owning <see cref="RegistryClient"/> (which must outlive it). Thread-safe. Also lists tags and
    /// mounts blobs across repositories of the same registry.
    /// </summary>
    public sealed partial class RegistryRepository : ITarget, ITagLister, IBlobMounter
    {
        private readonly RegistryTransport _transport;
        private readonly string _apiHost;
        private readonly ManifestCache _manifests = new ManifestCache();

        internal RegistryRepository(RegistryTransport transport, Reference repository)
        {
            _transport = transport;
            _apiHost = repository.ApiHost;
            RegistryName = repository.Registry;
            RepositoryName = repository.Repository;
        }

        /// <inheritdoc />
        public string RegistryName { get; }

        /// <inheritdoc />
        public string RepositoryName { get; }

        /// <summary><c>registry/repository</c>.</summary>
        public override string ToString() => RegistryName + "/" + RepositoryName;

        /// <summary>
        /// Resolves a tag or digest (a full reference is reduced to its tag or digest) with one HEAD on the
        /// manifest endpoint; falls back to a GET (bytes hashed and cached) when the registry omits
        /// Docker-Content-Digest, Content-Type or Content-Length, or refuses HEAD.
        /// </summary>
        /// <exception cref="OciException">NotFound for an unknown tag or digest; others as mapped from the registry's answer.</exception>
        public async Task<Descriptor> ResolveAsync(string reference, CancellationToken cancellationToken)
        {
            string target = ResolveTarget(reference, out Digest? digest);
            RegistryRequest head = ManifestRequest(HttpMethod.Head, target, "resolve", digest);
            using (HttpResponseMessage response = await _transport.SendAsync(head, cancellationToken).ConfigureAwait(false))
            {
                if (response.IsSuccessStatusCode)
                {
                    Descriptor? described = Describe(response, digest);
                    if (described != null)
                    {
                        return described;
                    }
                }
                else if ((int)response.StatusCode != 405)
                {
                    throw await MapAsync(response, head, cancellationToken).ConfigureAwait(false);
                }
            }

            return await ResolveByGetAsync(target, digest, cancellationToken).ConfigureAwait(false);
        }

        /// <summary>
        /// Opens the content of <paramref name="target"/>: GET on the manifest endpoint for manifests and
        /// indexes (served from the cache when a resolve just fetched it), else on the blob endpoint,
        /// following redirects to object storage without the registry's credentials. A blob's stream resumes
        /// with <c>Range</c> when its connection breaks mid-body (see <see cref="ResumableBlobStream"/>). The
        /// stream is not verified; the caller disposes it, which releases the connection.
        /// </summary>
        /// <exception cref="OciException">NotFound; DigestMismatch when Content-Length differs from the descriptor's size.</exception>
        public async Task<Stream> FetchAsync(Descriptor target, CancellationToken cancellationToken)
        {
            bool manifest = MediaTypes.IsManifestOrIndex(target.MediaType);
            byte[]? cached = manifest ? _manifests.TryGet(target.Digest) : null;
            if (cached != null && cached.LongLength == target.Size)
            {
                return new MemoryStream(cached, writable: false);
            }

            RegistryRequest request = manifest
                ? ManifestRequest(HttpMethod.Get, target.Digest.ToString(), "fetch manifest", target.Digest, target.MediaType)
                : BlobRequest(HttpMethod.Get, target.Digest, "fetch blob");
            HttpResponseMessage response = await _transport.SendAsync(request, cancellationToken).ConfigureAwait(false);
            try
            {
                if (!response.IsSuccessStatusCode)
                {
                    throw await MapAsync(response, request, cancellationToken).ConfigureAwait(false);
                }

                long? length = response.Content.Headers.ContentLength;
                if (length.HasValue && length.Value != target.Size)
                {
                    throw new OciException(OciErrorKind.DigestMismatch, $"Registry {RegistryName} announced {length.Value} bytes for {request.Reference}, whose descriptor declares {target.Size}.")
                    {
                        Registry = RegistryName, Reference = request.Reference, Digest = target.Digest,
                    };
                }

                Stream body = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
                return manifest
                    ? new ResponseStream(body, response, request)
                    : new ResumableBlobStream(_transport, request, response, body, target.Size);
            }
            catch
            {
                response.Dispose();
                throw;
            }
        }

        /// <summary>HEAD on the manifest or blob endpoint: true on 2xx, false on 404.</summary>
        /// <exception cref="OciException">Any other failure, as mapped from the registry's answer.</exception>
        public async Task<bool> ExistsAsync(Descriptor target, CancellationToken cancellationToken)
        {
            RegistryRequest request = MediaTypes.IsManifestOrIndex(target.MediaType)
                ? ManifestRequest(HttpMethod.Head, target.Digest.ToString(), "check manifest", target.Digest, target.MediaType)
                : BlobRequest(HttpMethod.Head, target.Digest, "check blob");
            HttpResponseMessage response = await _transport.SendAsync(request, cancellationToken).ConfigureAwait(false);
            bool found = response.IsSuccessStatusCode;
            if (found || (int)response.StatusCode == 404)
            {
                response.Dispose();
                return found;
            }

            throw await MapAsync(response, request, cancellationToken).ConfigureAwait(false);
        }
    }
}
