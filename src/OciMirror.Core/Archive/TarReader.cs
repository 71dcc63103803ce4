using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Errors;

namespace OciMirror.Core.Archive
{
    /// <summary>
    /// Forward-only, asynchronous reader of a tar stream (ustar, pax, GNU and v7 headers) over any
    /// stream, seekable or not (a file, stdin, a gzip decoder). It reads one header at a time and hands
    /// out the entry's data as a bounded window; it never buffers entry data and never writes anything.
    /// Not thread-safe. Every malformed or truncated structure throws <see cref="OciException"/> with
    /// <see cref="OciErrorKind.InvalidLayout"/> naming the archive, the entry and its offset.
    /// </summary>
    public sealed class TarReader : IDisposable
    {
        /// <summary>Largest pax ('x', 'g') or GNU long-name ('L', 'K') header accepted, and the total of consecutive ones: 1 MiB.</summary>
        public const int MaxMetadataBytes = 1024 * 1024;

        private readonly Stream _archive;
        private readonly bool _leaveOpen;
        private readonly string? _archiveName;
        private readonly byte[] _block = new byte[TarHeader.BlockSize];
        private TarEntryStream? _current;
        private long _position;
        private bool _ended;

        /// <param name="archive">The uncompressed tar stream, read from its current position.</param>
        /// <param name="leaveOpen">False (default): <see cref="Dispose"/> disposes <paramref name="archive"/>.</param>
        /// <param name="archiveName">File name or "stdin", used in error messages; optional.</param>
        public TarReader(Stream archive, bool leaveOpen = false, string? archiveName = null)
        {
            _archive = archive ?? throw new ArgumentNullException(nameof(archive));
            _leaveOpen = leaveOpen;
            _archiveName = archiveName;
        }

        /// <summary>
        /// True once the end-of-archive zero block was read; false when the archive simply stopped after
        /// a complete entry (accepted, but a verifier may warn: a stream cut at an entry boundary looks the same).
        /// </summary>
        public bool EndMarkerFound { get; private set; }

        /// <summary>Bytes of the archive consumed so far.</summary>
        public long Position => _position;

        /// <summary>
        /// Skips what is left of the previous entry's data and padding, then reads the next entry's
        /// headers. Returns null at the end: two zero blocks (one is tolerated), or EOF after a complete entry.
        /// </summary>
        /// <exception cref="OciException">InvalidLayout: bad checksum, malformed number or pax record,
        /// metadata over <see cref="MaxMetadataBytes"/>, or the archive is truncated (message says so).</exception>
        public async Task<TarEntry?> GetNextEntryAsync(CancellationToken cancellationToken = default)
        {
            if (_current != null)
            {
                TarEntryStream previous = _current;
                _current = null;
                previous.Supersede();
                long skip = previous.Remaining;
                long padding = PaddingOf(previous.Length);
                if (!await SkipAsync(skip, cancellationToken).ConfigureAwait(false))
                {
                    throw TruncatedEntry(previous.EntryName, previous.HeaderOffset, previous.Length - skip, previous.Length);
                }

                previous.MarkConsumed();
                await SkipAsync(padding, cancellationToken).ConfigureAwait(false); // a missing final padding is harmless
            }

            if (_ended)
            {
                return null;
            }

            var pax = new Dictionary<string, string>(StringComparer.Ordinal);
            string? longName = null, longLink = null;
            long firstHeader = _position, metadataBytes = 0;
            while (true)
            {
                long offset = _position;
                int n = await ReadBlockAsync(cancellationToken).ConfigureAwait(false);
                if (n == 0 && offset == firstHeader)
                {
                    _ended = true; // plain EOF after a complete entry: accepted like GNU tar does
                    return null;
                }

                if (n < TarHeader.BlockSize)
                {
                    throw ArchiveErrors.Truncated(_archiveName, $"it ends inside the tar header at offset {offset}");
                }

                if (TarHeader.IsZeroBlock(_block))
                {
                    if (offset != firstHeader)
                    {
                        throw ArchiveErrors.Invalid(_archiveName, $"extended headers at offset {firstHeader} are followed by the end of the archive instead of an entry.");
                    }

                    _ended = true;
                    EndMarkerFound = true;
                    await ReadBlockAsync(cancellationToken).ConfigureAwait(false); // second zero block, if any
                    return null;
                }

                if (!TarHeader.ChecksumMatches(_block, out long stored, out long computed))
                {
                    throw ArchiveErrors.Invalid(_archiveName, $"the tar header at offset {offset} ('{TarHeader.ReadString(_block, 0, TarHeader.NameLength)}') has a bad checksum (stored {(stored < 0 ? "unreadable" : stored.ToString())}, computed {computed}); the archive is corrupt or not a tar file.");
                }

                char flag = (char)_block[TarHeader.TypeOffset];
                string headerName = HeaderName();
                if (!TarHeader.TryParseNumber(_block, TarHeader.SizeOffset, TarHeader.SizeLength, out long size))
                {
                    throw ArchiveErrors.Invalid(_archiveName, $"entry '{headerName}' (header at offset {offset}) has an unreadable size field.");
                }

                if (flag == 'x' || flag == 'g' || flag == 'L' || flag == 'K')
                {
                    metadataBytes += size;
                    if (size > MaxMetadataBytes || metadataBytes > MaxMetadataBytes)
                    {
                        throw ArchiveErrors.Invalid(_archiveName, $"the extended header '{headerName}' (type '{flag}', header at offset {offset}) holds {size} bytes, over the {MaxMetadataBytes}-byte limit for metadata; refusing a hostile or corrupt archive.");
                    }

                    byte[] data = await ReadMetadataAsync((int)size, headerName, offset, cancellationToken).ConfigureAwait(false);
                    if (flag == 'x')
                    {
                        string? error = PaxRecords.Parse(data, data.Length, pax);
                        if (error != null)
                        {
                            throw ArchiveErrors.Invalid(_archiveName, $"the pax header at offset {offset}: {error}.");
                        }
                    }
                    else if (flag == 'L')
                    {
                        longName = TarHeader.ReadString(data, 0, data.Length);
                    }
                    else if (flag == 'K')
                    {
                        longLink = TarHeader.ReadString(data, 0, data.Length);
                    }

                    continue; // 'g' (global) records are read and ignored: nothing an OCI layout needs
                }

                string name = pax.TryGetValue("path", out string? p) ? p : longName ?? headerName;
                if (pax.TryGetValue("size", out string? paxSize) && !long.TryParse(paxSize, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out size))
                {
                    throw ArchiveErrors.Invalid(_archiveName, $"entry '{name}' (header at offset {firstHeader}) has an invalid pax size '{paxSize}'.");
                }

                string? link = pax.TryGetValue("linkpath", out string? lp) ? lp : longLink ?? NullIfEmpty(TarHeader.ReadString(_block, TarHeader.LinkNameOffset, TarHeader.LinkNameLength));
                TarHeader.TryParseNumber(_block, TarHeader.ModeOffset, 8, out long mode);
                var stream = new TarEntryStream(this, size, name, firstHeader);
                _current = stream;
                return new TarEntry(name, TypeOf(flag, name), flag, size, link, (int)(mode & 0xFFF), firstHeader, _position, stream) { PaxRecords = pax };
            }
        }

