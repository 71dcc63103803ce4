using System;
using System.IO;
using System.IO.Compression;
using System.Threading;
using System.Threading.Tasks;

namespace OciMirror.Core.Archive
{
    /// <summary>
    /// Decompresses a gzip stream of one or more members (RFC 1952 §2.2) on every framework. .NET
    /// Framework's GZipStream stops after the first member, and GZipStream on .NET 10 returns a clean end
    /// for a stream cut anywhere, mid-member included (measured), so this reader parses each member header itself, inflates the deflate data
    /// with <see cref="DeflateStream"/>, checks the CRC-32 and ISIZE trailer, and continues with the next
    /// member. Trailing zero bytes after the last member (tape padding) are accepted.
    /// Forward-only, not seekable, not thread-safe.
    /// </summary>
    /// <remarks>
    /// DeflateStream does not say how much of its last input chunk it consumed, so the reader finds the
    /// trailer by searching that chunk (at most one DeflateStream buffer, 8 KiB) for the 8 bytes the
    /// trailer must hold, the CRC-32 and length of what was just inflated, followed by something that can
    /// follow a member (end of input, <c>1f 8b 08</c>, zero padding). A false match needs an 8-byte
    /// collision and, at worst, yields an error or bytes that fail digest verification upstream.
    /// </remarks>
    /// <exception cref="Errors.OciException">From reads: InvalidLayout when the input is not gzip, is
    /// corrupt (bad header, bad deflate data, CRC/length mismatch, trailing garbage) or truncated (the
    /// message says "truncated").</exception>
    public sealed class MultiMemberGzipReadStream : Stream
    {
        private readonly Stream _source;
        private readonly bool _leaveOpen;
        private readonly string? _archiveName;
        private readonly GzipInput _in;
        private DeflateStream? _deflate;
        private long _memberOffset, _memberLength;
        private uint _crc;
        private bool _done;

        /// <param name="compressed">The gzip data, read forward from its current position.</param>
        /// <param name="leaveOpen">False (default): disposing this stream disposes <paramref name="compressed"/>.</param>
        /// <param name="archiveName">File name or "stdin" for error messages; optional.</param>
        public MultiMemberGzipReadStream(Stream compressed, bool leaveOpen = false, string? archiveName = null)
        {
            _source = compressed ?? throw new ArgumentNullException(nameof(compressed));
            _leaveOpen = leaveOpen;
            _archiveName = archiveName;
            _in = new GzipInput(compressed);
        }

        /// <summary>Gzip members started so far.</summary>
        public int MemberCount { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            while (!_done && count > 0)
            {
                if (_deflate == null && !await BeginMemberAsync(cancellationToken).ConfigureAwait(false))
                {
                    _done = true;
                    break;
                }

                int n;
                try
                {
                    n = await _deflate!.ReadAsync(buffer, offset, count, cancellationToken).ConfigureAwait(false);
                }
                catch (InvalidDataException e)
                {
                    throw ArchiveErrors.Invalid(_archiveName, $"{Member} holds corrupt deflate data: {e.Message}");
                }

                if (n > 0)
                {
                    _crc = Crc32.Append(_crc, buffer, offset, n);
                    _memberLength += n;
                    return n;
                }

                if (_in.FeederHitEof)
                {
                    throw ArchiveErrors.Truncated(_archiveName, $"{Member} ends before its compressed data is complete");
                }

                await EndMemberAsync(cancellationToken).ConfigureAwait(false);
            }

            return 0;
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
            if (disposing)
            {
                _deflate?.Dispose();
                if (!_leaveOpen)
                {
                    _source.Dispose();
                }
            }

            base.Dispose(disposing);
        }

        private string Member => $"gzip member {MemberCount} (at offset {_memberOffset})";

