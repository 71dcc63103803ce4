using System;
using System.IO;
using System.Runtime.InteropServices;

namespace OciMirror.Core.Layout
{
    /// <summary>What a path is, found without following a link and without opening it.</summary>
    internal enum FileType
    {
        /// <summary>Nothing at the path (a dangling link is a <see cref="SymbolicLink"/>).</summary>
        Missing,

        /// <summary>A regular file.</summary>
        Regular,

        Directory,

        /// <summary>A symbolic link, a Windows junction or another name-surrogate reparse point.</summary>
        SymbolicLink,

        /// <summary>A named pipe (FIFO), a character or block device, or a socket: opening or reading it can block.</summary>
        Special,
    }

    /// <summary>
    /// Classifies a path like <c>lstat</c>, on every runtime the module loads in. .NET's own file APIs follow
    /// links for sizes and report a FIFO or a device as a normal file of length 0 (opening a FIFO blocks until
    /// a writer appears), so: links come from <see cref="FileAttributes.ReparsePoint"/> (refined on Windows by
    /// the reparse tag, so that deduplicated and cloud-placeholder files stay regular), and on Linux and macOS
    /// the file type comes from <c>lstat(2)</c> through a guarded P/Invoke into libc. Where that is not
    /// available (an unknown Unix flavour or architecture) a non-link, non-directory path is reported
    /// <see cref="Regular"/> and <see cref="IsExact"/> is false: callers then never open a file whose length
    /// reads 0, which is what a FIFO or a device reports, so nothing can block. Thread-safe.
    /// </summary>
    internal static class FileTypeProbe
    {
        /// <summary>True when special files are told apart from regular ones on this platform.</summary>
        public static bool IsExact => Environment.OSVersion.Platform == PlatformID.Win32NT || UnixFileStatus.IsAvailable;

        /// <summary>The type of <paramref name="path"/>, never following a final link.</summary>
        /// <exception cref="IOException">The path cannot be examined (permissions on a parent, I/O error).</exception>
        /// <exception cref="UnauthorizedAccessException">Access to the path was refused.</exception>
        public static FileType Of(string path)
        {
            FileAttributes attributes;
            try
            {
                attributes = File.GetAttributes(path);
            }
            catch (Exception e) when (e is FileNotFoundException || e is DirectoryNotFoundException)
            {
                return FileType.Missing;
            }

            if ((attributes & FileAttributes.ReparsePoint) != 0)
            {
                if (Environment.OSVersion.Platform != PlatformID.Win32NT || WindowsReparseTag.IsNameSurrogate(path))
                {
                    return FileType.SymbolicLink;
                }
            }

            if ((attributes & FileAttributes.Directory) != 0)
            {
                return FileType.Directory;
            }

            return UnixFileStatus.TypeOf(path) ?? FileType.Regular;
        }

        /// <summary>How a type is named in messages: "a symbolic link", "a named pipe, device or socket"…</summary>
        public static string Describe(FileType type) => type switch
        {
            FileType.SymbolicLink => "a symbolic link (or junction)",
            FileType.Special => "a named pipe (FIFO), device or socket",
            FileType.Directory => "a directory",
            FileType.Missing => "missing",
            _ => "a regular file",
        };
    }
}
