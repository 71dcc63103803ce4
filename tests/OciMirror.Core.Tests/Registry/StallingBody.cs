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
    /// A response body that serves <c>data[from..]</c> up to <c>stallAfter</c> bytes and then waits forever:
    /// its read ignores the cancellation token and ends only when the body is disposed (then it throws, as a
    /// socket read on an aborted connection does). It announces the full Content-Length.
    /// </summary>
    internal sealed class StallingBody : Stream
    {
        private readonly byte[] _data;
        private readonly int _end;
        private readonly TaskCompletionSource<int> _disposed = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _next;

        public StallingBody(byte[] data, int from, int stallAfter)
        {
            _data = data;
            _next = from;
            _end = (int)Math.Min(data.Length, (long)from + stallAfter);
        }

        /// <summary>A 200 (or, from an offset, a 206) whose body stalls after <paramref name="stallAfter"/> bytes.</summary>
        public static HttpResponseMessage Response(byte[] data, int from, int stallAfter)
        {
            var content = new StreamContent(new StallingBody(data, from, stallAfter));
            content.Headers.ContentLength = data.Length - from;
            var response = new HttpResponseMessage(from == 0 ? HttpStatusCode.OK : HttpStatusCode.PartialContent) { Content = content };
            if (from > 0)
            {
                content.Headers.ContentRange = new ContentRangeHeaderValue(from, data.Length - 1, data.Length);
            }

            return response;
        }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count, CancellationToken.None).GetAwaiter().GetResult();

        public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            if (_next < _end)
            {
                int n = Math.Min(Math.Min(count, 777), _end - _next);
                Array.Copy(_data, _next, buffer, offset, n);
                _next += n;
                return n;
            }

            await _disposed.Task.ConfigureAwait(false);
            throw new ObjectDisposedException(nameof(StallingBody), "The connection was aborted (test).");
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            _disposed.TrySetResult(0);
            base.Dispose(disposing);
        }
    }

    /// <summary>A 200 whose body comes in pieces of <c>piece</c> bytes with a pause before each: slow, never silent for long.</summary>
    internal sealed class TrickleBody : Stream
    {
        private readonly byte[] _data;
        private readonly int _piece;
        private readonly TimeSpan _pause;
        private int _next;

        private TrickleBody(byte[] data, int piece, TimeSpan pause)
        {
            _data = data;
            _piece = piece;
            _pause = pause;
        }

        public static HttpResponseMessage Response(byte[] data, int piece, TimeSpan pause)
        {
            var content = new StreamContent(new TrickleBody(data, piece, pause), bufferSize: piece);
            content.Headers.ContentLength = data.Length;
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = content };
        }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count, CancellationToken.None).GetAwaiter().GetResult();

        public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            if (_next >= _data.Length)
            {
                return 0;
            }

            await Task.Delay(_pause, cancellationToken).ConfigureAwait(false);
            int n = Math.Min(Math.Min(count, _piece), _data.Length - _next);
            Array.Copy(_data, _next, buffer, offset, n);
            _next += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
