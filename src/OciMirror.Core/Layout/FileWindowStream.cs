using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace OciMirror.Core.Layout
{
    /// <summary>
    /// A read-only, forward-only window of <c>length</c> bytes of a file opened for this window alone (one
    /// per fetch, so concurrent fetches never share a position). Ends early only when the file was cut
    /// since it was indexed; verification upstream then reports the short content. Owns and disposes the file.
    /// </summary>
    internal sealed class FileWindowStream : Stream
    {
        private readonly Stream _file;
        private readonly long _length;
        private long _position;

        /// <param name="file">Positioned at the window's first byte; disposed with this stream.</param>
        /// <param name="length">Bytes in the window.</param>
        public FileWindowStream(Stream file, long length)
        {
            _file = file;
            _length = length;
        }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => _length;

        public override long Position
        {
            get => _position;
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            int n = _file.Read(buffer, offset, Clamp(count));
            _position += n;
            return n;
        }

        public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            int n = await _file.ReadAsync(buffer, offset, Clamp(count), cancellationToken).ConfigureAwait(false);
            _position += n;
            return n;
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
                _file.Dispose();
            }

            base.Dispose(disposing);
        }

        private int Clamp(int count) => (int)Math.Min(count, _length - _position);
    }
}
