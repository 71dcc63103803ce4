using System;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;

namespace OciMirror.Core.Tests.Registry
{
    /// <summary>
    /// A response body that serves <c>data[from..]</c> but breaks after <c>breakAfter</c> bytes: with an
    /// IOException (a reset connection), when <c>eof</c> by simply ending (a premature EOF), or when
    /// <c>stall</c> by waiting for ever — a read that ignores its cancellation token and ends only when the
    /// body is disposed (then it throws), as a socket read of a silent peer does. It announces the full
    /// Content-Length, as a real server does before the connection dies.
    /// </summary>
    internal sealed class BreakingBody : Stream
    {
        private readonly byte[] _data;
        private readonly int _end;
        private readonly bool _eof;
        private readonly TaskCompletionSource<int>? _disposed;
        private int _next;

        public BreakingBody(byte[] data, int from, int breakAfter, bool eof = false, bool stall = false)
        {
            _data = data;
            _next = from;
            _end = (int)Math.Min(data.Length, (long)from + breakAfter);
            _eof = eof;
            _disposed = stall ? new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously) : null;
        }

        /// <summary>A 200 (or, with <paramref name="from"/> &gt; 0, a 206) whose body breaks after <paramref name="breakAfter"/> bytes.</summary>
        public static HttpResponseMessage Response(byte[] data, int from, int breakAfter, bool eof = false, bool stall = false)
        {
            var content = new StreamContent(new BreakingBody(data, from, breakAfter, eof, stall));
            content.Headers.ContentLength = data.Length - from;
            var response = new HttpResponseMessage(from == 0 ? HttpStatusCode.OK : HttpStatusCode.PartialContent) { Content = content };
            if (from > 0)
            {
                content.Headers.ContentRange = new ContentRangeHeaderValue(from, data.Length - 1, data.Length);
            }

            return response;
        }

        /// <summary>A 200 (or 206) whose body falls silent after <paramref name="stallAfter"/> bytes.</summary>
        public static HttpResponseMessage Stalling(byte[] data, int from, int stallAfter) => Response(data, from, stallAfter, stall: true);

        /// <summary>A 206 serving <c>data[from..]</c> completely.</summary>
        public static HttpResponseMessage Partial(byte[] data, int from) => Response(data, from, int.MaxValue);

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (_next >= _end)
            {
                return _eof || _end == _data.Length ? 0 : throw new IOException("Connection reset by peer (test).");
            }

            // Odd-sized pieces so reads and the break never line up with the caller's buffer.
            int n = Math.Min(Math.Min(count, 777), _end - _next);
            Array.Copy(_data, _next, buffer, offset, n);
            _next += n;
            return n;
        }

        public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            if (_disposed != null && _next >= _end && _end < _data.Length)
            {
                await _disposed.Task.ConfigureAwait(false);
                throw new ObjectDisposedException(nameof(BreakingBody), "The connection was aborted (test).");
            }

            return Read(buffer, offset, count);
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            _disposed?.TrySetResult(0);
            base.Dispose(disposing);
        }
    }
}
