using System;
using System.IO;

namespace OciMirror.Core.Files
{
    /// <summary>Moving a verified staging tree into place and removing what is left of it.</summary>
    internal static class StagedTree
    {
        /// <summary>
        /// Moves every file below <paramref name="from"/> to the same relative path below <paramref name="to"/>,
        /// creating directories and replacing existing files (other files of <paramref name="to"/> are kept).
        /// </summary>
        /// <exception cref="Errors.OciException">UnsafePath when a directory on the way is a symbolic link or junction.</exception>
        public static void MoveInto(string from, string to)
        {
            if (Directory.Exists(to) && (File.GetAttributes(to) & FileAttributes.ReparsePoint) != 0)
            {
                throw new Errors.OciException(Errors.OciErrorKind.UnsafePath, $"'{to}' is a symbolic link or junction; files are not written through links, which could lead outside the output directory.")
                {
                    Path = to,
                    RecommendedAction = "Pull into a directory without links, or remove the link.",
                };
            }

            Directory.CreateDirectory(to);
            if (!Directory.Exists(from))
            {
                return;
            }

            foreach (string directory in Directory.GetDirectories(from))
            {
                MoveInto(directory, Path.Combine(to, Path.GetFileName(directory)));
            }

            foreach (string file in Directory.GetFiles(from))
            {
                Replace(file, Path.Combine(to, Path.GetFileName(file)));
            }
        }

        /// <summary>Moves <paramref name="source"/> over <paramref name="target"/> (a file in the same volume).</summary>
        public static void Replace(string source, string target)
        {
            if (File.Exists(target))
            {
                File.Delete(target);
            }

            File.Move(source, target);
        }

        /// <summary>Deletes a directory tree; failures are ignored (a leftover staging directory is visible and harmless).</summary>
        public static void TryDelete(string directory)
        {
            try
            {
                if (Directory.Exists(directory))
                {
                    Directory.Delete(directory, recursive: true);
                }
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
            }
        }
    }
}
