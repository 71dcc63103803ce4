using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace OciMirror.Core.Archive
{
    /// <summary>
    /// A forward-only read stream that can look at the first bytes of a non-seekable input (stdin, a
    /// pipe) before anyone consumes them: <see cref="PeekAsync"/> buffers a prefix, and reads return that
    /// prefix first, then the rest of the input, so format detection does not lose data.
    /// </summary>
    public sealed class PeekableReadStream : Stream
    {
        private readonly Stream _inner;
        private readonly bool _leaveOpen;
        private byte[] _prefix = Array.Empty<byte>();
        private int _prefixPos, _prefixLen;
        private bool _readStarted;

        /// <param name="inner">The input, read from its current position.</param>
        /// <param name="leaveOpen">False (default): disposing this stream disposes <paramref name="inner"/>.</param>
        public PeekableReadStream(Stream inner, bool leaveOpen = false)
        {
            _inner = inner ?? throw new ArgumentNullException(nameof(inner));
            _leaveOpen = leaveOpen;
        }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        /// <summary>
        /// Returns up to <paramref name="count"/> bytes from the start of the input without consuming
        /// them (fewer only when the input is shorter). The returned segment shares the internal buffer:
        /// read it before the next call.
        /// </summary>
        /// <exception cref="InvalidOperationException">Reading has already started.</exception>
        public async Task<ArraySegment<byte>> PeekAsync(int count, CancellationToken cancellationToken = default)
        {
            if (_readStarted)
            {
                throw new InvalidOperationException("PeekAsync must be called before the stream is read.");
            }

            if (_prefix.Length < count)
            {
                Array.Resize(ref _prefix, count);
            }

            while (_prefixLen < count)
            {
                int n = await _inner.ReadAsync(_prefix, _prefixLen, count - _prefixLen, cancellationToken).ConfigureAwait(false);
                if (n == 0)
                {
                    break;
                }

                _prefixLen += n;
            }

            return new ArraySegment<byte>(_prefix, 0, Math.Min(count, _prefixLen));
        }

        public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            _readStarted = true;
            if (_prefixPos < _prefixLen)
            {
                int n = Math.Min(count, _prefixLen - _prefixPos);
                Buffer.BlockCopy(_prefix, _prefixPos, buffer, offset, n);
                _prefixPos += n;
                return n;
            }

            return await _inner.ReadAsync(buffer, offset, count, cancellationToken).ConfigureAwait(false);
        }

        public override int Read(byte[] buffer, int offset, int count) =>
            ReadAsync(buffer, offset, count, CancellationToken.None).GetAwaiter().GetResult();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing && !_leaveOpen)
            {
                _inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
