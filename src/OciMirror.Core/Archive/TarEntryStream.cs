using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace OciMirror.Core.Archive
{
    /// <summary>
    /// The bounded data window behind <see cref="TarEntry.DataStream"/> (like System.Formats.Tar's
    /// SubReadStream): reads at most the entry size, detects truncation, never owns the archive stream.
    /// </summary>
    internal sealed class TarEntryStream : Stream
    {
        private readonly TarReader _reader;
        private readonly long _length;
        private long _position;
        private bool _superseded;

        public TarEntryStream(TarReader reader, long length, string entryName, long headerOffset)
        {
            _reader = reader;
            _length = length;
            EntryName = entryName;
            HeaderOffset = headerOffset;
        }

        public string EntryName { get; }

        public long HeaderOffset { get; }

        /// <summary>Data bytes not yet consumed; the reader skips them (plus padding) before the next header.</summary>
        public long Remaining => _length - _position;

        public override bool CanRead => !_superseded;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => _length;

        public override long Position
        {
            get => _position;
            set => throw new NotSupportedException();
        }

        /// <summary>Called by the reader when it moves on; later reads throw.</summary>
        public void Supersede() => _superseded = true;

        /// <summary>Called by the reader after it skipped the rest of the data.</summary>
        public void MarkConsumed() => _position = _length;

        public override int Read(byte[] buffer, int offset, int count) =>
            ReadAsync(buffer, offset, count, CancellationToken.None).GetAwaiter().GetResult();

        public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            if (_superseded)
            {
                throw new InvalidOperationException($"The data of tar entry '{EntryName}' is no longer available: the reader has moved to the next entry.");
            }

            if (count == 0 || _position >= _length)
            {
                return 0;
            }

            int want = (int)Math.Min(count, _length - _position);
            int n = await _reader.ReadArchiveAsync(buffer, offset, want, cancellationToken).ConfigureAwait(false);
            if (n == 0)
            {
                throw _reader.TruncatedEntry(EntryName, HeaderOffset, _position, _length);
            }

            _position += n;
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
