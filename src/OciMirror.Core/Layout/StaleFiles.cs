using System;
using System.Collections.Generic;
using System.IO;

namespace OciMirror.Core.Layout
{
    /// <summary>
    /// Debris of interrupted writers (ingest files, spools, temporary archives): a file is stale when it is
    /// older than the current run (by <see cref="MinimumAge"/>) and nobody has it open. Live writers keep their temporary files open
    /// (with <see cref="FileLock.InUseShare"/> or <see cref="FileShare.None"/>) from creation to rename or
    /// deletion, which on Unix is a flock and on Windows a share mode, so opening one exclusively fails
    /// while its writer lives, and succeeds once the writer has died (a crash or SIGKILL releases it).
    /// When locks do not reach other processes (<see cref="FileLock.CrossProcess"/> false) nothing counts
    /// as stale: a live writer's file must never be removed.
    /// </summary>
    internal static class StaleFiles
    {
        /// <summary>
        /// How much older than the run a file must be. A writer creates a file and locks it in two steps on
        /// Unix (open, then flock), and file times come from a coarse clock (a few ms; 2 s on FAT), so a file
        /// created just after the run started can look older and be caught unlocked: never touch one that young.
        /// </summary>
        public static readonly TimeSpan MinimumAge = TimeSpan.FromSeconds(3);

        /// <summary>
        /// Deletes each file of <paramref name="directory"/> matching <paramref name="pattern"/> (and
        /// <paramref name="accept"/>, when given) that is stale; returns how many were deleted. A missing
        /// directory has none.
        /// </summary>
        public static int RemoveAll(string directory, string pattern, DateTime runStartedUtc, Func<string, bool>? accept = null)
        {
            int removed = 0;
            foreach (string file in Candidates(directory, pattern, accept))
            {
                if (TryRemove(file, runStartedUtc))
                {
                    removed++;
                }
            }

            return removed;
        }

        /// <summary>Deletes <paramref name="path"/> when it is stale; true when it did.</summary>
        public static bool TryRemove(string path, DateTime runStartedUtc)
        {
            if (!IsOldEnough(path, runStartedUtc))
            {
                return false;
            }

            try
            {
                // Exclusive open fails while a writer holds the file; DeleteOnClose removes it before anyone
                // else can open it (Windows), or right after the lock test (Unix, where nobody opens debris by name).
                using (new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose))
                {
                }

                return true;
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                return false;
            }
        }

        /// <summary>
        /// Opens a stale file for reading and keeps it marked as in use, so that no other writer removes or
        /// claims it; null when it is not stale. The holder may delete it while it holds it; disposing the
        /// stream releases the claim.
        /// </summary>
        public static FileStream? TryClaim(string path, DateTime runStartedUtc)
        {
            if (!IsOldEnough(path, runStartedUtc))
            {
                return null;
            }

            try
            {
                return new FileStream(path, FileMode.Open, FileAccess.Read, FileLock.InUseShare, 81920, FileOptions.Asynchronous | FileOptions.SequentialScan);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                return null;
            }
        }

        /// <summary>The files of <paramref name="directory"/> matching <paramref name="pattern"/> and <paramref name="accept"/>; none when it is missing or unreadable.</summary>
        public static IReadOnlyList<string> Candidates(string directory, string pattern, Func<string, bool>? accept = null)
        {
            var files = new List<string>();
            try
            {
                if (!Directory.Exists(directory))
                {
                    return files;
                }

                foreach (string file in Directory.EnumerateFiles(directory, pattern, SearchOption.TopDirectoryOnly))
                {
                    if (accept == null || accept(Path.GetFileName(file)))
                    {
                        files.Add(file);
                    }
                }
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
            }

            return files;
        }

        private static bool IsOldEnough(string path, DateTime runStartedUtc)
        {
            if (!FileLock.CrossProcess)
            {
                return false;
            }

            try
            {
                var info = new FileInfo(path);
                return info.Exists && (info.Attributes & (FileAttributes.Directory | FileAttributes.ReparsePoint)) == 0 && info.LastWriteTimeUtc < runStartedUtc - MinimumAge;
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                return false;
            }
        }
    }
}
