using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Archive;
using OciMirror.Core.Content;
using OciMirror.Core.Diagnostics;
using OciMirror.Core.Errors;
using OciMirror.Core.Layout;

namespace OciMirror.Core.Operations
{
    /// <summary>
    /// The bundle an export writes, chosen from <see cref="ExportRequest.Format"/>,
    /// <see cref="ExportRequest.OutputStream"/> and <see cref="ExportRequest.BundlePath"/>: a layout
    /// directory created on its first write (<see cref="DeferredLayoutStore"/>), or an archive file or
    /// stream (<see cref="ArchiveBundleWriter"/>) that <see cref="CompleteAsync"/> finishes. Both exclude
    /// other writers of the same bundle, in this process and in others. Disposing it without completing
    /// abandons an archive (the destination keeps its old content).
    /// </summary>
    internal sealed class ExportDestination : IDisposable
    {
        private readonly IDisposable _owned;
        private readonly ArchiveBundleWriter? _archive;

        private ExportDestination(ITarget target, IDisposable owned, ArchiveBundleWriter? archive)
        {
            Target = target;
            _owned = owned;
            _archive = archive;
        }

        /// <summary>The copy destination.</summary>
        public ITarget Target { get; }

        /// <summary>True for an archive (file or stream): nothing is in it until <see cref="CompleteAsync"/> succeeded.</summary>
        public bool IsArchive => _archive != null;

        /// <summary>
        /// The format to write: <see cref="ExportRequest.Format"/>, else from the path's extension. A
        /// stream is always an archive: with no format and a path that names no archive (the CLI's "-"),
        /// it is a Tar.
        /// </summary>
        /// <exception cref="OciException">InvalidDestination: Directory was asked for a stream.</exception>
        public static ArchiveFormat FormatOf(ExportRequest request)
        {
            ArchiveFormat fromPath = ArchiveFormatDetection.FromPath(request.BundlePath ?? string.Empty);
            if (request.OutputStream == null)
            {
                return request.Format ?? fromPath;
            }

            if (request.Format == ArchiveFormat.Directory)
            {
                throw new OciException(OciErrorKind.InvalidDestination, $"A bundle written to a stream ('{request.BundlePath}') is a Tar, TarGzip or TarZstd archive; Directory cannot be streamed.")
                {
                    Path = request.BundlePath,
                    RecommendedAction = "Choose the Tar, TarGzip or TarZstd format, or give a directory path instead of a stream.",
                };
            }

            return request.Format ?? (fromPath == ArchiveFormat.Directory ? ArchiveFormat.Tar : fromPath);
        }

        /// <summary>
        /// Opens the destination of <paramref name="request"/>. <paramref name="operationToken"/> cancels the
        /// opening; it does not abandon an archive once opened (a cancelled export finishes it with what was
        /// done, <see cref="CompleteAsync"/>). Waiting for another writer of the bundle is logged to <paramref name="log"/>.
        /// </summary>
        /// <exception cref="OciException">InvalidDestination (unusable path or format, naming it; a path that names an archive format not written, such as .zip, without an explicit format); InvalidLayout (a damaged layout directory).</exception>
        public static async Task<ExportDestination> OpenAsync(ExportRequest request, ILogSink log, CancellationToken operationToken)
        {
            ArchiveFormat format = FormatOf(request);
            string path = request.BundlePath;
            if (format != ArchiveFormat.Directory && !ArchiveFormatDetection.IsWritableArchive(format))
            {
                throw new OciException(OciErrorKind.InvalidDestination, $"Cannot export to '{path}': {format} bundles are read, never written.")
                {
                    Path = path,
                    RecommendedAction = "Export to .tar, .tgz or .tar.zst (zstd compresses better and faster than xz or bzip2 here).",
                };
            }

            CheckSplit(request, format);
            if (request.OutputStream != null)
            {
                ArchiveBundleWriter writer = ArchiveBundleWriter.ForStream(request.OutputStream, format, string.IsNullOrEmpty(path) ? "stream" : path, CancellationToken.None);
                return new ExportDestination(writer, writer, writer);
            }

            if (string.IsNullOrWhiteSpace(path))
            {
                throw new OciException(OciErrorKind.InvalidDestination, "No bundle path was given.") { RecommendedAction = "Give the directory or archive file to export to." };
            }

            if (request.Format == null && format == ArchiveFormat.Directory)
            {
                ArchiveLookingPath.Refuse(path);
            }

            try
            {
                if (format == ArchiveFormat.Directory)
                {
                    DeferredLayoutStore store = await DeferredLayoutStore.OpenAsync(path, operationToken, log).ConfigureAwait(false);
                    return new ExportDestination(store, store, null);
                }

                ArchiveBundleWriter archive = await ArchiveBundleWriter.OpenFileAsync(path, format, request.SplitSize, log, operationToken).ConfigureAwait(false);
                return new ExportDestination(archive, archive, archive);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is ArgumentException || e is NotSupportedException)
            {
                throw new OciException(OciErrorKind.InvalidDestination, $"The bundle '{path}' cannot be used: {e.Message}", e) { Path = path };
            }
        }

        /// <summary>Split volumes are files of an archive: not a directory, not a stream.</summary>
        private static void CheckSplit(ExportRequest request, ArchiveFormat format)
        {
            if (request.SplitSize == null)
            {
                return;
            }

            string? why = request.OutputStream != null ? "a bundle written to a stream cannot be split into files"
                : format == ArchiveFormat.Directory ? "a directory bundle is not split; only an archive file is (.tar, .tgz, .tar.zst)"
                : request.SplitSize < Volumes.SplitSize.Minimum ? $"the split size must be at least {Volumes.SplitSize.Minimum} bytes"
                : null;
            if (why != null)
            {
                throw new OciException(OciErrorKind.InvalidDestination, $"Cannot split '{request.BundlePath}': {why}.")
                {
                    Path = request.BundlePath,
                    RecommendedAction = "Export to an archive file (.tar, .tgz, .tar.zst) to split it, or leave the split size out.",
                };
            }
        }

        /// <summary>
        /// Finishes an archive (index.json naming every artifact that finished, end marker, rename; merged
        /// with what another writer committed meanwhile); nothing to do for a directory, whose index.json
        /// names each artifact as it finishes. Not cancellable: a cancelled export calls it too, with
        /// <paramref name="interrupted"/>, so that what finished before the stop is in the bundle.
        /// </summary>
        /// <exception cref="OciException">IOFailed or InvalidDestination naming the archive.</exception>
        public Task CompleteAsync(bool interrupted) =>
            _archive?.CompleteAsync(interrupted, CancellationToken.None) ?? Task.CompletedTask;

        public void Dispose() => _owned.Dispose();
    }
}
