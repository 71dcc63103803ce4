using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Errors;

namespace OciMirror.Core.Layout
{
    /// <summary>
    /// The files of a layout directory (<c>oci-layout</c>, <c>index.json</c>, <c>blobs/&lt;alg&gt;/&lt;hex&gt;</c>),
    /// examined before anything is read from them, as the archive reader examines entries: a symbolic link
    /// (it could make an untrusted bundle push a host file into a registry, and its target's size or hash
    /// would leak into messages), a directory, a named pipe or a device is refused, naming the entry. A file of
    /// length 0 is never opened (its content is known), so a FIFO or device that the platform cannot tell
    /// from a file (<see cref="FileTypeProbe.IsExact"/> false) cannot block either. Small files are read with a cap.
    /// </summary>
    internal static class LayoutFiles
    {
        /// <summary>
        /// The length of the regular file <paramref name="path"/> (entry <paramref name="entry"/> of layout
        /// <paramref name="layout"/>), or null when nothing is there. Never follows a link.
        /// </summary>
        /// <exception cref="OciException">InvalidLayout: the entry is a link, a directory or a special file.</exception>
        /// <exception cref="IOException">The path cannot be examined.</exception>
        /// <exception cref="UnauthorizedAccessException">Access was refused.</exception>
        public static long? Probe(string layout, string entry, string path)
        {
            FileType type = FileTypeProbe.Of(path);
            switch (type)
            {
                case FileType.Missing:
                    return null;
                case FileType.Regular:
                    var info = new FileInfo(path); // a regular file: its own length, no link involved
                    return info.Exists ? info.Length : (long?)null;
                default:
                    throw Refused(layout, entry, type);
            }
        }

        /// <summary>
        /// Opens a file <see cref="Probe"/> measured at <paramref name="length"/> bytes: an empty stream for 0
        /// (not opened), else a shared-read <see cref="FileStream"/>. The caller disposes it.
        /// </summary>
        /// <exception cref="IOException">The file cannot be opened.</exception>
        public static Stream OpenRead(string path, long length, FileOptions options) =>
            length == 0
                ? new MemoryStream(Array.Empty<byte>(), writable: false)
                : new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 81920, options);

        /// <summary>
        /// Reads a small file of the layout whole, or returns null when it does not exist. A file over
        /// <paramref name="max"/> bytes is refused before it is read, and reading stops at the cap should it
        /// grow meanwhile.
        /// </summary>
        /// <exception cref="OciException">InvalidLayout (link, directory, special file); ContentTooLarge over <paramref name="max"/>.</exception>
        /// <exception cref="IOException">The file cannot be read.</exception>
        public static async Task<byte[]?> ReadSmallAsync(string layout, string entry, string path, long max, CancellationToken cancellationToken)
        {
            long? length = Probe(layout, entry, path);
            if (length == null)
            {
                return null;
            }

            if (length.Value > max)
            {
                throw TooLarge(path, length.Value, max);
            }

            using Stream stream = OpenRead(path, length.Value, FileOptions.Asynchronous);
            var buffer = new byte[length.Value];
            int offset = 0;
            while (offset < buffer.Length)
            {
                int n = await stream.ReadAsync(buffer, offset, buffer.Length - offset, cancellationToken).ConfigureAwait(false);
                if (n == 0)
                {
                    throw new IOException($"File '{path}' shrank while it was read.");
                }

                offset += n;
            }

            return buffer;
        }

        /// <summary>
        /// Checks that <c>blobs/</c> and the algorithm folders in it are real directories, not links: every
        /// blob is reached through them, so a linked <c>blobs/sha256</c> would make another store (a host's
        /// containerd content, another bundle) this bundle's content. Missing folders are fine.
        /// </summary>
        /// <exception cref="OciException">InvalidLayout naming the folder.</exception>
        /// <exception cref="IOException">The folders cannot be examined.</exception>
        public static void CheckBlobFolders(string layout, LayoutPaths paths)
        {
            FileType blobs = FileTypeProbe.Of(paths.BlobsDirectory);
            if (blobs == FileType.Missing)
            {
                return;
            }

            if (blobs != FileType.Directory)
            {
                throw Refused(layout, LayoutPaths.BlobsDirectoryName + "/", blobs);
            }

            foreach (string folder in Directory.EnumerateDirectories(paths.BlobsDirectory))
            {
                FileType type = FileTypeProbe.Of(folder);
                if (type != FileType.Directory)
                {
                    throw Refused(layout, LayoutPaths.BlobsDirectoryName + "/" + Path.GetFileName(folder) + "/", type);
                }
            }
        }

        /// <summary>The refusal of an entry that is not a regular file; nothing was read from it.</summary>
        public static OciException Refused(string layout, string entry, FileType type) => new OciException(
            OciErrorKind.InvalidLayout,
            type == FileType.Directory
                ? $"Layout '{layout}': refusing entry '{entry}': it is a directory where the OCI layout has a file."
                : $"Layout '{layout}': refusing entry '{entry}': it is {FileTypeProbe.Describe(type)}; a bundle holds regular files only, and nothing was read through it.")
        {
            Path = layout,
            RecommendedAction = $"Replace '{entry}' by the regular file it stands for (copy the bundle without keeping links, for example 'cp -rL' or 'robocopy' without /SL), or write the bundle again from its source.",
        };

        /// <summary>A file of the layout over its size limit.</summary>
        public static OciException TooLarge(string path, long length, long max) => new OciException(
            OciErrorKind.ContentTooLarge,
            $"'{path}' is {length} bytes, over the {max}-byte limit for it; it was not read.")
        {
            Path = path,
            RecommendedAction = "The bundle is damaged or was not written as an OCI image layout: write it again from its source.",
        };
    }
}
