using System;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;

namespace OciMirror.Core.Registry.Http
{
    /// <summary>
    /// A response's content with every read of its body through an <see cref="IdleTimeoutStream"/>:
    /// <see cref="RegistryTransport"/> puts it in place of the content of every response it returns, so blobs,
    /// manifests, tag lists, tokens and error bodies all fail on a stalled peer instead of hanging. The
    /// original content's headers are copied; disposing this disposes the original.
    /// </summary>
    internal sealed class IdleTimeoutContent : HttpContent
    {
        private readonly HttpContent _inner;
        private readonly TimeSpan _idle;

        public IdleTimeoutContent(HttpContent inner, TimeSpan idle)
        {
            _inner = inner;
            _idle = idle;
            foreach (var header in inner.Headers)
            {
                Headers.TryAddWithoutValidation(header.Key, header.Value);
            }
        }

        /// <summary>Replaces <paramref name="response"/>'s content when <paramref name="idle"/> is a real timeout.</summary>
        public static void Apply(HttpResponseMessage response, TimeSpan idle)
        {
            if (response.Content != null && IdleWatchdog.IsEnabled(idle) && !(response.Content is IdleTimeoutContent))
            {
                response.Content = new IdleTimeoutContent(response.Content, idle);
            }
        }

        protected override async Task<Stream> CreateContentReadStreamAsync() =>
            new IdleTimeoutStream(await _inner.ReadAsStreamAsync().ConfigureAwait(false), _idle);

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            using Stream body = await CreateContentReadStreamAsync().ConfigureAwait(false);
            await body.CopyToAsync(stream).ConfigureAwait(false);
        }

        protected override bool TryComputeLength(out long length)
        {
            long? known = _inner.Headers.ContentLength;
            length = known ?? -1;
            return known.HasValue;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
