using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Archive;
using OciMirror.Core.Diagnostics;
using OciMirror.Core.Errors;
using OciMirror.Core.Model;

namespace OciMirror.Core.Files
{
    /// <summary>
    /// Unpacks a directory layer (<c>io.deis.oras.content.unpack: true</c>) as it streams: the blob verified against
    /// its digest, gunzipped when it starts with the gzip magic, the tar checked against
    /// <c>io.deis.oras.content.digest</c>, every entry name checked like a title (<see cref="FileTitles"/>) and
    /// required to be the title or below it (oras's rule). Directories and regular files are written; links and
    /// special entries are skipped with a warning. Everything lands in a staging directory first and is moved into
    /// place only once the whole layer verified, so a corrupt or hostile layer leaves nothing behind.
    /// </summary>
    internal static class DirectoryLayerExtractor
    {
        /// <summary>Extracts <paramref name="blob"/> (the raw layer stream, disposed here) below <paramref name="root"/>.</summary>
        /// <exception cref="OciException">DigestMismatch; UnsafePath for an entry name; InvalidLayout for a corrupt tar or gzip; IOFailed.</exception>
        public static async Task<long> ExtractAsync(Stream blob, Descriptor layer, string title, string root, ILogSink log, CancellationToken cancellationToken)
        {
            string staging = Path.Combine(root, ".ocimirror-pull-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(staging);
            try
            {
                long written = await UnpackAsync(blob, layer, title, staging, log, cancellationToken).ConfigureAwait(false);
                StagedTree.MoveInto(Path.Combine(staging, title.Replace('/', Path.DirectorySeparatorChar)), FileTitles.Below(root, title, title));
                return written;
            }
            finally
            {
                StagedTree.TryDelete(staging);
            }
        }

        private static async Task<long> UnpackAsync(Stream blob, Descriptor layer, string title, string staging, ILogSink log, CancellationToken cancellationToken)
        {
            string what = $"directory '{title}' ({layer.Digest})";
            using var verified = new Content.VerifyingReadStream(blob, layer) { Subject = what };
            using var peek = new PeekableReadStream(verified, leaveOpen: true);
            bool gzip = await ArchiveFormatDetection.DetectAsync(peek, cancellationToken).ConfigureAwait(false) == ArchiveFormat.TarGzip;
            using Stream tarBytes = gzip ? new MultiMemberGzipReadStream(peek, leaveOpen: true, archiveName: what) : (Stream)peek;
            using var tarHash = new HashingStream(tarBytes, leaveOpen: true);
            long written = 0;
            using (var reader = new TarReader(tarHash, leaveOpen: true, archiveName: what))
            {
                TarEntry? entry;
                while ((entry = await reader.GetNextEntryAsync(cancellationToken).ConfigureAwait(false)) != null)
                {
                    written += await WriteEntryAsync(entry, title, staging, what, log, cancellationToken).ConfigureAwait(false);
                }
            }

            // Read to the end so that the tar digest covers every byte and the blob digest is checked.
            await DrainAsync(tarHash, cancellationToken).ConfigureAwait(false);
            await DrainAsync(verified, cancellationToken).ConfigureAwait(false);
            string? expected = layer.GetAnnotation(DirectoryTarball.ContentDigestAnnotation);
            if (expected != null && !string.Equals(expected, tarHash.Digest.ToString(), StringComparison.Ordinal))
            {
                throw new OciException(OciErrorKind.DigestMismatch, $"The tar inside {what} hashes to {tarHash.Digest}, not {expected} as its {DirectoryTarball.ContentDigestAnnotation} says; nothing was written.")
                {
                    Digest = layer.Digest,
                };
            }

            return written;
        }

        private static async Task<long> WriteEntryAsync(TarEntry entry, string title, string staging, string what, ILogSink log, CancellationToken cancellationToken)
        {
            string name = entry.Name.TrimEnd('/');
            string? problem = FileTitles.Problem(name, FileTitles.OnWindows)
                ?? (name == title || name.StartsWith(title + "/", StringComparison.Ordinal) ? null : $"it is not inside '{title}'");
            if (problem != null)
            {
                throw new OciException(OciErrorKind.UnsafePath, $"The entry '{entry.Name}' of {what} is refused: {problem}; nothing was written.")
                {
                    Reference = entry.Name,
                    RecommendedAction = "The artifact is damaged or hostile; ask its publisher to push the directory again.",
                };
            }

            string path = Path.Combine(staging, name.Replace('/', Path.DirectorySeparatorChar));
            switch (entry.Type)
            {
                case TarEntryType.Directory:
                    Directory.CreateDirectory(path);
                    return 0;
                case TarEntryType.RegularFile:
                    Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                    using (var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous))
                    {
                        await entry.DataStream.CopyToAsync(file, 81920, cancellationToken).ConfigureAwait(false);
                    }

                    return entry.Size;
                default:
                    log.Log(LogLevel.Warning, $"{what}: entry '{entry.Name}' is a {entry.Type}, which is not written (only directories and regular files are).");
                    return 0;
            }
        }

        private static async Task DrainAsync(Stream stream, CancellationToken cancellationToken)
        {
            var buffer = new byte[81920];
            while (await stream.ReadAsync(buffer, 0, buffer.Length, cancellationToken).ConfigureAwait(false) > 0)
            {
            }
        }
    }
}
