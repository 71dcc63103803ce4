using System;
using System.IO;
using OciMirror.Core.Diagnostics;
using OciMirror.Core.Layout;

namespace OciMirror.Core.Archive
{
    /// <summary>
    /// The files an archive export keeps next to its destination <c>NAME</c>: the lock file
    /// <c>.NAME.ocimirror.lock</c> (present only while a writer holds or waits for it), the temporary
    /// archive <c>.NAME.&lt;32 hex&gt;.tmp</c> (<see cref="TemporaryName"/>) and blob spools
    /// <c>.ocimirror-&lt;hex&gt;-&lt;32 hex&gt;.spool</c> (<see cref="BlobSpool"/>).
    /// </summary>
    internal static class ArchiveSiblings
    {
        /// <summary>Search pattern of the spool files of <see cref="BlobSpool"/>.</summary>
        public const string SpoolPattern = ".ocimirror-*.spool";

        /// <summary>The lock file of the archive at <paramref name="archivePath"/> (a full path).</summary>
        public static string LockFile(string archivePath) =>
            Path.Combine(Path.GetDirectoryName(archivePath)!, "." + Path.GetFileName(archivePath) + ".ocimirror.lock");

        /// <summary>Removes the stale spools (left by killed exports) of <paramref name="directory"/> and logs how many.</summary>
        public static void RemoveStaleSpools(string directory, DateTime runStartedUtc, ILogSink? log)
        {
            int removed = StaleFiles.RemoveAll(directory, SpoolPattern, runStartedUtc);
            if (removed > 0)
            {
                log?.Log(LogLevel.Verbose, $"Removed {removed} temporary blob file(s) that an interrupted export left in '{directory}'.");
            }
        }
    }
}
