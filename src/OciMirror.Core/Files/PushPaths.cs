using System;
using System.IO;
using OciMirror.Core.Errors;
using OciMirror.Core.Layout;

namespace OciMirror.Core.Files
{
    /// <summary>
    /// What a push may read, examined before anything is read or sent (<see cref="FileTypeProbe"/>, lstat-based).
    /// A path the user names (a file, a directory, the config) is followed when it is a link: the user chose it.
    /// Inside a directory that is packed, only regular files and folders are taken: a symbolic link or junction is
    /// refused (it could lead outside the directory, and pull does not recreate links), and so is a named pipe
    /// (FIFO), device or socket anywhere — opening a FIFO blocks until a writer appears, a device can be endless,
    /// and push reads every file twice (to hash it, then to upload it), which a stream cannot serve.
    /// </summary>
    internal static class PushPaths
    {
        /// <summary>True for a directory, false for a regular file, for a path named on the command line (links followed).</summary>
        /// <exception cref="OciException">NotFound when nothing is there; UnsafePath for a named pipe, device or socket; IOFailed.</exception>
        public static bool IsDirectory(string path)
        {
            FileType type = Examine(path, FileTypeProbe.OfTarget);
            switch (type)
            {
                case FileType.Directory:
                    return true;
                case FileType.Regular:
                    return false;
                case FileType.Missing:
                    throw new OciException(OciErrorKind.NotFound, $"File '{path}' does not exist.") { Path = path, RecommendedAction = "Check the path of the file to push." };
                default:
                    throw new OciException(OciErrorKind.UnsafePath, $"'{path}' is {FileTypeProbe.Describe(type)}, not a regular file or a directory; push reads each file twice (to hash it, then to upload it), which such a file cannot serve and where reading can block. Nothing was pushed.")
                    {
                        Path = path,
                        RecommendedAction = "Copy its content into a regular file (for example: cat PIPE > file) and push that file.",
                    };
            }
        }

        /// <summary>True for a folder, false for a regular file, for an entry found inside a directory being packed.</summary>
        /// <exception cref="OciException">UnsafePath for a link, a named pipe, device or socket (or an entry gone meanwhile); IOFailed.</exception>
        public static bool IsDirectoryEntry(string path, string directory)
        {
            FileType type = Examine(path, FileTypeProbe.Of);
            switch (type)
            {
                case FileType.Directory:
                    return true;
                case FileType.Regular:
                    return false;
                case FileType.SymbolicLink:
                    throw new OciException(OciErrorKind.UnsafePath, $"'{path}' in directory '{directory}' is a symbolic link or junction; directories are packed without links, which could point outside them (and pull does not recreate links). Nothing was pushed.")
                    {
                        Path = path,
                        RecommendedAction = "Replace the link by the file or directory it points to, or remove it, then push again.",
                    };
                default:
                    throw new OciException(OciErrorKind.UnsafePath, $"'{path}' in directory '{directory}' is {FileTypeProbe.Describe(type)}; a directory is packed from regular files and folders only (reading such a file can block or never end). Nothing was pushed.")
                    {
                        Path = path,
                        RecommendedAction = "Move it out of the directory (or push a copy of the directory without it), then push again.",
                    };
            }
        }

        private static FileType Examine(string path, Func<string, FileType> probe)
        {
            try
            {
                return probe(path);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                throw new OciException(OciErrorKind.IOFailed, $"Cannot examine '{path}': {e.Message}", e) { Path = path };
            }
        }
    }
}