        /// <summary>Parses a member header (RFC 1952 §2.3); false at the clean end of the input.</summary>
        private async Task<bool> BeginMemberAsync(CancellationToken ct)
        {
            long offset = _in.Offset;
            if (!await _in.EnsureAsync(1, ct).ConfigureAwait(false))
            {
                return MemberCount > 0 ? false : throw ArchiveErrors.Invalid(_archiveName, "it is empty; expected gzip data.");
            }

            if (MemberCount > 0 && _in[0] == 0)
            {
                await ExpectOnlyZerosAsync(ct).ConfigureAwait(false);
                return false;
            }

            bool two = await _in.EnsureAsync(2, ct).ConfigureAwait(false);
            if (_in[0] != 0x1f || (two && _in[1] != 0x8b))
            {
                throw MemberCount == 0
                    ? ArchiveErrors.Invalid(_archiveName, "it is not gzip data (no 1f 8b signature).")
                    : ArchiveErrors.Invalid(_archiveName, $"unexpected data at offset {offset} after gzip member {MemberCount}.");
            }

            if (!await _in.EnsureAsync(10, ct).ConfigureAwait(false))
            {
                throw TruncatedHeader(offset);
            }

            byte method = _in[2], flags = _in[3];
            if (method != 8 || (flags & 0xE0) != 0)
            {
                throw ArchiveErrors.Invalid(_archiveName, $"gzip member {MemberCount + 1} (at offset {offset}) has an unsupported method {method} or reserved flags 0x{flags:x2}.");
            }

            _in.Advance(10);
            if ((flags & 4) != 0)
            {
                if (!await _in.EnsureAsync(2, ct).ConfigureAwait(false))
                {
                    throw TruncatedHeader(offset);
                }

                int extra = _in[0] | (_in[1] << 8);
                _in.Advance(2);
                await SkipHeaderBytesAsync(extra, -1, offset, ct).ConfigureAwait(false); // FEXTRA
            }

            for (int bit = 8; bit <= 16; bit <<= 1)
            {
                if ((flags & bit) != 0)
                {
                    await SkipHeaderBytesAsync(int.MaxValue, 0, offset, ct).ConfigureAwait(false); // FNAME, FCOMMENT
                }
            }

            if ((flags & 2) != 0)
            {
                await SkipHeaderBytesAsync(2, -1, offset, ct).ConfigureAwait(false); // FHCRC
            }

            MemberCount++;
            _memberOffset = offset;
            _crc = 0;
            _memberLength = 0;
            _in.ResetChunk();
            _deflate = new DeflateStream(_in.Feeder, CompressionMode.Decompress, leaveOpen: true);
            return true;
        }

        /// <summary>Finds and checks the CRC-32/ISIZE trailer after the deflate data (RFC 1952 §2.3.1).</summary>
        private async Task EndMemberAsync(CancellationToken ct)
        {
            _deflate!.Dispose();
            _deflate = null;
            _in.RewindToChunk();
            uint size = unchecked((uint)_memberLength);
            bool matchedOnce = false;
            for (int candidate = 0; candidate <= _in.ChunkLength; candidate++, _in.Advance(1))
            {
                if (!await _in.EnsureAsync(8, ct).ConfigureAwait(false))
                {
                    if (matchedOnce)
                    {
                        break;
                    }

                    throw ArchiveErrors.Truncated(_archiveName, $"{Member} ends without its CRC-32 and length trailer");
                }

                // An empty member's trailer is eight zeros and can overlap the deflate tail, so a match
                // counts only when what follows can follow a member: end of input, a member, zero padding.
                if (_in.ReadUInt32(0) == _crc && _in.ReadUInt32(4) == size)
                {
                    matchedOnce = true;
                    if (await IsMemberBoundaryAsync(8, ct).ConfigureAwait(false))
                    {
                        _in.Advance(8);
                        return;
                    }
                }
            }

            throw matchedOnce
                ? ArchiveErrors.Invalid(_archiveName, $"unexpected data after {Member}.")
                : ArchiveErrors.Invalid(_archiveName, $"{Member} fails its CRC-32/length check; the data is corrupt.");
        }

        /// <summary>True when the bytes <paramref name="skip"/> ahead start a member, are zeros (4 KiB checked), or are the end.</summary>
        private async Task<bool> IsMemberBoundaryAsync(int skip, CancellationToken ct)
        {
            if (!await _in.EnsureAsync(skip + 1, ct).ConfigureAwait(false))
            {
                return true;
            }

            if (_in[skip] == 0x1f)
            {
                return !await _in.EnsureAsync(skip + 3, ct).ConfigureAwait(false) || (_in[skip + 1] == 0x8b && _in[skip + 2] == 8);
            }

            if (_in[skip] != 0)
            {
                return false;
            }

            await _in.EnsureAsync(skip + 4096, ct).ConfigureAwait(false);
            for (int i = skip; i < _in.Available && i < skip + 4096; i++)
            {
                if (_in[i] != 0)
                {
                    return false;
                }
            }

            return true;
        }

        private async Task SkipHeaderBytesAsync(int count, int terminator, long offset, CancellationToken ct)
        {
            while (count-- > 0)
            {
                if (!await _in.EnsureAsync(1, ct).ConfigureAwait(false))
                {
                    throw TruncatedHeader(offset);
                }

                byte b = _in[0];
                _in.Advance(1);
                if (b == terminator)
                {
                    return;
                }
            }
        }

        private async Task ExpectOnlyZerosAsync(CancellationToken ct)
        {
            while (await _in.EnsureAsync(1, ct).ConfigureAwait(false))
            {
                if (_in[0] != 0)
                {
                    throw ArchiveErrors.Invalid(_archiveName, $"unexpected data at offset {_in.Offset} after the last gzip member.");
                }

                _in.Advance(1);
            }
        }

        private Exception TruncatedHeader(long offset) =>
            ArchiveErrors.Truncated(_archiveName, $"it ends inside the header of gzip member {MemberCount + 1} (at offset {offset})");
    }
}
