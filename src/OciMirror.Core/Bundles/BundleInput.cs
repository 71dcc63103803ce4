using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Archive;
using OciMirror.Core.Errors;

namespace OciMirror.Core.Bundles
{
    /// <summary>
    /// Decides what a bundle path or stream is: a layout directory, a tar, or a compressed tar (gzip,
    /// zstd, xz, bzip2; by magic bytes, never by extension), and opens a stream as an uncompressed tar.
    /// </summary>
    internal static class BundleInput
    {
        /// <summary>
        /// Directory for an existing directory (and for a missing path, so the layout store reports it);
        /// Tar or a compressed tar for a file or a split set (<see cref="Volumes.ArchiveFile"/>) by its first bytes.
        /// </summary>
        /// <exception cref="OciException">InvalidLayout naming the path: a file that is neither a tar nor gzip; IOFailed when it cannot be read.</exception>
        public static async Task<ArchiveFormat> DetectPathAsync(string path, CancellationToken cancellationToken)
        {
            if (!Volumes.ArchiveFile.Exists(path))
            {
                return ArchiveFormat.Directory;
            }

            try
            {
                using Stream file = Volumes.ArchiveFile.OpenRead(path);
                using var peek = new PeekableReadStream(file);
                return await ArchiveFormatDetection.DetectAsync(peek, cancellationToken).ConfigureAwait(false) ?? throw NotABundle(path);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                throw new OciException(OciErrorKind.IOFailed, $"Cannot read '{path}': {e.Message}", e) { Path = path };
            }
        }

        /// <summary>
        /// Wraps <paramref name="input"/> (not disposed by the result) as an uncompressed tar: through the
        /// decoder of its compression (<see cref="ArchiveDecoder"/>) when it starts with the gzip, zstd, xz
        /// or bzip2 magic, as it is when it starts like a tar. The caller disposes the result.
        /// </summary>
        /// <exception cref="OciException">InvalidLayout naming <paramref name="name"/> when it is neither.</exception>
        public static async Task<Stream> OpenTarStreamAsync(Stream input, string name, CancellationToken cancellationToken)
        {
            var peek = new PeekableReadStream(input, leaveOpen: true);
            ArchiveFormat? format = await ArchiveFormatDetection.DetectAsync(peek, cancellationToken).ConfigureAwait(false);
            if (format == null)
            {
                peek.Dispose();
                throw NotABundle(name);
            }

            return ArchiveDecoder.Open(format.Value, peek, leaveOpen: false, name);
        }

        private static OciException NotABundle(string name) => new OciException(
            OciErrorKind.InvalidLayout,
            $"'{name}' is neither an OCI layout directory nor a tar or compressed tar archive (its first bytes are not a tar header or the gzip, zstd, xz or bzip2 magic).")
        {
            Path = name,
        };
    }
}
