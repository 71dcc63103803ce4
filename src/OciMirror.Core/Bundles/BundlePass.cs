using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Archive;
using OciMirror.Core.Diagnostics;
using OciMirror.Core.DockerArchive;
using OciMirror.Core.Errors;
using OciMirror.Core.Operations;

namespace OciMirror.Core.Bundles
{
    /// <summary>
    /// Runs one pass (<see cref="ArchiveScanner"/> or <see cref="DirectoryScanner"/>) over the bundle a
    /// <see cref="BundleRequest"/> names: a stream (tar or compressed tar by magic bytes), a directory, or
    /// a file or split set (the same). A .tar file is read with seeks past the data the pass does not need.
    /// A classic docker save archive goes through <see cref="DockerSaveScanner"/> (from a temporary copy
    /// when it arrives compressed or through a pipe).
    /// </summary>
    internal static class BundlePass
    {
        /// <summary>The bundle as named in messages.</summary>
        public static string NameOf(BundleRequest request) =>
            string.IsNullOrWhiteSpace(request.BundlePath) ? "stdin" : request.BundlePath;

        /// <exception cref="OciException">InvalidLayout: no path, a path that does not exist, a file that is
        /// neither tar nor gzip; IOFailed; strict-mode errors of the scanners.</exception>
        public static async Task<BundleScan> RunAsync(BundleRequest request, bool lenient, IBlobSink sink, ILogSink log, Action<long>? onBytes, CancellationToken cancellationToken)
        {
            string name = NameOf(request);
            var scan = new BundleScan(name, lenient, log);
            if (request.InputStream != null)
            {
                await ScanStreamAsync(request.InputStream, scan, sink, onBytes, cancellationToken).ConfigureAwait(false);
                return scan;
            }

            if (string.IsNullOrWhiteSpace(request.BundlePath))
            {
                throw new OciException(OciErrorKind.InvalidLayout, "No bundle path was given.") { RecommendedAction = "Give a bundle directory, .tar or .tgz." };
            }

            string path = request.BundlePath;
            if (Directory.Exists(path))
            {
                await DirectoryScanner.ScanAsync(path, scan, sink, onBytes, cancellationToken).ConfigureAwait(false);
                return scan;
            }

            if (!Volumes.ArchiveFile.Exists(path))
            {
                throw new OciException(OciErrorKind.InvalidLayout, $"'{path}' does not exist.") { Path = path };
            }

            ArchiveFormat format = await BundleInput.DetectPathAsync(path, cancellationToken).ConfigureAwait(false);
            try
            {
                using Stream file = Volumes.ArchiveFile.OpenRead(path);
                if (format == ArchiveFormat.Tar && await DockerSaveDetection.IsClassicAsync(file, cancellationToken).ConfigureAwait(false))
                {
                    await DockerSaveScanner.ScanAsync(file, scan, sink, onBytes, cancellationToken).ConfigureAwait(false);
                }
                else if (format == ArchiveFormat.Tar)
                {
                    await ArchiveScanner.ScanAsync(file, scan, sink, onBytes, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    await ScanStreamAsync(file, scan, sink, onBytes, cancellationToken).ConfigureAwait(false);
                }

                scan.StreamError = scan.StreamError == null ? null : Volumes.ArchiveFile.Locate(file, scan.StreamError);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                throw new OciException(OciErrorKind.IOFailed, $"Cannot read '{path}': {e.Message}", e) { Path = path };
            }

            return scan;
        }

        private static async Task ScanStreamAsync(Stream input, BundleScan scan, IBlobSink sink, Action<long>? onBytes, CancellationToken cancellationToken)
        {
            using var raw = new PeekableReadStream(input, leaveOpen: true);
            bool classic = await DockerSaveDetection.IsClassicAsync(raw, cancellationToken).ConfigureAwait(false);
            using Stream tar = await BundleInput.OpenTarStreamAsync(raw, scan.BundleName, cancellationToken).ConfigureAwait(false);
            if (!classic)
            {
                await ArchiveScanner.ScanAsync(tar, scan, sink, onBytes, cancellationToken).ConfigureAwait(false);
                return;
            }

            // A classic docker save archive names nothing by digest: read it in place from a temporary copy.
            TempTarSpool spool;
            try
            {
                spool = await TempTarSpool.CreateAsync(tar, cancellationToken).ConfigureAwait(false);
            }
            catch (OciException e) when (scan.Lenient && e.Kind == OciErrorKind.InvalidLayout)
            {
                scan.IsArchive = true;
                scan.StreamError = e;
                return;
            }

            using (spool)
            using (Stream file = Volumes.ArchiveFile.OpenRead(spool.Path))
            {
                await DockerSaveScanner.ScanAsync(file, scan, sink, onBytes, cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
