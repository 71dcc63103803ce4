using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Errors;
using OciMirror.Core.Layout;

namespace OciMirror.Core.Files
{
    /// <summary>
    /// What a pull finds where it writes (lstat-based: nothing but regular files is ever opened). A regular file with
    /// the same bytes is fine; one with other content is a conflict (replaced only on request); a link, a named pipe,
    /// a device or a socket, or a file where a directory goes (and the reverse), is refused always.
    /// </summary>
    internal static class ExistingFiles
    {
        /// <summary>Most conflicting paths named in one message.</summary>
        private const int Named = 5;

        /// <summary>The type of <paramref name="path"/> without following a link.</summary>
        /// <exception cref="OciException">IOFailed when it cannot be examined.</exception>
        public static FileType TypeOf(string path)
        {
            try
            {
                return FileTypeProbe.Of(path);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                throw new OciException(OciErrorKind.IOFailed, $"Cannot examine '{path}': {e.Message}", e) { Path = path };
            }
        }

        /// <summary>The refusal of something in the way that is never read nor replaced.</summary>
        public static OciException InTheWay(string path, FileType type, bool directoryWanted, string title) =>
            new OciException(OciErrorKind.UnsafePath, $"'{path}' is {FileTypeProbe.Describe(type)} where the pull writes {(directoryWanted ? "a directory" : "a file")} (of '{title}'); it is neither read nor replaced.")
            {
                Path = path,
                RecommendedAction = "Remove or rename it, or pull into another directory (-o).",
            };

        /// <summary>The refusal to replace files with other content without being asked to.</summary>
        public static OciException Conflict(IReadOnlyList<string> paths) =>
            new OciException(OciErrorKind.InvalidDestination, $"The pull would replace files that exist with other content: {string.Join(", ", paths.Take(Named).Select(c => "'" + c + "'"))}{(paths.Count > Named ? $" and {paths.Count - Named} more" : string.Empty)}; they were kept.")
            {
                Path = paths[0],
                RecommendedAction = "Pull into another directory (-o), or replace them on purpose with --overwrite (PowerShell: -Force).",
            };

        /// <summary>True when the regular file <paramref name="path"/> holds the same bytes as <paramref name="other"/>.</summary>
        public static async Task<bool> SameContentAsync(string path, string other, CancellationToken cancellationToken)
        {
            if (new FileInfo(path).Length != new FileInfo(other).Length)
            {
                return false;
            }

            var a = await FileBlobs.DescribeAsync(path, "application/octet-stream", cancellationToken).ConfigureAwait(false);
            var b = await FileBlobs.DescribeAsync(other, "application/octet-stream", cancellationToken).ConfigureAwait(false);
            return a.Digest == b.Digest;
        }

        /// <summary>
        /// Checks a verified staging tree against where it will be moved: throws the first thing in the way, or the
        /// conflicts (files with other content) unless <paramref name="overwrite"/>. Nothing is moved or written.
        /// </summary>
        /// <exception cref="OciException">UnsafePath, InvalidDestination, IOFailed.</exception>
        public static async Task CheckTreeAsync(string staged, string target, string title, bool overwrite, CancellationToken cancellationToken)
        {
            var conflicts = new List<string>();
            await CheckTreeAsync(staged, target, title, overwrite, conflicts, cancellationToken).ConfigureAwait(false);
            if (conflicts.Count > 0)
            {
                throw Conflict(conflicts);
            }
        }

        private static async Task CheckTreeAsync(string staged, string target, string title, bool overwrite, List<string> conflicts, CancellationToken cancellationToken)
        {
            FileType type = TypeOf(target);
            if (type == FileType.Missing || !Directory.Exists(staged))
            {
                return;
            }

            if (type != FileType.Directory)
            {
                throw InTheWay(target, type, directoryWanted: true, title);
            }

            foreach (string directory in Directory.GetDirectories(staged))
            {
                await CheckTreeAsync(directory, Path.Combine(target, Path.GetFileName(directory)), title, overwrite, conflicts, cancellationToken).ConfigureAwait(false);
            }

            foreach (string file in Directory.GetFiles(staged))
            {
                string existing = Path.Combine(target, Path.GetFileName(file));
                FileType existingType = TypeOf(existing);
                if (existingType == FileType.Missing)
                {
                    continue;
                }

                if (existingType != FileType.Regular)
                {
                    throw InTheWay(existing, existingType, directoryWanted: false, title);
                }

                if (!overwrite && !await SameContentAsync(existing, file, cancellationToken).ConfigureAwait(false))
                {
                    conflicts.Add(existing);
                }
            }
        }
    }
}
