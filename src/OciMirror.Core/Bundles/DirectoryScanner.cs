using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Errors;
using OciMirror.Core.Layout;
using OciMirror.Core.Model;

namespace OciMirror.Core.Bundles
{
    /// <summary>
    /// The pass of <see cref="ArchiveScanner"/> over a layout directory: reads oci-layout and index.json
    /// (capped), and feeds every file <c>blobs/&lt;alg&gt;/&lt;encoded&gt;</c> through <see cref="BlobIngest"/>.
    /// Files under <c>blobs/</c> whose names are not digests are problems (lenient) or skipped with a warning.
    /// </summary>
    internal static class DirectoryScanner
    {
        /// <exception cref="OciException">IOFailed when the directory cannot be listed; strict-mode errors as for archives.</exception>
        public static async Task ScanAsync(string root, BundleScan scan, IBlobSink sink, Action<long>? onBytes, CancellationToken cancellationToken)
        {
            var paths = new LayoutPaths(root);
            if (!File.Exists(paths.LayoutFile))
            {
                throw NotABundle.ForDirectory(root); // before reading anything: not a bundle at all
            }

            scan.HasMarker = true;
            scan.Marker = await ReadCappedAsync(scan, paths.LayoutFile, LayoutMarker.MaxBytes, cancellationToken).ConfigureAwait(false);
            scan.Index = await ReadCappedAsync(scan, paths.IndexFile, OciLimits.MaxManifestBytes, cancellationToken).ConfigureAwait(false);
            if (!Directory.Exists(paths.BlobsDirectory))
            {
                return;
            }

            try
            {
                foreach (string algorithmDirectory in Directory.EnumerateDirectories(paths.BlobsDirectory))
                {
                    foreach (string file in Directory.EnumerateFiles(algorithmDirectory))
                    {
                        cancellationToken.ThrowIfCancellationRequested();
                        string location = "blobs/" + Path.GetFileName(algorithmDirectory) + "/" + Path.GetFileName(file);
                        if (!Digest.TryParse(Path.GetFileName(algorithmDirectory) + ":" + Path.GetFileName(file), out Digest digest, out string? error))
                        {
                            Unexpected(scan, $"Layout '{root}': file '{location}' is not named by a valid digest ({error}); it was skipped.");
                            continue;
                        }

                        using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.Asynchronous | FileOptions.SequentialScan);
                        await BlobIngest.ProcessAsync(scan, sink, digest, stream.Length, location, stream, onBytes, cancellationToken).ConfigureAwait(false);
                    }
                }
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                throw new OciException(OciErrorKind.IOFailed, $"Cannot read layout '{root}': {e.Message}", e) { Path = root };
            }
        }

        private static void Unexpected(BundleScan scan, string message)
        {
            if (scan.Lenient)
            {
                scan.Problems.Add(message);
            }
            else
            {
                scan.Log.Log(Diagnostics.LogLevel.Warning, message);
            }
        }

        private static async Task<byte[]?> ReadCappedAsync(BundleScan scan, string file, long max, CancellationToken cancellationToken)
        {
            var info = new FileInfo(file);
            if (!info.Exists)
            {
                return null;
            }

            if (info.Length > max)
            {
                scan.Problem(new OciException(OciErrorKind.ContentTooLarge, $"'{file}' is {info.Length} bytes, over the {max}-byte limit for it.") { Path = file });
                return null;
            }

            return await AtomicFile.ReadAllBytesAsync(file, cancellationToken).ConfigureAwait(false);
        }
    }
}
