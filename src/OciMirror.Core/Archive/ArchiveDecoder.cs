using System;
using System.IO;
using OciMirror.Core.Compression;
using OciMirror.Core.Layout;

namespace OciMirror.Core.Archive
{
    /// <summary>
    /// The decompression half of the codec choice: turns an archive stream of a known format into the
    /// uncompressed tar stream the tar reader reads. gzip goes through the project's own member reader
    /// (measured faster than SharpCompress's, see DESIGN §3), zstd, xz and bzip2 through SharpCompress.
    /// </summary>
    internal static class ArchiveDecoder
    {
        /// <summary>
        /// The tar stream of <paramref name="archive"/> (read forward from its position). With
        /// <paramref name="leaveOpen"/> the result never disposes <paramref name="archive"/>; the caller disposes the result.
        /// </summary>
        /// <exception cref="ArgumentException"><paramref name="format"/> is Directory.</exception>
        public static Stream Open(ArchiveFormat format, Stream archive, bool leaveOpen, string? archiveName) => format switch
        {
            ArchiveFormat.Tar => leaveOpen ? new LeaveOpenStream(archive) : archive,
            ArchiveFormat.TarGzip => new MultiMemberGzipReadStream(archive, leaveOpen, archiveName),
            ArchiveFormat.TarZstd => new ZstdReadStream(archive, leaveOpen, archiveName),
            ArchiveFormat.TarXz => LegacyDecoderReadStream.Xz(archive, leaveOpen, archiveName),
            ArchiveFormat.TarBzip2 => LegacyDecoderReadStream.Bzip2(archive, leaveOpen, archiveName),
            _ => throw new ArgumentException($"{format} is not an archive format.", nameof(format)),
        };

        /// <summary>
        /// The framed compressor a writer of <paramref name="format"/> writes its entries through, or null
        /// for a plain tar. It never disposes <paramref name="output"/>.
        /// </summary>
        /// <exception cref="ArgumentException">A format that cannot be written (Directory, TarXz, TarBzip2).</exception>
        public static Stream? CreateFramedWriter(ArchiveFormat format, Stream output) => format switch
        {
            ArchiveFormat.Tar => null,
            ArchiveFormat.TarGzip => new GzipMemberWriter(output, leaveOpen: true),
            ArchiveFormat.TarZstd => new ZstdFrameWriter(output, leaveOpen: true),
            _ => throw new ArgumentException($"{format} bundles are read, never written: export to .tar, .tgz or .tar.zst.", nameof(format)),
        };
    }
}
