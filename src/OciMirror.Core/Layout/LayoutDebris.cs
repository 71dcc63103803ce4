using System;
using System.IO;
using OciMirror.Core.Diagnostics;

namespace OciMirror.Core.Layout
{
    /// <summary>
    /// What an interrupted writer (SIGKILL, power loss) leaves in a directory bundle: files under
    /// <c>ingest/</c> and the temporary files of an index.json or oci-layout replacement. Removed when a
    /// writer opens the layout, under its lock, if they are older than this run and no live writer holds
    /// them (<see cref="StaleFiles"/>).
    /// </summary>
    internal static class LayoutDebris
    {
        /// <summary>True for the temporary name <see cref="AtomicFile"/> gives index.json or oci-layout (<see cref="TemporaryName"/>).</summary>
        public static bool IsOwnTemporary(string fileName) =>
            TemporaryName.IsFor(fileName, LayoutPaths.IndexFileName) || TemporaryName.IsFor(fileName, LayoutPaths.LayoutFileName);

        /// <summary>Removes the stale debris of the layout and logs how much was removed. Call under the layout's lock.</summary>
        public static void Remove(LayoutPaths paths, DateTime runStartedUtc, ILogSink? log)
        {
            int removed = StaleFiles.RemoveAll(paths.Root, ".*.tmp", runStartedUtc, IsOwnTemporary)
                + StaleFiles.RemoveAll(paths.IngestDirectory, "*", runStartedUtc);
            if (removed > 0)
            {
                log?.Log(LogLevel.Verbose, $"Removed {removed} temporary file(s) that an interrupted export left in '{paths.Root}'.");
            }
        }
    }
}
