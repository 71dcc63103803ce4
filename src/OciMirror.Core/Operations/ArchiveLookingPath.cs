using System;
using System.IO;
using System.Linq;
using OciMirror.Core.Errors;

namespace OciMirror.Core.Operations
{
    /// <summary>
    /// Refuses a bundle path that names an archive of a kind OciMirror does not write (<c>mirror.zip</c>,
    /// <c>mirror.7z</c>, <c>mirror.tar.lz4</c>): without this check, an unrecognized extension made a
    /// directory of that name without a word, which the user took for an archive.
    /// </summary>
    internal static class ArchiveLookingPath
    {
        private static readonly string[] Extensions =
        {
            ".zip", ".7z", ".rar", ".gz", ".bz2", ".xz", ".zst", ".lz", ".lz4", ".lzma", ".z",
            ".tbz", ".tbz2", ".txz", ".tzst", ".tlz", ".cab", ".iso", ".wim", ".jar",
        };

        /// <summary>
        /// Throws when <paramref name="path"/> looks like an archive and is not an existing directory (an
        /// existing directory was made on purpose and is used as it is). Called only when the format came
        /// from the extension and that said Directory: recognized archive extensions never get here.
        /// </summary>
        /// <exception cref="OciException">InvalidDestination naming the path and the ways out.</exception>
        public static void Refuse(string path)
        {
            if (Directory.Exists(path))
            {
                return;
            }

            string name = Path.GetFileName(path.TrimEnd('/', '\\'));
            string extension = Path.GetExtension(name).ToLowerInvariant();
            if (!Extensions.Contains(extension) && name.IndexOf(".tar.", StringComparison.OrdinalIgnoreCase) < 0)
            {
                return;
            }

            throw new OciException(OciErrorKind.InvalidDestination, $"The bundle path '{path}' ends in '{extension}', an archive format OciMirror does not write: it would become a directory named '{name}'.")
            {
                Path = path,
                RecommendedAction = "Give the bundle a bundle format's extension (.tar, .tgz, .tar.gz or .tar.zst), or a directory name; to make a directory with this name anyway, choose the Directory format (-Format Directory, --format dir).",
            };
        }
    }
}
