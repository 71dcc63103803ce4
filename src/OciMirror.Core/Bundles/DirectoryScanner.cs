using System;
using System.Collections.Generic;
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
    /// Every entry is examined before it is read (<see cref="LayoutFiles"/>): a symbolic link, a directory where
    /// a file belongs, a named pipe or a device is refused naming the entry (strict) or recorded as a layout
    /// problem (lenient), and nothing is read through it. Files under <c>blobs/</c> whose names are not
    /// digests are problems (lenient) or skipped with a warning.
    /// </summary>
    internal static class DirectoryScanner
    {
        /// <exception cref="OciException">IOFailed when the directory cannot be listed; strict-mode errors as for archives.</exception>
        public static async Task ScanAsync(string root, BundleScan scan, IBlobSink sink, Action<long>? onBytes, CancellationToken cancellationToken)
        {
            var paths = new LayoutPaths(root);
            try
            {
                if (FileTypeProbe.Of(paths.LayoutFile) == FileType.Missing)
                {
                    throw NotABundle.ForDirectory(root); // before reading anything: not a bundle at all
                }

                scan.HasMarker = true;
                scan.Marker = await ReadSmallAsync(scan, root, LayoutPaths.LayoutFileName, paths.LayoutFile, LayoutMarker.MaxBytes, cancellationToken).ConfigureAwait(false);
                scan.HasIndex = FileTypeProbe.Of(paths.IndexFile) != FileType.Missing;
                scan.Index = await ReadSmallAsync(scan, root, LayoutPaths.IndexFileName, paths.IndexFile, OciLimits.MaxManifestBytes, cancellationToken).ConfigureAwait(false);
                foreach ((string entry, string file) in BlobFiles(scan, root, paths))
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    string[] parts = entry.Split('/');
                    if (!Digest.TryParse(parts[1] + ":" + parts[2], out Digest digest, out string? error))
                    {
                        Unexpected(scan, $"Layout '{root}': file '{entry}' is not named by a valid digest ({error}); it was skipped.");
                        continue;
                    }

                    long? length = Checked(scan, () => LayoutFiles.Probe(root, entry, file));
                    if (length == null)
                    {
                        continue; // refused (recorded), or gone meanwhile
                    }

                    using Stream stream = LayoutFiles.OpenRead(file, length.Value, FileOptions.Asynchronous | FileOptions.SequentialScan);
                    await BlobIngest.ProcessAsync(scan, sink, digest, length.Value, entry, stream, onBytes, cancellationToken).ConfigureAwait(false);
                }
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                throw new OciException(OciErrorKind.IOFailed, $"Cannot read layout '{root}': {e.Message}", e) { Path = root };
            }
        }

        /// <summary>
        /// The entries <c>blobs/&lt;alg&gt;/&lt;name&gt;</c>, each with its path, enumerated lazily (a store of 100 000
        /// blobs is never listed in memory). <c>blobs</c> and the
        /// algorithm folders must be real directories (a link there would point the whole store elsewhere);
        /// anything else directly under <c>blobs/</c> is unexpected.
        /// </summary>
        private static IEnumerable<(string Entry, string File)> BlobFiles(BundleScan scan, string root, LayoutPaths paths)
        {
            FileType blobs = FileTypeProbe.Of(paths.BlobsDirectory);
            if (blobs != FileType.Directory)
            {
                if (blobs != FileType.Missing)
                {
                    scan.Problem(LayoutFiles.Refused(root, LayoutPaths.BlobsDirectoryName + "/", blobs));
                }

                yield break;
            }

            foreach (string algorithmDirectory in Directory.EnumerateFileSystemEntries(paths.BlobsDirectory))
            {
                string algorithm = LayoutPaths.BlobsDirectoryName + "/" + Path.GetFileName(algorithmDirectory);
                FileType type = FileTypeProbe.Of(algorithmDirectory);
                if (type != FileType.Directory)
                {
                    if (type == FileType.Regular)
                    {
                        Unexpected(scan, $"Layout '{root}': file '{algorithm}' is not part of an OCI layout; it was skipped.");
                    }
                    else if (type != FileType.Missing)
                    {
                        scan.Problem(LayoutFiles.Refused(root, algorithm + "/", type));
                    }

                    continue;
                }

                foreach (string file in Directory.EnumerateFileSystemEntries(algorithmDirectory))
                {
                    yield return (algorithm + "/" + Path.GetFileName(file), file);
                }
            }
        }

        /// <summary>Runs a check; a refusal is thrown (strict) or recorded and null returned (lenient).</summary>
        private static long? Checked(BundleScan scan, Func<long?> probe)
        {
            try
            {
                return probe();
            }
            catch (OciException e) when (scan.Lenient)
            {
                scan.Problems.Add(e.Message);
                return null;
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

        private static async Task<byte[]?> ReadSmallAsync(BundleScan scan, string root, string entry, string file, long max, CancellationToken cancellationToken)
        {
            try
            {
                return await LayoutFiles.ReadSmallAsync(root, entry, file, max, cancellationToken).ConfigureAwait(false);
            }
            catch (OciException e)
            {
                scan.Problem(e); // lenient: recorded, and the file counts as unreadable; strict: thrown
                return null;
            }
        }
    }
}
