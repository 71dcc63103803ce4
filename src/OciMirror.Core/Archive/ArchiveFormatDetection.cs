using System;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Compression;

namespace OciMirror.Core.Archive
{
    /// <summary>Decides whether a bundle is a directory, a tar or a compressed tar (gzip, zstd, xz, bzip2).</summary>
    public static class ArchiveFormatDetection
    {
        private static readonly (string Extension, ArchiveFormat Format)[] Extensions =
        {
            (".tar", ArchiveFormat.Tar),
            (".tgz", ArchiveFormat.TarGzip),
            (".tar.gz", ArchiveFormat.TarGzip),
            (".tar.zst", ArchiveFormat.TarZstd),
            (".tzst", ArchiveFormat.TarZstd),
            (".tar.xz", ArchiveFormat.TarXz),
            (".txz", ArchiveFormat.TarXz),
            (".tar.bz2", ArchiveFormat.TarBzip2),
            (".tbz2", ArchiveFormat.TarBzip2),
            (".tbz", ArchiveFormat.TarBzip2),
        };

        /// <summary>
        /// From the name: <c>.tar</c> → Tar; <c>.tgz</c>/<c>.tar.gz</c> → TarGzip; <c>.tar.zst</c>/<c>.tzst</c>
        /// → TarZstd; <c>.tar.xz</c>/<c>.txz</c> → TarXz; <c>.tar.bz2</c>/<c>.tbz2</c>/<c>.tbz</c> → TarBzip2;
        /// anything else (including no extension) → Directory. A split-volume number after the extension
        /// (<c>mirror.tar.zst.001</c>) is looked through. Case-insensitive, so <c>E:\BUNDLE.TGZ</c> works.
        /// </summary>
        public static ArchiveFormat FromPath(string path)
        {
            if (path == null)
            {
                throw new ArgumentNullException(nameof(path));
            }

            string p = Volumes.SplitVolumeNames.WithoutPartNumber(path.TrimEnd('/', '\\'));
            foreach ((string extension, ArchiveFormat format) in Extensions)
            {
                if (p.EndsWith(extension, StringComparison.OrdinalIgnoreCase))
                {
                    return format;
                }
            }

            return ArchiveFormat.Directory;
        }

        /// <summary>True for the formats an export can write: Tar, TarGzip, TarZstd (xz and bzip2 are only read).</summary>
        public static bool IsWritableArchive(ArchiveFormat format) =>
            format == ArchiveFormat.Tar || format == ArchiveFormat.TarGzip || format == ArchiveFormat.TarZstd;

        /// <summary>
        /// From the first bytes of a stream (pass at least 512): <c>1f 8b</c> → TarGzip; a zstd or skippable
        /// frame magic → TarZstd; <c>fd 37 7a 58 5a 00</c> → TarXz; <c>BZh1</c>–<c>BZh9</c> → TarBzip2; a tar
        /// header (<c>ustar</c> magic at offset 257, a valid header checksum, or an all-zero block, which is
        /// an empty archive) → Tar; otherwise null (not an archive we can read).
        /// </summary>
        public static ArchiveFormat? FromHeader(ArraySegment<byte> prefix)
        {
            byte[] a = prefix.Array ?? Array.Empty<byte>();
            int o = prefix.Offset, n = prefix.Count;
            if (n >= 2 && a[o] == 0x1f && a[o + 1] == 0x8b)
            {
                return ArchiveFormat.TarGzip;
            }

            if (n >= 4 && ZstdFormat.IsFrameStart(ZstdFormat.ReadUInt32(a, o)))
            {
                return ArchiveFormat.TarZstd;
            }

            if (n >= 6 && a[o] == 0xfd && a[o + 1] == 0x37 && a[o + 2] == 0x7a && a[o + 3] == 0x58 && a[o + 4] == 0x5a && a[o + 5] == 0)
            {
                return ArchiveFormat.TarXz;
            }

            if (n >= 4 && a[o] == (byte)'B' && a[o + 1] == (byte)'Z' && a[o + 2] == (byte)'h' && a[o + 3] >= (byte)'1' && a[o + 3] <= (byte)'9')
            {
                return ArchiveFormat.TarBzip2;
            }

            if (n < TarHeader.BlockSize)
            {
                return null;
            }

            var block = new byte[TarHeader.BlockSize];
            Buffer.BlockCopy(a, o, block, 0, TarHeader.BlockSize);
            bool looksLikeTar = TarHeader.HasAscii(block, TarHeader.MagicOffset, "ustar")
                || TarHeader.ChecksumMatches(block, out _, out _) || TarHeader.IsZeroBlock(block);
            return looksLikeTar ? ArchiveFormat.Tar : (ArchiveFormat?)null;
        }

        /// <summary>Peeks the first 512 bytes of <paramref name="input"/> (nothing is consumed) and applies <see cref="FromHeader"/>.</summary>
        public static async Task<ArchiveFormat?> DetectAsync(PeekableReadStream input, CancellationToken cancellationToken = default)
        {
            if (input == null)
            {
                throw new ArgumentNullException(nameof(input));
            }

            ArraySegment<byte> prefix = await input.PeekAsync(TarHeader.BlockSize, cancellationToken).ConfigureAwait(false);
            return FromHeader(prefix);
        }
    }
}
