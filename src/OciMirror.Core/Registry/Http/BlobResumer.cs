using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Diagnostics;
using OciMirror.Core.Errors;

namespace OciMirror.Core.Registry.Http
{
    /// <summary>
    /// Asks again for the rest of a blob whose body broke: a GET with <c>Range: bytes=N-</c> to the URL
    /// that served the body (a redirect target such as object storage, without the registry's
    /// Authorization, per the transport's origin rule), falling back to the registry's own URL when that
    /// host answers 403/404 (pre-signed URLs expire). Judges the answer: 206 whose Content-Range starts at
    /// N continues there; 200 (Range ignored) continues after skipping N bytes; anything else is a failure.
    /// </summary>
    internal sealed class BlobResumer
    {
        private readonly RegistryTransport _transport;
        private readonly RegistryRequest _request;
        private readonly long _size;
        private Uri? _served;

        /// <param name="transport">Sends the resume requests (auth, retries, redirects).</param>
        /// <param name="request">The original blob GET.</param>
        /// <param name="size">The blob's size from its descriptor.</param>
        /// <param name="served">The URL that answered the original GET (after redirects), if known.</param>
        public BlobResumer(RegistryTransport transport, RegistryRequest request, long size, Uri? served)
        {
            _transport = transport;
            _request = request;
            _size = size;
            _served = served;
        }

        /// <summary>
        /// Requests the blob from byte <paramref name="offset"/> on. Returns the response to read on and how
        /// many leading bytes of its body to discard, or (null, 0, why) when resuming is impossible.
        /// </summary>
        /// <exception cref="OperationCanceledException">When <paramref name="cancellationToken"/> is cancelled.</exception>
        public async Task<(HttpResponseMessage? Response, long Skip, string? Failure)> ResumeAsync(long offset, CancellationToken cancellationToken)
        {
            Uri registryUrl = await RegistryUrlAsync(cancellationToken).ConfigureAwait(false);
            Uri? target = _served != null && _served != registryUrl ? _served : null;
            try
            {
                HttpResponseMessage response = await SendAsync(offset, target, cancellationToken).ConfigureAwait(false);
                int status = (int)response.StatusCode;
                if (target != null && (status == 403 || status == 404))
                {
                    response.Dispose();
                    _transport.Log.Log(LogLevel.Verbose, $"{target.Authority} refused to resume {_request.Digest} ({status}); asking registry {_request.Registry} again.");
                    _served = null;
                    response = await SendAsync(offset, null, cancellationToken).ConfigureAwait(false);
                }

                return Judge(response, offset);
            }
            catch (OciException e)
            {
                return (null, 0, e.Message.TrimEnd('.'));
            }
        }

        private async Task<HttpResponseMessage> SendAsync(long offset, Uri? target, CancellationToken cancellationToken)
        {
            HttpResponseMessage response = await _transport.SendAsync(_request.ForRange(offset, target), cancellationToken).ConfigureAwait(false);
            _served = response.RequestMessage?.RequestUri ?? _served;
            return response;
        }

        private (HttpResponseMessage? Response, long Skip, string? Failure) Judge(HttpResponseMessage response, long offset)
        {
            int status = (int)response.StatusCode;
            string who = _served?.Authority ?? _request.Registry;
            string? failure = null;
            long skip = 0;
            if (status == 206)
            {
                var range = response.Content?.Headers.ContentRange;
                bool matches = range != null && string.Equals(range.Unit, "bytes", StringComparison.OrdinalIgnoreCase)
                    && range.From == offset && (!range.Length.HasValue || range.Length.Value == _size);
                failure = matches ? null : $"{who} answered 206 with Content-Range '{range?.ToString() ?? "(none)"}' instead of bytes {offset}-{_size - 1}/{_size}";
            }
            else if (status == 200)
            {
                long? length = response.Content?.Headers.ContentLength;
                skip = offset;
                failure = !length.HasValue || length.Value == _size ? null : $"{who} ignored the Range and announced {length.Value} bytes instead of {_size}";
                if (failure == null)
                {
                    _transport.Log.Log(LogLevel.Debug, $"{who} ignored the Range request for {_request.Digest}; skipping the first {offset} bytes of the new body.");
                }
            }
            else
            {
                failure = $"{who} answered {status} {response.ReasonPhrase} to 'Range: bytes={offset}-'";
            }

            if (failure != null)
            {
                response.Dispose();
                return (null, 0, failure);
            }

            return (response, skip, null);
        }

        private async Task<Uri> RegistryUrlAsync(CancellationToken cancellationToken)
        {
            Uri baseUri = await _transport.Endpoints.GetBaseUriAsync(_request.ApiHost, cancellationToken).ConfigureAwait(false);
            return _request.AbsoluteUri ?? new Uri(baseUri, _request.PathAndQuery.TrimStart('/'));
        }
    }
}
