using System.IO;
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
    public sealed partial class RegistryRepository
    {
        /// <summary>
        /// Stores <paramref name="expected"/>: a manifest or index with one PUT by digest (bytes read in
        /// full, at most 4 MiB, and checked first); a blob with a streamed upload (see
        /// <see cref="BlobUpload"/>). Exactly <c>expected.Size</c> bytes are sent. The caller keeps
        /// ownership of <paramref name="content"/>. Existing content is not probed here: the copy engine
        /// already asked <see cref="ExistsAsync"/>, and registries accept a repeated push.
        /// </summary>
        /// <exception cref="OciException">DigestMismatch when the bytes do not match; ContentTooLarge for a manifest over 4 MiB; registry errors as mapped.</exception>
        public async Task PushAsync(Descriptor expected, Stream content, CancellationToken cancellationToken)
        {
            if (!MediaTypes.IsManifestOrIndex(expected.MediaType))
            {
                await new BlobUpload(_transport, this, expected).RunAsync(content, cancellationToken).ConfigureAwait(false);
                return;
            }

            byte[] bytes = await ReadExactlyAsync(expected, content, cancellationToken).ConfigureAwait(false);
            await PutManifestAsync(expected, expected.Digest.ToString(), bytes, cancellationToken).ConfigureAwait(false);
            _manifests.Add(expected.Digest, bytes);
        }

        /// <summary>
        /// Points <paramref name="reference"/> (a tag) at the manifest <paramref name="target"/> with a
        /// PUT of its exact bytes, taken from this repository's cache or fetched (and verified) by digest.
        /// </summary>
        /// <exception cref="OciException">NotFound when the manifest is not in the repository; registry errors as mapped.</exception>
        public async Task TagAsync(Descriptor target, string reference, CancellationToken cancellationToken)
        {
            byte[]? bytes = _manifests.TryGet(target.Digest);
            if (bytes == null || bytes.LongLength != target.Size)
            {
                bytes = await this.FetchAllAsync(target, cancellationToken).ConfigureAwait(false);
            }

            await PutManifestAsync(target, reference, bytes, cancellationToken).ConfigureAwait(false);
        }

        /// <summary>
        /// POST <c>/blobs/uploads/?mount=&amp;from=</c> (spec v1.1 "Mounting a blob from another
        /// repository"). 201 means mounted; 202 means the registry started an upload instead, which is
        /// cancelled with a DELETE (failures ignored) before returning false.
        /// </summary>
        /// <exception cref="OciException">Any other registry answer, as mapped.</exception>
        public async Task<bool> MountAsync(Descriptor blob, string fromRepository, CancellationToken cancellationToken)
        {
            RegistryRequest request = UploadRequest(HttpMethod.Post, $"/v2/{RepositoryName}/blobs/uploads/?mount={blob.Digest}&from={System.Uri.EscapeDataString(fromRepository)}", "mount blob", blob.Digest);
            request.Scopes = new[] { Auth.TokenScopes.Repository(RepositoryName, push: true), Auth.TokenScopes.Repository(fromRepository, push: false) };
            using HttpResponseMessage response = await _transport.SendAsync(request, cancellationToken).ConfigureAwait(false);
            if ((int)response.StatusCode == 201)
            {
                return true;
            }

            if ((int)response.StatusCode != 202)
            {
                throw await MapAsync(response, request, cancellationToken).ConfigureAwait(false);
            }

            if (response.Headers.Location != null)
            {
                System.Uri.TryCreate(await BaseUriAsync(request.PathAndQuery, cancellationToken).ConfigureAwait(false), response.Headers.Location, out System.Uri? location);
                await CancelUploadAsync(location, blob.Digest, cancellationToken).ConfigureAwait(false);
            }

            return false;
        }

        /// <summary>Best-effort DELETE of an upload session (spec v1.1 "Canceling an upload").</summary>
        internal async Task CancelUploadAsync(System.Uri? location, Digest digest, CancellationToken cancellationToken)
        {
            if (location == null)
            {
                return;
            }

            RegistryRequest delete = UploadRequest(HttpMethod.Delete, location.PathAndQuery, "cancel upload", digest);
            delete.AbsoluteUri = location;
            delete.Retry = false;
            try
            {
                using HttpResponseMessage response = await _transport.SendAsync(delete, cancellationToken).ConfigureAwait(false);
            }
            catch (OciException)
            {
                // The registry expires abandoned uploads itself.
            }
        }

        /// <summary>The absolute URI of a registry path (the base of relative Location headers).</summary>
        internal async Task<System.Uri> BaseUriAsync(string pathAndQuery, CancellationToken cancellationToken) =>
            new System.Uri(await _transport.Endpoints.GetBaseUriAsync(_apiHost, cancellationToken).ConfigureAwait(false), pathAndQuery.TrimStart('/'));

        /// <summary>A request of the upload protocol: push scope, errors naming the blob.</summary>
        internal RegistryRequest UploadRequest(HttpMethod method, string pathAndQuery, string operation, Digest digest) =>
            new RegistryRequest(method, RegistryName, _apiHost, pathAndQuery)
            {
                Operation = operation,
                Repository = RepositoryName,
                Reference = Subject(digest.ToString()),
                Digest = digest,
                Scopes = new[] { Auth.TokenScopes.Repository(RepositoryName, push: true) },
            };

        private async Task PutManifestAsync(Descriptor target, string tagOrDigest, byte[] bytes, CancellationToken cancellationToken)
        {
            RegistryRequest put = ManifestRequest(HttpMethod.Put, tagOrDigest, "push manifest", target.Digest);
            put.Accept = null;
            put.BodyLength = bytes.LongLength;
            put.Content = () => new ByteArrayContent(bytes) { Headers = { ContentType = new MediaTypeHeaderValue(target.MediaType) } };
            using HttpResponseMessage response = await _transport.SendAsync(put, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                OciException refused = await MapAsync(response, put, cancellationToken).ConfigureAwait(false);
                throw ForeignLayerRefusal.Explain(refused, bytes) ?? refused;
            }
        }

        private async Task<byte[]> ReadExactlyAsync(Descriptor expected, Stream content, CancellationToken cancellationToken)
        {
            if (expected.Size > OciLimits.MaxManifestBytes)
            {
                throw new OciException(OciErrorKind.ContentTooLarge, $"Manifest {expected.Digest} is {expected.Size} bytes, over the {OciLimits.MaxManifestBytes}-byte limit.") { Digest = expected.Digest, Registry = RegistryName };
            }

            var bytes = new byte[expected.Size];
            int offset = 0;
            int n = 1;
            while (offset < bytes.Length && (n = await content.ReadAsync(bytes, offset, bytes.Length - offset, cancellationToken).ConfigureAwait(false)) > 0)
            {
                offset += n;
            }

            // One more read: a verifying stream checks the digest there, and trailing bytes are an error too.
            bool longer = offset == bytes.Length && await content.ReadAsync(new byte[1], 0, 1, cancellationToken).ConfigureAwait(false) > 0;
            if (offset < bytes.Length || longer || Hash(expected.Digest, bytes) != expected.Digest)
            {
                throw new OciException(OciErrorKind.DigestMismatch, $"The manifest to push does not match {expected}; nothing was sent.") { Digest = expected.Digest, Registry = RegistryName };
            }

            return bytes;
        }
    }
}
