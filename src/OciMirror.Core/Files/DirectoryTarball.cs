using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Archive;
using OciMirror.Core.Errors;
using OciMirror.Core.Model;

namespace OciMirror.Core.Files
{
    /// <summary>
    /// Packs a directory as oras does (oras-go content/file): a tar whose entry names start with the title
    /// (<c>docs/</c>, <c>docs/readme.md</c>), gzip-compressed into a temporary file, described by the digest of the
    /// gzip and annotated with the digest of the tar (<c>io.deis.oras.content.digest</c>) and
    /// <c>io.deis.oras.content.unpack: true</c>. Deterministic where oras is only with its reproducible option:
    /// entries depth-first with each directory's names in ordinal order, mtime 0 (1970-01-01), uid/gid 0, no
    /// user or group names, mode 0644 for files and 0755 for directories on every OS (the executable bit is not
    /// kept), so the same tree gives the same tar digest on Windows and Linux. Symbolic links, junctions and
    /// other special entries are refused: they could point outside the directory.
    /// </summary>
    internal static class DirectoryTarball
    {
        /// <summary>The annotation holding the digest of the uncompressed tar.</summary>
        public const string ContentDigestAnnotation = "io.deis.oras.content.digest";

        /// <summary>The annotation telling pull to unpack the layer into a directory.</summary>
        public const string UnpackAnnotation = "io.deis.oras.content.unpack";

        /// <summary>
        /// Writes the tar.gz of <paramref name="directory"/> to <paramref name="output"/> (created or overwritten)
        /// and returns its descriptor (media type <paramref name="mediaType"/>, annotations title, content digest,
        /// unpack) and the tar's digest. Memory stays flat: every file is streamed.
        /// </summary>
        /// <exception cref="OciException">UnsafePath for a link or special entry; IOFailed; NotFound for a missing directory.</exception>
        public static async Task<Descriptor> WriteAsync(string directory, string title, string output, string mediaType, CancellationToken cancellationToken)
        {
            var root = new DirectoryInfo(directory);
            if (!root.Exists)
            {
                throw new OciException(OciErrorKind.NotFound, $"Directory '{directory}' does not exist.") { Path = directory };
            }

            try
            {
                using var file = new FileStream(output, FileMode.Create, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous);
                using var gzipHash = new HashingStream(file, leaveOpen: true);
                Digest tarDigest;
                using (var gzip = new GZipStream(gzipHash, CompressionLevel.Optimal, leaveOpen: true))
                using (var tarHash = new HashingStream(gzip, leaveOpen: true))
                using (var tar = new TarWriter(tarHash, leaveOpen: true))
                {
                    await tar.WriteDirectoryAsync(title, cancellationToken).ConfigureAwait(false);
                    await WriteTreeAsync(tar, root, title, cancellationToken).ConfigureAwait(false);
                    await tar.WriteEndAsync(cancellationToken).ConfigureAwait(false);
                    tarDigest = tarHash.Digest;
                }

                await file.FlushAsync(cancellationToken).ConfigureAwait(false);
                var annotations = new SortedDictionary<string, string>(StringComparer.Ordinal)
                {
                    [ContentDigestAnnotation] = tarDigest.ToString(),
                    [UnpackAnnotation] = "true",
                    [ArtifactAnnotations.Title] = title,
                };
                return new Descriptor(mediaType, gzipHash.Digest, gzipHash.Count, annotations);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                throw new OciException(OciErrorKind.IOFailed, $"Cannot pack directory '{directory}': {e.Message}", e) { Path = directory };
            }
        }

        private static async Task WriteTreeAsync(TarWriter tar, DirectoryInfo directory, string prefix, CancellationToken cancellationToken)
        {
            foreach (FileSystemInfo entry in directory.EnumerateFileSystemInfos().OrderBy(e => e.Name, StringComparer.Ordinal))
            {
                cancellationToken.ThrowIfCancellationRequested();
                string name = prefix + "/" + entry.Name;
                if ((entry.Attributes & FileAttributes.ReparsePoint) != 0)
                {
                    throw new OciException(OciErrorKind.UnsafePath, $"'{entry.FullName}' is a symbolic link or junction; directories are packed without links, which could point outside them.")
                    {
                        Path = entry.FullName,
                        RecommendedAction = "Replace the link by the file or directory it points to, or remove it, then push again.",
                    };
                }

                if (entry is DirectoryInfo child)
                {
                    await tar.WriteDirectoryAsync(name, cancellationToken).ConfigureAwait(false);
                    await WriteTreeAsync(tar, child, name, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    var info = (FileInfo)entry;
                    using FileStream data = FileBlobs.Open(info.FullName);
                    await tar.WriteFileAsync(name, data, info.Length, cancellationToken).ConfigureAwait(false);
                }
            }
        }
    }
}
