using System;
using System.IO;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Errors;

namespace OciMirror.Core.Registry.Http
{
    /// <summary>
    /// The body of a streamed response. Disposing it disposes the response (returning the connection);
    /// a connection that breaks mid-body surfaces as <see cref="OciException"/> ConnectionFailed naming
    /// the registry and digest instead of a bare IOException.
    /// </summary>
    internal sealed class ResponseStream : Stream
    {
        private readonly Stream _inner;
        private readonly HttpResponseMessage _response;
        private readonly RegistryRequest _request;

        public ResponseStream(Stream inner, HttpResponseMessage response, RegistryRequest request)
        {
            _inner = inner;
            _response = response;
            _request = request;
        }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => _response.Content.Headers.ContentLength ?? throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) =>
            ReadAsync(buffer, offset, count, CancellationToken.None).GetAwaiter().GetResult();

        public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            try
            {
                return await _inner.ReadAsync(buffer, offset, count, cancellationToken).ConfigureAwait(false);
            }
            catch (StalledTransferException e) when (!cancellationToken.IsCancellationRequested)
            {
                throw e.For(_request);
            }
            catch (Exception e) when ((e is IOException || e is HttpRequestException) && !cancellationToken.IsCancellationRequested)
            {
                throw new OciException(OciErrorKind.ConnectionFailed, $"Cannot {_request.Operation} {RegistryErrorMapper.Subject(_request)}: the connection to registry {_request.Registry} broke while reading the body: {e.Message}", e)
                {
                    Registry = _request.Registry,
                    Reference = _request.Reference,
                    Digest = _request.Digest,
                };
            }
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _inner.Dispose();
                _response.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
