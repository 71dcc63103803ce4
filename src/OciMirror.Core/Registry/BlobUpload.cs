using System;
using System.Globalization;
using System.IO;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Errors;
using OciMirror.Core.Model;
using OciMirror.Core.Registry.Http;

namespace OciMirror.Core.Registry
{
    /// <summary>
    /// One blob upload (distribution spec v1.1 "Pushing blobs"). The body-less POST that opens the
    /// session goes first, so authentication (push+pull scope) is settled before any non-rewindable body
    /// is sent. Blobs up to <see cref="RegistryAccessOptions.ChunkedUploadThreshold"/> go in one
    /// monolithic PUT; larger ones in PATCH chunks of <see cref="RegistryAccessOptions.UploadChunkSize"/>
    /// bytes, each to the Location the previous answer gave, closed by a body-less PUT with the digest.
    /// </summary>
    internal sealed class BlobUpload
    {
        private readonly RegistryTransport _transport;
        private readonly RegistryRepository _repository;
        private readonly Descriptor _blob;

        public BlobUpload(RegistryTransport transport, RegistryRepository repository, Descriptor blob)
        {
            _transport = transport;
            _repository = repository;
            _blob = blob;
        }

        public async Task RunAsync(Stream content, CancellationToken cancellationToken)
        {
            string start = $"/v2/{_repository.RepositoryName}/blobs/uploads/";
            RegistryRequest post = _repository.UploadRequest(HttpMethod.Post, start, "push blob", _blob.Digest);
            Uri location;
            using (HttpResponseMessage response = await _transport.SendAsync(post, cancellationToken).ConfigureAwait(false))
            {
                location = await NextLocationAsync(response, post, await _repository.BaseUriAsync(start, cancellationToken).ConfigureAwait(false), 202, cancellationToken).ConfigureAwait(false);
            }

            if (_blob.Size > _transport.ChunkedUploadThreshold)
            {
                for (long offset = 0; offset < _blob.Size;)
                {
                    long length = Math.Min(_transport.UploadChunkSize, _blob.Size - offset);
                    RegistryRequest patch = Body(new HttpMethod("PATCH"), location, content, length, final: offset + length == _blob.Size);
                    patch.Content = WithRange(patch.Content!, offset, length);
                    using HttpResponseMessage response = await _transport.SendAsync(patch, cancellationToken).ConfigureAwait(false);
                    location = await NextLocationAsync(response, patch, location, 202, cancellationToken).ConfigureAwait(false);
                    offset += length;
                }

                RegistryRequest close = _repository.UploadRequest(HttpMethod.Put, string.Empty, "push blob", _blob.Digest);
                close.AbsoluteUri = WithDigest(location);
                close.Content = () => new ByteArrayContent(Array.Empty<byte>());
                close.Retry = false;
                await ExpectCreatedAsync(close, cancellationToken).ConfigureAwait(false);
                return;
            }

            RegistryRequest put = Body(HttpMethod.Put, WithDigest(location), content, _blob.Size, final: true);
            await ExpectCreatedAsync(put, cancellationToken).ConfigureAwait(false);
        }

        private RegistryRequest Body(HttpMethod method, Uri uri, Stream content, long length, bool final)
        {
            RegistryRequest request = _repository.UploadRequest(method, uri.PathAndQuery, "push blob", _blob.Digest);
            request.AbsoluteUri = uri;
            request.BodyLength = length;
            request.Resendable = false;
            request.Retry = false;
            request.Content = () => new UploadContent(content, length, final, _blob)
            {
                Headers = { ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/octet-stream") },
            };
            return request;
        }

        // The distribution spec's Content-Range is "<start>-<end>" (inclusive), not RFC 9110's "bytes a-b/n".
        private static Func<HttpContent> WithRange(Func<HttpContent> inner, long offset, long length) => () =>
        {
            HttpContent content = inner();
            content.Headers.TryAddWithoutValidation("Content-Range", offset.ToString(CultureInfo.InvariantCulture) + "-" + (offset + length - 1).ToString(CultureInfo.InvariantCulture));
            return content;
        };

        private Uri WithDigest(Uri location) =>
            new Uri(location.AbsoluteUri + (string.IsNullOrEmpty(location.Query) ? "?" : "&") + "digest=" + Uri.EscapeDataString(_blob.Digest.ToString()));

        private async Task<Uri> NextLocationAsync(HttpResponseMessage response, RegistryRequest request, Uri current, int expected, CancellationToken cancellationToken)
        {
            if ((int)response.StatusCode != expected)
            {
                throw await RegistryErrorMapper.FromResponseAsync(response, request, false, cancellationToken).ConfigureAwait(false);
            }

            // Location may be absolute or relative, and may carry its own query (session state).
            if (response.Headers.Location == null || !Uri.TryCreate(current, response.Headers.Location, out Uri? next))
            {
                throw new OciException(OciErrorKind.ProtocolError, $"Cannot push blob {request.Reference}: registry {request.Registry} answered {expected} without an upload Location.")
                {
                    Registry = request.Registry, Reference = request.Reference, Digest = _blob.Digest, StatusCode = expected,
                };
            }

            return next;
        }

        private async Task ExpectCreatedAsync(RegistryRequest request, CancellationToken cancellationToken)
        {
            using HttpResponseMessage response = await _transport.SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw await RegistryErrorMapper.FromResponseAsync(response, request, false, cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
