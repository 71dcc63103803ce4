using System;
using System.Runtime.InteropServices;

namespace OciMirror.Core.Layout
{
    /// <summary>
    /// The file type from <c>lstat(2)</c> on Linux (x64, arm64; glibc or musl) and macOS (x64, arm64), for
    /// <see cref="FileTypeProbe"/>. .NET Standard has no API for it. <c>struct stat</c> differs per platform, so
    /// only the <c>st_mode</c> field is read, at its known offset, from a buffer larger than any layout; the
    /// <c>S_IFMT</c> bits are the same on Linux and macOS. glibc before 2.33 exports <c>__lxstat</c> instead
    /// of <c>lstat</c>; macOS x64 names the 64-bit-inode variant <c>lstat$INODE64</c>. Anywhere else, or when
    /// the call cannot be made, <see cref="TypeOf"/> returns null and the caller falls back. "libc" resolves
    /// on .NET (a built-in alias of libc.so.6 / libSystem) and on Mono (its dllmap).
    /// </summary>
    internal static class UnixFileStatus
    {
        private const int BufferSize = 512; // struct stat is 128–144 bytes on the supported platforms
        private const int TypeMask = 0xF000; // S_IFMT
        private const int DirectoryType = 0x4000, RegularType = 0x8000, LinkType = 0xA000;

        private static readonly int ModeOffset = FindModeOffset();
        private static volatile int _call; // 0 untried, 1 lstat, 2 __lxstat, 3 lstat$INODE64, -1 unavailable

        /// <summary>True when this platform's <c>st_mode</c> offset is known (the call itself may still fail once).</summary>
        public static bool IsAvailable => ModeOffset >= 0 && _call >= 0;

        /// <summary>The type of <paramref name="path"/> (not following a final link), or null when it cannot be asked here.</summary>
        public static FileType? TypeOf(string path)
        {
            if (!IsAvailable)
            {
                return null;
            }

            var buffer = new byte[BufferSize];
            int result;
            try
            {
                result = Call(path, buffer);
            }
            catch (Exception e) when (e is DllNotFoundException || e is EntryPointNotFoundException || e is BadImageFormatException)
            {
                _call = -1;
                return null;
            }

            if (result != 0)
            {
                return Marshal.GetLastWin32Error() == 2 ? FileType.Missing : (FileType?)null; // ENOENT
            }

            int mode = ModeOffset == 4 && RuntimeInformation.IsOSPlatform(OSPlatform.OSX)
                ? BitConverter.ToUInt16(buffer, ModeOffset)
                : BitConverter.ToInt32(buffer, ModeOffset);
            return (mode & TypeMask) switch
            {
                RegularType => FileType.Regular,
                DirectoryType => FileType.Directory,
                LinkType => FileType.SymbolicLink,
                _ => FileType.Special, // FIFO 0x1000, character device 0x2000, block device 0x6000, socket 0xC000
            };
        }

        private static int Call(string path, byte[] buffer)
        {
            if (RuntimeInformation.IsOSPlatform(OSPlatform.OSX))
            {
                return RuntimeInformation.ProcessArchitecture == Architecture.X64 ? LstatInode64(path, buffer) : Lstat(path, buffer);
            }

            if (_call != 2)
            {
                try
                {
                    int r = Lstat(path, buffer);
                    _call = 1;
                    return r;
                }
                catch (EntryPointNotFoundException)
                {
                    _call = 2; // glibc < 2.33
                }
            }

            // _STAT_VER: 1 on x86-64, 0 on the generic (arm64) ABI.
            return Lxstat(RuntimeInformation.ProcessArchitecture == Architecture.X64 ? 1 : 0, path, buffer);
        }

        private static int FindModeOffset()
        {
            Architecture arch = RuntimeInformation.ProcessArchitecture;
            if (RuntimeInformation.IsOSPlatform(OSPlatform.Linux))
            {
                // x86-64: st_dev, st_ino, st_nlink (8 bytes each), st_mode. Generic 64-bit (arm64): st_dev, st_ino, st_mode.
                return arch == Architecture.X64 ? 24 : arch == Architecture.Arm64 ? 16 : -1;
            }

            if (RuntimeInformation.IsOSPlatform(OSPlatform.OSX))
            {
                return arch == Architecture.X64 || arch == Architecture.Arm64 ? 4 : -1; // st_dev (int32), st_mode (uint16)
            }

            return -1;
        }

        [DllImport("libc", EntryPoint = "lstat", SetLastError = true)]
        private static extern int Lstat(string path, byte[] buffer);

        [DllImport("libc", EntryPoint = "lstat$INODE64", SetLastError = true)]
        private static extern int LstatInode64(string path, byte[] buffer);

        [DllImport("libc", EntryPoint = "__lxstat", SetLastError = true)]
        private static extern int Lxstat(int version, string path, byte[] buffer);
    }
}
