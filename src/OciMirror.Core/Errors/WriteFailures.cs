using System;
using System.IO;

namespace OciMirror.Core.Errors
{
    /// <summary>
    /// Recognises writes that failed because the disk (or the user's quota) is full, or because the
    /// program reading a pipe went away, and says so plainly. Neither is a usage error: the front ends
    /// report it like any failed artifact (CLI exit code 1), whether the bundle is a directory, an
    /// archive file or standard output.
    /// </summary>
    public static class WriteFailures
    {
        // errno ENOSPC (Linux, macOS 28), EDQUOT (Linux 122, macOS 69); Windows ERROR_DISK_FULL (112) and
        // ERROR_HANDLE_DISK_FULL (39), also as HRESULTs. .NET puts the errno (Unix) or the HRESULT (Windows) in HResult.
        private static readonly int[] DiskFullCodes = { 28, 122, 69, unchecked((int)0x80070070), unchecked((int)0x80070027), 112, 39 };

        // errno EPIPE (32); Windows ERROR_BROKEN_PIPE (109) and ERROR_NO_DATA (232), also as HRESULTs.
        private static readonly int[] BrokenPipeCodes = { 32, unchecked((int)0x8007006D), unchecked((int)0x800700E8), 109, 232 };

        /// <summary>True when <paramref name="error"/> or one of its inner exceptions is an <see cref="IOException"/> for a full disk or quota.</summary>
        public static bool IsDiskFull(Exception? error) => Find(error, DiskFullCodes) != null;

        /// <summary>True when <paramref name="error"/> or one of its inner exceptions is an <see cref="IOException"/> for a pipe whose reader is gone.</summary>
        public static bool IsBrokenPipe(Exception? error) => Find(error, BrokenPipeCodes) != null;

        /// <summary>True for either: the write failed for a reason outside the tool and its input.</summary>
        public static bool Is(Exception? error) => IsDiskFull(error) || IsBrokenPipe(error);

        /// <summary>
        /// <paramref name="error"/> (see <see cref="Is"/>) as an IOFailed <see cref="OciException"/> that names
        /// <paramref name="path"/> (a file, a bundle, '-' for standard output) and the problem; <paramref name="what"/> is what was being written.
        /// </summary>
        public static OciException Describe(Exception error, string path, string what)
        {
            bool stdout = path == "-" || path == "stream";
            IOException? io = Find(error, BrokenPipeCodes);
            if (io != null)
            {
                return new OciException(OciErrorKind.IOFailed, $"Cannot write {what} to {(stdout ? "standard output" : "'" + path + "'")}: the program reading it stopped ({io.Message.TrimEnd('.')}).", error)
                {
                    Path = path,
                    RecommendedAction = "Check the command the output is piped into (it exited or failed), then run the export again.",
                };
            }

            string os = (Find(error, DiskFullCodes) ?? error).Message.TrimEnd('.');
            string where = stdout ? "standard output: the disk (or pipe) it goes to is full" : $"'{path}': no space left on the disk that holds it";
            return new OciException(OciErrorKind.IOFailed, $"Cannot write {what} to {where} ({os}).", error)
            {
                Path = path,
                RecommendedAction = "Free space on that disk (or raise the quota), or write the bundle to another disk, then run the same command again.",
            };
        }

        private static IOException? Find(Exception? error, int[] codes)
        {
            for (Exception? e = error; e != null; e = e.InnerException)
            {
                if (e is IOException io && Array.IndexOf(codes, e.HResult) >= 0)
                {
                    return io;
                }
            }

            return null;
        }
    }
}
