using System;
using System.IO;
using System.IO.Compression;
using System.Threading;
using System.Threading.Tasks;

namespace OciMirror.Core.Archive
{
    /// <summary>
    /// Decompresses a gzip stream of one or more members (RFC 1952 §2.2) on every framework. .NET
    /// Framework's GZipStream stops after the first member, and no GZipStream reports a stream cut off
    /// at a member boundary, so this reader parses each member header itself, inflates the deflate data
    /// with <see cref="DeflateStream"/>, checks the CRC-32 and ISIZE trailer, and continues with the next
    /// member. Trailing zero bytes after the last member (tape padding) are accepted.
    /// Forward-only, not seekable, not thread-safe.
    /// </summary>
    /// <remarks>
    /// DeflateStream does not say how much of its last input chunk it consumed, so the reader finds the
    /// trailer by searching that chunk (at most one DeflateStream buffer, 8 KiB) for the 8 bytes the
    /// trailer must hold: the CRC-32 and length of what was just inflated. A false match needs an
    /// 8-byte collision and, at worst, yields an error or bytes that fail digest verification upstream.
    /// </remarks>
    /// <exception cref="Errors.OciException">From reads: InvalidLayout when the input is not gzip, is
    /// corrupt (bad header, bad deflate data, CRC/length mismatch) or truncated (message says so).</exception>
    public sealed class MultiMemberGzipReadStream : Stream
    {
        private readonly Stream _source;
        private readonly bool _leaveOpen;
        private readonly string? _archiveName;
        private readonly byte[] _buf = new byte[64 * 1024];
        private readonly Feeder _feeder;
        private int _pos, _len, _chunkStart, _chunkLength;
        private long _bufBase, _memberOffset;
        private DeflateStream? _deflate;
        private bool _feederHitEof, _done;
        private uint _crc;
        private long _memberLength;

        /// <param name="compressed">The gzip data, read forward from its current position.</param>
        /// <param name="leaveOpen">False (default): disposing this stream disposes <paramref name="compressed"/>.</param>
        /// <param name="archiveName">File name or "stdin" for error messages; optional.</param>
        public MultiMemberGzipReadStream(Stream compressed, bool leaveOpen = false, string? archiveName = null)
        {
            _source = compressed ?? throw new ArgumentNullException(nameof(compressed));
            _leaveOpen = leaveOpen;
            _archiveName = archiveName;
            _feeder = new Feeder(this);
        }

        /// <summary>Gzip members decoded (started) so far.</summary>
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
                    throw ArchiveErrors.Invalid(_archiveName, $"gzip member {MemberCount} (at offset {_memberOffset}) holds corrupt deflate data: {e.Message}");
                }

                if (n > 0)
                {
                    _crc = Crc32.Append(_crc, buffer, offset, n);
                    _memberLength += n;
                    return n;
                }

