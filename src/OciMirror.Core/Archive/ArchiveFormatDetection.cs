using System;
using System.Threading;
using System.Threading.Tasks;

namespace OciMirror.Core.Archive
{
    /// <summary>Decides whether a bundle is a directory, a tar or a gzip-compressed tar.</summary>
    public static class ArchiveFormatDetection
    {
        /// <summary>
        /// From the name: <c>.tar</c> → Tar; <c>.tgz</c> or <c>.tar.gz</c> → TarGzip; anything else
        /// (including no extension) → Directory. Case-insensitive, so <c>E:\BUNDLE.TGZ</c> works.
        /// </summary>
        public static ArchiveFormat FromPath(string path)
        {
            if (path == null)
            {
                throw new ArgumentNullException(nameof(path));
            }

            string p = path.TrimEnd('/', '\\');
            if (p.EndsWith(".tgz", StringComparison.OrdinalIgnoreCase) || p.EndsWith(".tar.gz", StringComparison.OrdinalIgnoreCase))
            {
                return ArchiveFormat.TarGzip;
            }

            return p.EndsWith(".tar", StringComparison.OrdinalIgnoreCase) ? ArchiveFormat.Tar : ArchiveFormat.Directory;
        }

        /// <summary>
        /// From the first bytes of a stream (pass at least 512): <c>1f 8b</c> → TarGzip; a tar header
        /// (<c>ustar</c> magic at offset 257, a valid header checksum, or an all-zero block, which is an
        /// empty archive) → Tar; otherwise null (not an archive we can read).
        /// </summary>
        public static ArchiveFormat? FromHeader(ArraySegment<byte> prefix)
        {
            byte[] a = prefix.Array ?? Array.Empty<byte>();
            int o = prefix.Offset;
            if (prefix.Count >= 2 && a[o] == 0x1f && a[o + 1] == 0x8b)
            {
                return ArchiveFormat.TarGzip;
            }

            if (prefix.Count < TarHeader.BlockSize)
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
