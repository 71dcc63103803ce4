using System;
using System.Runtime.InteropServices;

namespace OciMirror.Core.Layout
{
    /// <summary>
    /// Tells, on Windows, a link-like reparse point (symbolic link, junction, WSL symlink: the "name
    /// surrogate" bit of the tag, winnt.h IsReparseTagNameSurrogate) from one that carries the file's own data
    /// (Data Deduplication, OneDrive/cloud placeholders, HSM), which must stay readable as a regular file. The
    /// tag is <c>WIN32_FIND_DATAW.dwReserved0</c> of <c>FindFirstFileW</c> (documented for reparse points).
    /// When the tag cannot be read the answer is "link", so that nothing is followed by mistake.
    /// </summary>
    internal static class WindowsReparseTag
    {
        private const uint NameSurrogateBit = 0x20000000;
        private const uint ReparsePointAttribute = 0x400;

        /// <summary>True unless <paramref name="path"/> is a reparse point whose tag is known not to be a name surrogate.</summary>
        public static bool IsNameSurrogate(string path)
        {
            try
            {
                IntPtr handle = FindFirstFileW(path.Length >= 260 && !path.StartsWith(@"\\?\", StringComparison.Ordinal) ? @"\\?\" + path : path, out FindData data);
                if (handle == new IntPtr(-1))
                {
                    return true;
                }

                FindClose(handle);
                return (data.Attributes & ReparsePointAttribute) == 0 || (data.Reserved0 & NameSurrogateBit) != 0;
            }
            catch (Exception e) when (e is DllNotFoundException || e is EntryPointNotFoundException)
            {
                return true;
            }
        }

        [DllImport("kernel32.dll", CharSet = CharSet.Unicode, SetLastError = true)]
        private static extern IntPtr FindFirstFileW(string fileName, out FindData data);

        [DllImport("kernel32.dll")]
        [return: MarshalAs(UnmanagedType.Bool)]
        private static extern bool FindClose(IntPtr handle);

        [StructLayout(LayoutKind.Sequential, CharSet = CharSet.Unicode)]
        private struct FindData
        {
            public uint Attributes;
            // FILETIME is two DWORDs (4-byte aligned): never a long here, which would shift every field after it.
            public uint CreationTimeLow;
            public uint CreationTimeHigh;
            public uint LastAccessTimeLow;
            public uint LastAccessTimeHigh;
            public uint LastWriteTimeLow;
            public uint LastWriteTimeHigh;
            public uint SizeHigh;
            public uint SizeLow;
            public uint Reserved0;
            public uint Reserved1;

            [MarshalAs(UnmanagedType.ByValTStr, SizeConst = 260)]
            public string FileName;

            [MarshalAs(UnmanagedType.ByValTStr, SizeConst = 14)]
            public string AlternateFileName;
        }
    }
}
