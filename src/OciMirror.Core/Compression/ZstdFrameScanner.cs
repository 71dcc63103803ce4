using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace OciMirror.Core.Compression
{
    /// <summary>
    /// Passes a zstd stream through unchanged while following its structure (RFC 8878 §3.1): frame
    /// headers, block headers and sizes, checksums, skippable frames. It never decodes anything, so it
    /// costs nothing, and it knows at every byte which frame it is in and where that frame started; each
    /// read stops at the end of a structural piece, so the decoder reading from it never holds bytes of
    /// two frames and an error is charged to the right frame. It refuses what the decoder may not notice:
    /// input that ends inside a frame (truncated), data after a frame that starts no frame (garbage),
    /// a reserved block type or flag, a block over 128 KiB, a frame asking for a window over 32 MiB
    /// (<see cref="ZstdFormat.MaxWindowLog"/>: memory stays bounded). Not thread-safe; never disposes the source.
    /// </summary>
    internal sealed class ZstdFrameScanner : Internal.ForwardReadStream
    {
        private readonly Stream _source;
        private readonly string? _archiveName;
        private readonly byte[] _buf = new byte[64 * 1024];
        private int _pos, _len;
        private long _bufBase;
        private long _segment;
        private Expect _expect = Expect.FrameStart;
        private bool _checksum;

        public ZstdFrameScanner(Stream source, string? archiveName)
        {
            _source = source ?? throw new ArgumentNullException(nameof(source));
            _archiveName = archiveName;
        }

        private enum Expect
        {
            FrameStart,
            BlockHeader,
            Checksum,
        }

        /// <summary>zstd frames started so far (skippable frames not counted).</summary>
        public int FrameCount { get; private set; }

        /// <summary>Offset in the compressed input where the current frame starts.</summary>
        public long FrameOffset { get; private set; }

        /// <summary>"zstd frame N (at offset X)", for messages about the current frame.</summary>
        public string CurrentFrame => $"zstd frame {FrameCount} (at offset {FrameOffset})";

        private long Offset => _bufBase + _pos;

        public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            if (count == 0)
            {
                return 0;
            }

            while (_segment == 0)
            {
                if (!await NextPieceAsync(cancellationToken).ConfigureAwait(false))
                {
                    return 0;
                }
            }

            int n;
            int want = (int)Math.Min(count, _segment);
            if (_pos < _len)
            {
                n = Math.Min(want, _len - _pos);
                Buffer.BlockCopy(_buf, _pos, buffer, offset, n);
                _pos += n;
            }
            else
            {
                // Nothing buffered: read the piece straight into the caller's buffer.
                _bufBase += _pos;
                _pos = _len = 0;
                n = await _source.ReadAsync(buffer, offset, want, cancellationToken).ConfigureAwait(false);
                _bufBase += n;
                if (n == 0)
                {
                    throw CompressionErrors.Truncated(_archiveName, $"{CurrentFrame} ends before its data is complete");
                }
            }

            _segment -= n;
            return n;
        }

        /// <summary>Reads the header of the next piece and sets its length; false at the clean end of the input.</summary>
        private async Task<bool> NextPieceAsync(CancellationToken ct)
        {
            switch (_expect)
            {
                case Expect.BlockHeader:
                    await BlockHeaderAsync(ct).ConfigureAwait(false);
                    return true;
                case Expect.Checksum:
                    _segment = 4;
                    _expect = Expect.FrameStart;
                    return true;
                default:
                    return await FrameStartAsync(ct).ConfigureAwait(false);
            }
        }

        private async Task<bool> FrameStartAsync(CancellationToken ct)
        {
            long offset = Offset;
            if (!await EnsureAsync(4, ct).ConfigureAwait(false))
            {
                if (_len - _pos == 0 && FrameCount > 0)
                {
                    return false;
                }

                throw _len - _pos == 0 ? CompressionErrors.Invalid(_archiveName, "it is empty; expected zstd data.")
                    : StartsMagic() ? TruncatedHeader(offset)
                    : Unexpected(offset);
            }

            uint magic = ZstdFormat.ReadUInt32(_buf, _pos);
            if ((magic & ZstdFormat.SkippableMagicMask) == ZstdFormat.SkippableMagic)
            {
                if (!await EnsureAsync(8, ct).ConfigureAwait(false))
                {
                    throw CompressionErrors.Truncated(_archiveName, $"it ends inside the skippable frame at offset {offset}");
                }

                _segment = 8L + ZstdFormat.ReadUInt32(_buf, _pos + 4);
                return true;
            }

            if (magic != ZstdFormat.FrameMagic)
            {
                throw Unexpected(offset);
            }

            if (!await EnsureAsync(6, ct).ConfigureAwait(false))
            {
                throw TruncatedHeader(offset);
            }

            byte descriptor = _buf[_pos + 4];
            if ((descriptor & 0x08) != 0)
            {
                throw CompressionErrors.Invalid(_archiveName, $"zstd frame {FrameCount + 1} (at offset {offset}) sets the reserved bit of its header; the data is corrupt.");
            }

            int headerSize = 5 + HeaderFieldsSize(descriptor);
            if (!await EnsureAsync(headerSize, ct).ConfigureAwait(false))
            {
                throw TruncatedHeader(offset);
            }

            ulong window = ZstdFormat.WindowSize(_buf, _pos);
            if (window > 1UL << ZstdFormat.MaxWindowLog)
            {
                throw CompressionErrors.Invalid(_archiveName, $"zstd frame {FrameCount + 1} (at offset {offset}) needs a {window >> 20} MiB window, more than the {1 << (ZstdFormat.MaxWindowLog - 20)} MiB a reader with bounded memory accepts (it was written with zstd --long or --ultra). Recompress it without those options (zstd -d then zstd -19), or import the uncompressed .tar.");
            }

            FrameCount++;
            FrameOffset = offset;
            _checksum = (descriptor & 0x04) != 0;
            _segment = headerSize;
            _expect = Expect.BlockHeader;
            return true;
        }

        private async Task BlockHeaderAsync(CancellationToken ct)
        {
            long offset = Offset;
            if (!await EnsureAsync(3, ct).ConfigureAwait(false))
            {
                throw CompressionErrors.Truncated(_archiveName, $"{CurrentFrame} ends before its last block");
            }

            int header = _buf[_pos] | (_buf[_pos + 1] << 8) | (_buf[_pos + 2] << 16);
            int type = (header >> 1) & 3, size = header >> 3;
            if (type == ZstdFormat.ReservedBlock || size > ZstdFormat.MaxBlockSize)
            {
                throw CompressionErrors.Invalid(_archiveName, $"{CurrentFrame} has an invalid block header at offset {offset} (type {type}, {size} bytes); the data is corrupt.");
            }

            _segment = 3 + (type == ZstdFormat.RleBlock ? 1 : size);
            if ((header & 1) != 0)
            {
                _expect = _checksum ? Expect.Checksum : Expect.FrameStart;
            }
        }

        /// <summary>Window descriptor, dictionary id and content size fields after the descriptor byte (§3.1.1.1).</summary>
        private static int HeaderFieldsSize(byte descriptor)
        {
            bool singleSegment = (descriptor & 0x20) != 0;
            int contentSizeFlag = descriptor >> 6;
            int dictionaryIdSize = new[] { 0, 1, 2, 4 }[descriptor & 3];
            int contentSizeSize = contentSizeFlag == 0 ? (singleSegment ? 1 : 0) : 1 << contentSizeFlag;
            return (singleSegment ? 0 : 1) + dictionaryIdSize + contentSizeSize;
        }

        /// <summary>True when the 1–3 bytes left are the start of the zstd frame magic (a cut inside it).</summary>
        private bool StartsMagic()
        {
            for (int i = 0; i < _len - _pos; i++)
            {
                if (_buf[_pos + i] != (byte)(ZstdFormat.FrameMagic >> (8 * i)))
                {
                    return false;
                }
            }

            return true;
        }

        private Exception Unexpected(long offset) => FrameCount == 0
            ? CompressionErrors.Invalid(_archiveName, $"it is not zstd data (no zstd frame magic at offset {offset}).")
            : CompressionErrors.Invalid(_archiveName, $"unexpected data at offset {offset} after {CurrentFrame}.");

        private Exception TruncatedHeader(long offset) =>
            CompressionErrors.Truncated(_archiveName, $"it ends inside the header of zstd frame {FrameCount + 1} (at offset {offset})");

        /// <summary>Ensures <paramref name="count"/> (≤ 64 KiB) buffered bytes after the position; false at end of input.</summary>
        private async Task<bool> EnsureAsync(int count, CancellationToken ct)
        {
            while (_len - _pos < count)
            {
                if (_pos > 0)
                {
                    Buffer.BlockCopy(_buf, _pos, _buf, 0, _len - _pos);
                    _bufBase += _pos;
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
    }
}
