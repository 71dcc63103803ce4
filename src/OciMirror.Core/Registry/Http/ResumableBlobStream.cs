using System;
using System.IO;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Diagnostics;
using OciMirror.Core.Errors;

namespace OciMirror.Core.Registry.Http
{
    /// <summary>
    /// The body of a blob download that survives a broken connection (DESIGN §7). When a read throws an
    /// IOException or HttpRequestException, or the body ends before the descriptor's size, it waits the
    /// retry policy's backoff and asks again from the first byte not yet yielded (see
    /// <see cref="BlobResumer"/>), at most <see cref="MaxResumes"/> times; each byte is yielded exactly once,
    /// in order, and nothing is buffered beyond one small scratch buffer for skipping. When it cannot
    /// resume it throws <see cref="OciException"/> ConnectionFailed naming the blob and the bytes that
    /// arrived. Disposing it disposes the current response.
    /// </summary>
    internal sealed class ResumableBlobStream : Stream
    {
        /// <summary>Resumes allowed per blob.</summary>
        public const int MaxResumes = 3;

        private readonly RegistryTransport _transport;
        private readonly RegistryRequest _request;
        private readonly BlobResumer _resumer;
        private readonly long _size;
        private HttpResponseMessage _response;
        private Stream _body;
        private byte[]? _scratch;
        private long _position;
        private long _skip;
        private int _resumes;

        /// <param name="transport">Sends resume requests and receives the log lines.</param>
        /// <param name="request">The original blob GET.</param>
        /// <param name="response">Its successful response (owned).</param>
        /// <param name="body">The response's body stream.</param>
        /// <param name="size">The blob's size from its descriptor.</param>
        public ResumableBlobStream(RegistryTransport transport, RegistryRequest request, HttpResponseMessage response, Stream body, long size)
        {
            _transport = transport;
            _request = request;
            _response = response;
            _body = body;
            _size = size;
            _resumer = new BlobResumer(transport, request, size, response.RequestMessage?.RequestUri);
        }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => _size;

        public override long Position
        {
            get => _position;
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) =>
            ReadAsync(buffer, offset, count, CancellationToken.None).GetAwaiter().GetResult();

        public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            if (count == 0)
            {
                return 0;
            }

            while (true)
            {
                Exception broken;
                try
                {
                    while (_skip > 0)
                    {
                        _scratch ??= new byte[16 * 1024];
                        int skipped = await _body.ReadAsync(_scratch, 0, (int)Math.Min(_scratch.Length, _skip), cancellationToken).ConfigureAwait(false);
                        _skip -= skipped > 0 ? skipped : throw new IOException($"The body ended {_skip} bytes before byte {_position}.");
                    }

                    int n = await _body.ReadAsync(buffer, offset, count, cancellationToken).ConfigureAwait(false);
                    if (n > 0 || _position >= _size)
                    {
                        _position += n;
                        return n;
                    }

                    broken = new IOException($"The body ended after {_position} of {_size} bytes.");
                }
                catch (Exception e) when ((e is IOException || e is HttpRequestException) && !cancellationToken.IsCancellationRequested)
                {
                    broken = e;
                }

                await ResumeAsync(broken, cancellationToken).ConfigureAwait(false);
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
                _body.Dispose();
                _response.Dispose();
            }

            base.Dispose(disposing);
        }

        private async Task ResumeAsync(Exception broken, CancellationToken cancellationToken)
        {
            if (_resumes >= MaxResumes)
            {
                throw GiveUp(broken, $"it was already resumed {MaxResumes} times");
            }

            int attempt = ++_resumes;
            _transport.Log.Log(LogLevel.Verbose, $"Resuming {_request.Digest} of {_request.Registry}/{_request.Repository} at byte {_position} of {_size} (attempt {attempt}/{MaxResumes}) after: {broken.Message.TrimEnd('.')}.");
            _body.Dispose();
            _response.Dispose();
            await _transport.Retry.Delay(_transport.Retry.GetDelay(attempt - 1, null), cancellationToken).ConfigureAwait(false);
            (HttpResponseMessage? response, long skip, string? failure) = await _resumer.ResumeAsync(_position, cancellationToken).ConfigureAwait(false);
            if (response == null)
            {
                throw GiveUp(broken, failure ?? "no response");
            }

            _response = response;
            _body = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
            _skip = skip;
        }

        private OciException GiveUp(Exception broken, string why) =>
            new OciException(broken is StalledTransferException ? OciErrorKind.Timeout : OciErrorKind.ConnectionFailed, $"Cannot {_request.Operation} {RegistryErrorMapper.Subject(_request)}: {(broken is StalledTransferException ? "the download from registry " + _request.Registry + " stalled" : "the connection to registry " + _request.Registry + " broke")} after {_position} of {_size} bytes ({broken.Message.TrimEnd('.')}) and the download could not be resumed: {why}.", broken)
            {
                Registry = _request.Registry,
                Reference = _request.Reference,
                Digest = _request.Digest,
                RecommendedAction = $"Check the network path to {_request.Registry} (and its storage backend), then try again.",
            };
    }
}
