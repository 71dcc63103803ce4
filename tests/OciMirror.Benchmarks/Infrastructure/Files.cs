using System.IO;

namespace OciMirror.Benchmarks.Infrastructure
{
    /// <summary>File helpers for run set-up (outside the timed part).</summary>
    internal static class Files
    {
        public static void DeleteDirectory(string path)
        {
            if (Directory.Exists(path))
            {
                Directory.Delete(path, recursive: true);
            }
        }

        public static void Delete(string path)
        {
            if (File.Exists(path))
            {
                File.Delete(path);
            }
            else
            {
                DeleteDirectory(path);
            }
        }

        /// <summary>Deletes the parts <c>path.001</c>, <c>path.002</c>, … of a split archive.</summary>
        public static void DeleteSplitSet(string path)
        {
            foreach ((string part, int _) in OciMirror.Core.Volumes.SplitVolumeSet.EnumerateParts(Path.GetFullPath(path)))
            {
                File.Delete(part);
            }
        }

        /// <summary>
        /// Writes every dirty page to disk (sync(1)) so that one run's write-back does not land in the next
        /// run's time. Untimed set-up.
        /// </summary>
        public static void FlushFileSystems()
        {
            using var sync = System.Diagnostics.Process.Start("sync");
            sync?.WaitForExit();
        }

        /// <summary>Bytes of every file under a directory, or of one file.</summary>
        public static long SizeOf(string path)
        {
            if (File.Exists(path))
            {
                return new FileInfo(path).Length;
            }

            long total = 0;
            foreach (string file in Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories))
            {
                total += new FileInfo(file).Length;
            }

            return total;
        }
    }
}