        public void Dispose()
        {
            _current?.Supersede();
            if (!_leaveOpen)
            {
                _archive.Dispose();
            }
        }

        /// <summary>Reads from the archive and counts the bytes (used by the entry window).</summary>
        internal async Task<int> ReadArchiveAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            int n = await _archive.ReadAsync(buffer, offset, count, cancellationToken).ConfigureAwait(false);
            _position += n;
            return n;
        }

        internal OciException TruncatedEntry(string name, long headerOffset, long got, long size) =>
            ArchiveErrors.Truncated(_archiveName, $"entry '{name}' (header at offset {headerOffset}) declares {size} bytes of data but the archive ends after {got}");

        private static long PaddingOf(long size) => (TarHeader.BlockSize - (size % TarHeader.BlockSize)) % TarHeader.BlockSize;

        private static string? NullIfEmpty(string s) => s.Length == 0 ? null : s;

        private static TarEntryType TypeOf(char flag, string name) => flag switch
        {
            '0' or '7' => TarEntryType.RegularFile,
            '\0' => name.EndsWith("/", StringComparison.Ordinal) ? TarEntryType.Directory : TarEntryType.RegularFile,
            '1' => TarEntryType.HardLink,
            '2' => TarEntryType.SymbolicLink,
            '3' => TarEntryType.CharacterDevice,
            '4' => TarEntryType.BlockDevice,
            '5' => TarEntryType.Directory,
            '6' => TarEntryType.Fifo,
            _ => TarEntryType.Other,
        };

        /// <summary>The ustar name, joined with the prefix field when the magic is POSIX "ustar\0" (GNU's "ustar  " uses that space for times).</summary>
        private string HeaderName()
        {
            string name = TarHeader.ReadString(_block, TarHeader.NameOffset, TarHeader.NameLength);
            if (TarHeader.HasAscii(_block, TarHeader.MagicOffset, "ustar\0"))
            {
                string prefix = TarHeader.ReadString(_block, TarHeader.PrefixOffset, TarHeader.PrefixLength);
                if (prefix.Length > 0)
                {
                    return prefix + "/" + name;
                }
            }

            return name;
        }

        private async Task<byte[]> ReadMetadataAsync(int size, string headerName, long offset, CancellationToken cancellationToken)
        {
            var data = new byte[size];
            int got = await ReadFullyAsync(data, size, cancellationToken).ConfigureAwait(false);
            if (got < size || !await SkipAsync(PaddingOf(size), cancellationToken).ConfigureAwait(false))
            {
                throw TruncatedEntry(headerName, offset, got, size);
            }

            return data;
        }

        private Task<int> ReadBlockAsync(CancellationToken cancellationToken) =>
            ReadFullyAsync(_block, TarHeader.BlockSize, cancellationToken);

        private async Task<int> ReadFullyAsync(byte[] buffer, int count, CancellationToken cancellationToken)
        {
            int total = 0;
            while (total < count)
            {
                int n = await ReadArchiveAsync(buffer, total, count - total, cancellationToken).ConfigureAwait(false);
                if (n == 0)
                {
                    break;
                }

                total += n;
            }

            return total;
        }

        /// <summary>Skips bytes (seeking when possible); false when the archive ended first.</summary>
        private async Task<bool> SkipAsync(long count, CancellationToken cancellationToken)
        {
            if (count == 0)
            {
                return true;
            }

            if (_archive.CanSeek)
            {
                long available = _archive.Length - _archive.Position;
                long step = Math.Min(count, available);
                _archive.Seek(step, SeekOrigin.Current);
                _position += step;
                return step == count;
            }

            byte[] scratch = new byte[(int)Math.Min(count, 81920)];
            while (count > 0)
            {
                int n = await ReadArchiveAsync(scratch, 0, (int)Math.Min(count, scratch.Length), cancellationToken).ConfigureAwait(false);
                if (n == 0)
                {
                    return false;
                }

                count -= n;
            }

            return true;
        }
    }
}
