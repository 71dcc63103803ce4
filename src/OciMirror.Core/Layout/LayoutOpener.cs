using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Diagnostics;
using OciMirror.Core.Errors;

namespace OciMirror.Core.Layout
{
    /// <summary>
    /// Checks, creates and loads a layout directory for <see cref="OciLayoutStore.OpenAsync"/>. Refuses
    /// to turn a non-empty directory that is not a layout into one, so a mistyped path (a home directory)
    /// never gets blobs sprinkled into it.
    /// </summary>
    internal static class LayoutOpener
    {
        /// <summary>
        /// Opens (or, in <see cref="LayoutOpenMode.CreateOrOpen"/>, creates) the layout and returns its index.
        /// CreateOrOpen works under the layout's lock (<see cref="LayoutIndexFile.LockAsync"/>), so that
        /// writers in several threads or processes creating one new bundle at once all end up in the same
        /// layout, and removes the debris of interrupted writers (<see cref="LayoutDebris"/>).
        /// </summary>
        /// <exception cref="OciException">InvalidDestination (CreateOrOpen) or InvalidLayout (ReadOnly, or a corrupt layout), naming the path.</exception>
        public static async Task<LayoutIndex> OpenAsync(LayoutPaths paths, LayoutOpenMode mode, ILogSink? log, CancellationToken cancellationToken)
        {
            string root = paths.Root;
            DateTime started = DateTime.UtcNow;
            try
            {
                if (mode == LayoutOpenMode.ReadOnly)
                {
                    return await OpenExistingAsync(paths, mode, cancellationToken).ConfigureAwait(false);
                }

                if (File.Exists(root))
                {
                    throw Refuse(root, "is a file; a layout bundle is a directory. Choose a directory path that is new or empty");
                }

                // Refused before anything is written into it: a mistyped path gets no lock file either.
                RefuseForeign(paths);
                Directory.CreateDirectory(root);
                using (await LayoutIndexFile.LockAsync(paths, log, cancellationToken).ConfigureAwait(false))
                {
                    LayoutDebris.Remove(paths, started, log);
                    if (File.Exists(paths.LayoutFile))
                    {
                        return await OpenExistingAsync(paths, mode, cancellationToken).ConfigureAwait(false);
                    }

                    RefuseForeign(paths);

                    // oci-layout first: a crash before index.json leaves a directory OpenExistingAsync repairs.
                    await AtomicFile.WriteAllBytesAsync(paths.LayoutFile, Encoding.UTF8.GetBytes(LayoutMarker.Content), cancellationToken).ConfigureAwait(false);
                    LayoutIndex index = LayoutIndex.CreateEmpty();
                    await AtomicFile.WriteAllBytesAsync(paths.IndexFile, index.ToBytes(), cancellationToken).ConfigureAwait(false);
                    return index;
                }
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                throw mode == LayoutOpenMode.ReadOnly
                    ? new OciException(OciErrorKind.InvalidLayout, $"Cannot read layout '{root}': {e.Message}", e) { Path = root }
                    : WriteFailures.Is(e) ? WriteFailures.Describe(e, root, "the bundle")
                    : Refuse(root, $"cannot be used as a bundle directory: {e.Message}", e);
            }
        }

        /// <summary>
        /// Refuses a directory that has entries but no oci-layout, unless they are only what a writer
        /// creating the layout right now has there (its lock file, the temporary oci-layout or index.json).
        /// The first call runs before the lock, while another writer may be creating the layout: it writes
        /// oci-layout before anything else, so entries listed after an oci-layout check that found none are
        /// foreign only if oci-layout is still missing once they are listed.
        /// </summary>
        private static void RefuseForeign(LayoutPaths paths)
        {
            if (!Directory.Exists(paths.Root) || File.Exists(paths.LayoutFile))
            {
                return;
            }

            bool foreign = Directory.EnumerateFileSystemEntries(paths.Root)
                .Select(Path.GetFileName)
                .Any(name => name != LayoutPaths.LockFileName && !LayoutDebris.IsOwnTemporary(name));
            if (foreign && !File.Exists(paths.LayoutFile))
            {
                throw Refuse(paths.Root, $"is not empty and is not an OCI layout (it has no {LayoutPaths.LayoutFileName} file); refusing to write a bundle into it. Choose a directory path that is new or empty");
            }
        }

        private static async Task<LayoutIndex> OpenExistingAsync(LayoutPaths paths, LayoutOpenMode mode, CancellationToken cancellationToken)
        {
            string root = paths.Root;
            if (File.Exists(root))
            {
                throw Invalid(root, "is a file, not an OCI layout directory");
            }

            if (!Directory.Exists(root))
            {
                throw Invalid(root, "does not exist");
            }

            if (FileTypeProbe.Of(paths.LayoutFile) == FileType.Missing)
            {
                throw NotABundle.ForDirectory(paths.Given);
            }

            byte[] marker = await LayoutFiles.ReadSmallAsync(root, LayoutPaths.LayoutFileName, paths.LayoutFile, LayoutMarker.MaxBytes, cancellationToken).ConfigureAwait(false)
                ?? throw new FileNotFoundException($"'{paths.LayoutFile}' disappeared while the layout was opened.");
            LayoutMarker.Check(paths.LayoutFile, marker);
            LayoutFiles.CheckBlobFolders(root, paths);
            if (FileTypeProbe.Of(paths.IndexFile) == FileType.Missing)
            {
                if (mode == LayoutOpenMode.ReadOnly)
                {
                    throw Invalid(root, $"is not a complete OCI layout: it has no {LayoutPaths.IndexFileName} file");
                }

                // Our own creation was interrupted between the two files: finish it.
                LayoutIndex empty = LayoutIndex.CreateEmpty();
                await AtomicFile.WriteAllBytesAsync(paths.IndexFile, empty.ToBytes(), cancellationToken).ConfigureAwait(false);
                return empty;
            }

            byte[] index = await LayoutFiles.ReadSmallAsync(root, LayoutPaths.IndexFileName, paths.IndexFile, OciMirror.Core.Model.OciLimits.MaxManifestBytes, cancellationToken).ConfigureAwait(false)
                ?? throw new FileNotFoundException($"'{paths.IndexFile}' disappeared while the layout was opened.");
            return LayoutIndex.Parse(index, paths.IndexFile);
        }

        private static OciException Invalid(string path, string why, Exception? inner = null) =>
            new OciException(OciErrorKind.InvalidLayout, $"'{path}' {why.TrimEnd('.')}.", inner) { Path = path };

        private static OciException Refuse(string path, string why, Exception? inner = null) =>
            new OciException(OciErrorKind.InvalidDestination, $"'{path}' {why}.", inner) { Path = path };
    }
}
