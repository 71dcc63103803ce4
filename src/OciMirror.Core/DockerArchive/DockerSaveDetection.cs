using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Archive;

namespace OciMirror.Core.DockerArchive
{
    /// <summary>
    /// Tells a classic docker save archive from an OCI layout archive by its first entry, without
    /// reading further: every known writer of the classic form (docker before 25, skopeo and podman
    /// <c>docker-archive:</c>) starts with <c>&lt;64 hex&gt;/</c>, <c>&lt;64 hex&gt;.json</c> or
    /// <c>&lt;64 hex&gt;.tar</c> (the temporary directory docker tars is walked in name order), or with
    /// manifest.json; an OCI layout archive starts with oci-layout, index.json or blobs/ (Docker 25+
    /// writes its OCI form in name order too: blobs/ first).
    /// </summary>
    internal static class DockerSaveDetection
    {
        /// <summary>How much compressed input is decoded to see the first tar header: 64 KiB.</summary>
        private const int CompressedPrefix = 64 * 1024;

        /// <summary>True when <paramref name="firstEntry"/> (a tar entry name) starts a classic docker save archive.</summary>
        public static bool IsClassicFirstEntry(string firstEntry)
        {
            string name = DockerSaveEntries.NormalizeName(firstEntry);
            if (name == "manifest.json" || name == "repositories")
            {
                return true;
            }

            if (name.Length < 64)
            {
                return false;
            }

            for (int i = 0; i < 64; i++)
            {
                char c = name[i];
                if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')))
                {
                    return false;
                }
            }

            string rest = name.Substring(64);
            return rest.Length == 0 || rest.StartsWith("/", StringComparison.Ordinal) || rest == ".json" || rest == ".tar";
        }

        /// <summary>
        /// True when the archive in <paramref name="input"/> (any compression; nothing is consumed: the
        /// first 64 KiB are peeked and their start decoded) is a classic docker save archive.
        /// </summary>
        public static async Task<bool> IsClassicAsync(PeekableReadStream input, CancellationToken cancellationToken)
        {
            ArraySegment<byte> prefix = await input.PeekAsync(CompressedPrefix, cancellationToken).ConfigureAwait(false);
            ArchiveFormat? format = ArchiveFormatDetection.FromHeader(prefix);
            if (format == null)
            {
                return false;
            }

            var copy = new byte[prefix.Count];
            Buffer.BlockCopy(prefix.Array!, prefix.Offset, copy, 0, prefix.Count);
            var header = new byte[TarHeader.BlockSize];
            int got = 0;
            try
            {
                using Stream tar = ArchiveDecoder.Open(format.Value, new MemoryStream(copy, writable: false), leaveOpen: false, archiveName: null);
                int n;
                while (got < header.Length && (n = await tar.ReadAsync(header, got, header.Length - got, cancellationToken).ConfigureAwait(false)) > 0)
                {
                    got += n;
                }
            }
            catch (Exception e) when (e is Errors.OciException || e is IOException || e is InvalidDataException)
            {
                // The prefix ends inside compressed data: what was decoded before is all we need.
            }

            return got == header.Length && IsClassicHeader(header);
        }

        /// <summary>True when the seekable archive file <paramref name="tar"/> (an uncompressed tar) is classic; its position is restored.</summary>
        public static async Task<bool> IsClassicAsync(Stream tar, CancellationToken cancellationToken)
        {
            long start = tar.Position;
            var header = new byte[TarHeader.BlockSize];
            int got = 0, n;
            while (got < header.Length && (n = await tar.ReadAsync(header, got, header.Length - got, cancellationToken).ConfigureAwait(false)) > 0)
            {
                got += n;
            }

            tar.Seek(start, SeekOrigin.Begin);
            return got == header.Length && IsClassicHeader(header);
        }

        private static bool IsClassicHeader(byte[] header)
        {
            if (!TarHeader.ChecksumMatches(header, out _, out _) || header[TarHeader.TypeOffset] == (byte)'x' || header[TarHeader.TypeOffset] == (byte)'L')
            {
                return false; // a pax or GNU long-name header first: no docker writer does that
            }

            return IsClassicFirstEntry(TarHeader.ReadString(header, TarHeader.NameOffset, TarHeader.NameLength));
        }
    }
}
