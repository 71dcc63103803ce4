using System;
using System.Diagnostics;
using System.IO;
using System.Runtime.InteropServices;
using Xunit;

namespace OciMirror.Integration.Tests.Engine
{
    /// <summary>
    /// A small tmpfs mounted at a fresh directory (a disk that fills up), unmounted and removed on dispose.
    /// Needs Linux and root (CAP_SYS_ADMIN); see <see cref="SmallDiskFactAttribute"/>.
    /// </summary>
    public sealed class SmallDisk : IDisposable
    {
        public SmallDisk(int kibibytes)
        {
            Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "ocimirror-small-disk-" + Guid.NewGuid().ToString("N").Substring(0, 12));
            Directory.CreateDirectory(Path);
            Run("mount", "-t", "tmpfs", "-o", $"size={kibibytes}k", "tmpfs", Path);
        }

        public string Path { get; }

        public string Combine(string name) => System.IO.Path.Combine(Path, name);

        /// <summary>Removes everything on the disk, hidden files included.</summary>
        public void Clear()
        {
            foreach (string entry in Directory.EnumerateFileSystemEntries(Path))
            {
                if (Directory.Exists(entry))
                {
                    Directory.Delete(entry, recursive: true);
                }
                else
                {
                    File.Delete(entry);
                }
            }
        }

        public void Dispose()
        {
            Run("umount", "-l", Path);
            Directory.Delete(Path);
        }

        private static void Run(string file, params string[] arguments)
        {
            var info = new ProcessStartInfo(file) { UseShellExecute = false, RedirectStandardError = true };
            foreach (string a in arguments)
            {
                info.ArgumentList.Add(a);
            }

            using Process process = Process.Start(info)!;
            string error = process.StandardError.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} failed: {error}");
            }
        }
    }

    /// <summary>A fact that needs <see cref="SmallDisk"/>: skipped unless on Linux as root.</summary>
    public sealed class SmallDiskFactAttribute : FactAttribute
    {
        public SmallDiskFactAttribute()
        {
            if (!OperatingSystem.IsLinux() || geteuid() != 0)
            {
                Skip = "mounting a small tmpfs (a disk that fills up) needs Linux and root.";
            }
        }

        [DllImport("libc")]
        private static extern uint geteuid();
    }
}