                if (_feederHitEof)
                {
                    throw ArchiveErrors.Truncated(_archiveName, $"gzip member {MemberCount} (at offset {_memberOffset}) ends before its compressed data is complete");
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

        /// <summary>Parses a member header (RFC 1952 §2.3); false at the clean end of the input.</summary>
        private async Task<bool> BeginMemberAsync(CancellationToken ct)
        {
            long offset = _bufBase + _pos;
            if (!await EnsureAsync(1, ct).ConfigureAwait(false))
            {
                return MemberCount > 0 ? false : throw ArchiveErrors.Invalid(_archiveName, "it is empty; expected gzip data.");
            }

            if (MemberCount > 0 && _buf[_pos] == 0)
            {
                await ExpectOnlyZerosAsync(ct).ConfigureAwait(false);
                return false;
            }

            if (_buf[_pos] == 0x1f && !await EnsureAsync(2, ct).ConfigureAwait(false))
            {
                throw TruncatedHeader(offset);
            }

            if (!await EnsureAsync(2, ct).ConfigureAwait(false) || _buf[_pos] != 0x1f || _buf[_pos + 1] != 0x8b)
            {
                throw MemberCount == 0
                    ? ArchiveErrors.Invalid(_archiveName, "it is not gzip data (no 1f 8b signature).")
                    : ArchiveErrors.Invalid(_archiveName, $"unexpected data at offset {offset} after gzip member {MemberCount}.");
            }

            if (!await EnsureAsync(10, ct).ConfigureAwait(false))
            {
                throw TruncatedHeader(offset);
            }

            byte method = _buf[_pos + 2], flags = _buf[_pos + 3];
            if (method != 8 || (flags & 0xE0) != 0)
            {
                throw ArchiveErrors.Invalid(_archiveName, $"gzip member {MemberCount + 1} (at offset {offset}) has an unsupported method {method} or reserved flags 0x{flags:x2}.");
            }

            _pos += 10;
            if ((flags & 4) != 0)
            {
                if (!await EnsureAsync(2, ct).ConfigureAwait(false))
                {
                    throw TruncatedHeader(offset);
                }

                int extra = _buf[_pos] | (_buf[_pos + 1] << 8);
                _pos += 2;
                await SkipHeaderBytesAsync(extra, terminator: -1, offset, ct).ConfigureAwait(false);
            }

            for (int bit = 8; bit <= 16; bit <<= 1)
            {
                if ((flags & bit) != 0)
                {
                    await SkipHeaderBytesAsync(int.MaxValue, terminator: 0, offset, ct).ConfigureAwait(false); // FNAME, FCOMMENT
                }
            }

            if ((flags & 2) != 0)
            {
                await SkipHeaderBytesAsync(2, terminator: -1, offset, ct).ConfigureAwait(false); // FHCRC
            }

            MemberCount++;
            _memberOffset = offset;
            _crc = 0;
            _memberLength = 0;
            _chunkLength = 0;
            _feederHitEof = false;
            _deflate = new DeflateStream(_feeder, CompressionMode.Decompress, leaveOpen: true);
            return true;
        }

        /// <summary>Finds and checks the CRC-32/ISIZE trailer after the deflate data (RFC 1952 §2.3.1).</summary>
        private async Task EndMemberAsync(CancellationToken ct)
        {
            _deflate!.Dispose();
            _deflate = null;
            _pos = _chunkStart; // the deflater may have left any suffix of its last chunk unconsumed
            uint size = unchecked((uint)_memberLength);
            bool matchedOnce = false;
            for (int candidate = 0; candidate <= _chunkLength; candidate++, _pos++)
            {
                if (!await EnsureAsync(8, ct).ConfigureAwait(false))
                {
                    if (matchedOnce)
                    {
                        break;
                    }

                    throw ArchiveErrors.Truncated(_archiveName, $"gzip member {MemberCount} (at offset {_memberOffset}) ends without its CRC-32 and length trailer");
                }

                if (ReadUInt32(_pos) == _crc && ReadUInt32(_pos + 4) == size)
                {
                    // An empty member's trailer is eight zeros and can overlap the deflate tail, so a
                    // match counts only when what follows can follow a member: EOF, a member, zero padding.
                    matchedOnce = true;
                    if (await IsMemberBoundaryAsync(8, ct).ConfigureAwait(false))
                    {
                        _pos += 8;
                        return;
                    }
                }
            }

            throw matchedOnce
                ? ArchiveErrors.Invalid(_archiveName, $"unexpected data after gzip member {MemberCount} (at offset {_memberOffset}).")
                : ArchiveErrors.Invalid(_archiveName, $"gzip member {MemberCount} (at offset {_memberOffset}) fails its CRC-32/length check; the data is corrupt.");
        }

        /// <summary>True when the bytes <paramref name="skip"/> after the current position start a member, are zeros (up to 4 KiB seen), or are the end.</summary>
        private async Task<bool> IsMemberBoundaryAsync(int skip, CancellationToken ct)
        {
            if (!await EnsureAsync(skip + 1, ct).ConfigureAwait(false))
            {
                return true;
            }

            byte first = _buf[_pos + skip];
            if (first == 0x1f)
            {
                return !await EnsureAsync(skip + 3, ct).ConfigureAwait(false)
                    || (_buf[_pos + skip + 1] == 0x8b && _buf[_pos + skip + 2] == 8);
            }

            if (first != 0)
            {
                return false;
            }

            await EnsureAsync(skip + 4096, ct).ConfigureAwait(false);
            for (int i = _pos + skip; i < _len && i < _pos + skip + 4096; i++)
            {
                if (_buf[i] != 0)
                {
                    return false;
                }
            }

            return true;
        }

        private uint ReadUInt32(int p) => (uint)(_buf[p] | (_buf[p + 1] << 8) | (_buf[p + 2] << 16) | (_buf[p + 3] << 24));

        private async Task SkipHeaderBytesAsync(int count, int terminator, long offset, CancellationToken ct)
        {
            while (count-- > 0)
            {
                if (!await EnsureAsync(1, ct).ConfigureAwait(false))
                {
                    throw TruncatedHeader(offset);
                }

                if (_buf[_pos++] == terminator)
                {
                    return;
                }
            }
        }

        private async Task ExpectOnlyZerosAsync(CancellationToken ct)
        {
            while (await EnsureAsync(1, ct).ConfigureAwait(false))
            {
                if (_buf[_pos] != 0)
                {
                    throw ArchiveErrors.Invalid(_archiveName, $"unexpected data at offset {_bufBase + _pos} after the last gzip member.");
                }

                _pos++;
            }
        }

        private Exception TruncatedHeader(long offset) =>
            ArchiveErrors.Truncated(_archiveName, $"it ends inside the header of gzip member {MemberCount + 1} (at offset {offset})");

        /// <summary>Ensures <paramref name="count"/> unread bytes in the buffer; false at end of input.</summary>
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

        /// <summary>The stream DeflateStream reads from: hands out buffered bytes and remembers the last chunk.</summary>
        private sealed class Feeder : Stream
        {
            private readonly MultiMemberGzipReadStream _o;

            public Feeder(MultiMemberGzipReadStream owner) => _o = owner;

            public override bool CanRead => true;

            public override bool CanSeek => false;

            public override bool CanWrite => false;

            public override long Length => throw new NotSupportedException();

            public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

            public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken ct)
            {
                if (count == 0)
                {
                    return 0;
                }

                if (!await _o.EnsureAsync(1, ct).ConfigureAwait(false))
                {
                    _o._feederHitEof = true;
                    return 0;
                }

                int n = Math.Min(count, _o._len - _o._pos);
                Buffer.BlockCopy(_o._buf, _o._pos, buffer, offset, n);
                _o._chunkStart = _o._pos;
                _o._chunkLength = n;
                _o._pos += n;
                return n;
            }

            public override int Read(byte[] buffer, int offset, int count) =>
                ReadAsync(buffer, offset, count, CancellationToken.None).GetAwaiter().GetResult();

            public override void Flush()
            {
            }

            public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

            public override void SetLength(long value) => throw new NotSupportedException();

            public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        }
    }
}
