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
    /// <c>.ocimirror-&lt;hex&gt;-&lt;32 hex&gt;.spool</c> (<see cref="BlobSpool"/>); for a split set, the temporary
    /// parts <c>.NAME.001.&lt;32 hex&gt;.tmp</c>, … (<see cref="Volumes.SplitVolumeWriter"/>).
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
    
        /// <summary>
        /// Removes the temporary parts that killed split exports of <paramref name="archivePath"/> left (stale:
        /// older than this run and held by no live writer) and logs it. They are not reused: a set's parts are
        /// numbered per export, so what a killed one wrote is downloaded again.
        /// </summary>
        public static void RemoveStaleSplitParts(string archivePath, DateTime runStartedUtc, ILogSink? log)
        {
            string name = Path.GetFileName(archivePath);
            int removed = StaleFiles.RemoveAll(Path.GetDirectoryName(archivePath)!, TemporaryName.PatternFor(name), runStartedUtc, candidate => IsSplitPartTemp(candidate, name));
            if (removed > 0)
            {
                log?.Log(LogLevel.Warning, $"Removed {removed} temporary part(s) of split volumes that an interrupted export of '{archivePath}' left: a split export is not resumed, so what it had downloaded is downloaded again (an export into a single archive file is resumed).");
            }
        }

        private static bool IsSplitPartTemp(string candidate, string name)
        {
            string prefix = "." + name + ".";
            int dot = candidate.IndexOf('.', prefix.Length);
            if (!candidate.StartsWith(prefix, StringComparison.Ordinal) || dot < prefix.Length + 3)
            {
                return false;
            }

            string number = candidate.Substring(prefix.Length, dot - prefix.Length);
            foreach (char c in number)
            {
                if (c < '0' || c > '9')
                {
                    return false;
                }
            }

            return TemporaryName.IsFor(candidate, name + "." + number);
        }
    }
}
