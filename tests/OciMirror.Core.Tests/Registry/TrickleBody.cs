using System;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace OciMirror.Core.Tests.Registry
{
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
