using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace OciMirror.Core.Archive
{
    /// <summary>
    /// The buffered compressed input of <see cref="MultiMemberGzipReadStream"/>: a 64 KiB window over the
    /// source with look-ahead (<see cref="EnsureAsync"/>), and <see cref="Feeder"/>, the stream DeflateStream
    /// reads from, which remembers the last chunk it handed out so the reader can rewind to it when a
    /// member ends (DeflateStream does not say how much of that chunk it used).
    /// </summary>
    internal sealed class GzipInput
    {
        private readonly Stream _source;
        private readonly byte[] _buf = new byte[64 * 1024];
        private int _pos, _len, _chunkStart;
        private long _bufBase;

        public GzipInput(Stream source)
        {
            _source = source;
            Feeder = new FeederStream(this);
        }

        /// <summary>The stream handed to DeflateStream (never disposes the source).</summary>
        public Stream Feeder { get; }

        /// <summary>Offset in the compressed input of the current position.</summary>
        public long Offset => _bufBase + _pos;

        /// <summary>Length of the last chunk handed to the deflater since <see cref="ResetChunk"/>.</summary>
        public int ChunkLength { get; private set; }

        /// <summary>True when the deflater asked for more and the input had ended.</summary>
        public bool FeederHitEof { get; private set; }

        /// <summary>The byte <paramref name="index"/> positions after the current one (ensure it first).</summary>
        public byte this[int index] => _buf[_pos + index];

        /// <summary>Bytes buffered after the current position.</summary>
        public int Available => _len - _pos;

        public void Advance(int count) => _pos += count;

        public uint ReadUInt32(int index) =>
            (uint)(this[index] | (this[index + 1] << 8) | (this[index + 2] << 16) | (this[index + 3] << 24));

        /// <summary>Forgets the last chunk; called when a new member starts.</summary>
        public void ResetChunk()
        {
            ChunkLength = 0;
            FeederHitEof = false;
        }

        /// <summary>Moves back to the start of the last chunk: any suffix of it may be unconsumed.</summary>
        public void RewindToChunk() => _pos = _chunkStart;

        /// <summary>Ensures <paramref name="count"/> (≤ 64 KiB) buffered bytes after the position; false at end of input.</summary>
        public async Task<bool> EnsureAsync(int count, CancellationToken ct)
        {
            while (_len - _pos < count)
            {
                if (_pos > 0)
                {
                    Buffer.BlockCopy(_buf, _pos, _buf, 0, _len - _pos);
                    _bufBase += _pos;
                    _chunkStart -= _pos;
                    _len -= _pos;
                    _pos = 0;
                }

                int n = await _source.ReadAsync(_buf, _len, _buf.Length - _len, ct).ConfigureAwait(false);
                if (n == 0)
                {
                    return false;
                }

                _len += n;
            }

            return true;
        }

        private async Task<int> FeedAsync(byte[] buffer, int offset, int count, CancellationToken ct)
        {
            if (count == 0)
            {
                return 0;
            }

            if (!await EnsureAsync(1, ct).ConfigureAwait(false))
            {
                FeederHitEof = true;
                return 0;
            }

            int n = Math.Min(count, _len - _pos);
            Buffer.BlockCopy(_buf, _pos, buffer, offset, n);
            _chunkStart = _pos;
            ChunkLength = n;
            _pos += n;
            return n;
        }

        private sealed class FeederStream : Stream
        {
            private readonly GzipInput _input;

            public FeederStream(GzipInput input) => _input = input;

            public override bool CanRead => true;

            public override bool CanSeek => false;

            public override bool CanWrite => false;

            public override long Length => throw new NotSupportedException();

            public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

            public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken ct) =>
                _input.FeedAsync(buffer, offset, count, ct);

            public override int Read(byte[] buffer, int offset, int count) =>
                _input.FeedAsync(buffer, offset, count, CancellationToken.None).GetAwaiter().GetResult();

            public override void Flush()
            {
            }

            public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

            public override void SetLength(long value) => throw new NotSupportedException();

            public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        }
    }
}
