using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Diagnostics;
using OciMirror.Core.Layout;

namespace OciMirror.Core.Archive
{
    /// <summary>
    /// What an archive export starts from: the archive at the destination (when there is one, read under
    /// the shared lock so no writer replaces it meanwhile) with its fingerprint, to tell at commit time
    /// whether another writer replaced it since; and the temporary archives of killed exports of the same
    /// file, claimed under the exclusive lock, with stale spools removed at the same time.
    /// </summary>
    internal sealed class ArchiveBase : IDisposable
    {
        private ArchiveBase(ExistingArchive? existing, ArchiveFingerprint? fingerprint, ArchiveSalvage? salvage)
        {
            Existing = existing;
            Fingerprint = fingerprint;
            Salvage = salvage;
        }

        /// <summary>Nothing to start from (a stream).</summary>
        public static ArchiveBase None => new ArchiveBase(null, null, null);

        /// <summary>The archive being extended, or null for a new one.</summary>
        public ExistingArchive? Existing { get; }

        /// <summary>The fingerprint of <see cref="Existing"/> as read; null when there was no archive.</summary>
        public ArchiveFingerprint? Fingerprint { get; }

        /// <summary>The reusable part of killed exports, or null.</summary>
        public ArchiveSalvage? Salvage { get; }

        /// <summary>
        /// Reads what an export to <paramref name="path"/> (a full path; for <paramref name="split"/> output
        /// the set's name without part number) starts from: the file, or the split set of that name
        /// (<see cref="Volumes.ArchiveFile"/>). A missing directory has nothing.
        /// </summary>
        /// <exception cref="Errors.OciException">InvalidDestination: the file is not a readable OCI layout archive, or it is a split set and the output is not split.</exception>
        /// <exception cref="IOException">The lock file cannot be created.</exception>
        /// <exception cref="UnauthorizedAccessException">The directory is not writable.</exception>
        public static async Task<ArchiveBase> ReadAsync(string path, bool split, ILogSink? log, CancellationToken cancellationToken)
        {
            string directory = Path.GetDirectoryName(path)!;
            if (!Directory.Exists(directory))
            {
                return None;
            }

            DateTime started = DateTime.UtcNow;
            ArchiveSalvage? salvage;
            using (await LockAsync(path, FileLockMode.Exclusive, log, cancellationToken).ConfigureAwait(false))
            {
                ArchiveSiblings.RemoveStaleSpools(directory, started, log);
                ArchiveSiblings.RemoveStaleSplitParts(path, started, log);
                salvage = ArchiveSalvage.Claim(path, started);
            }

            try
            {
                ExistingArchive? existing = null;
                ArchiveFingerprint? fingerprint;
                using (await LockAsync(path, FileLockMode.Shared, log, cancellationToken).ConfigureAwait(false))
                {
                    RefuseUnsplitOverSet(path, split);
                    fingerprint = await ArchiveFingerprint.OfAsync(path, cancellationToken).ConfigureAwait(false);
                    if (fingerprint != null)
                    {
                        ArchiveFormat format = await ArchiveBundleWriter.DetectAsync(path, cancellationToken).ConfigureAwait(false);
                        existing = await ExistingArchive.ScanAsync(path, format, cancellationToken).ConfigureAwait(false);
                    }
                }

                if (salvage != null)
                {
                    await salvage.ScanAsync(digest => existing?.Blobs.ContainsKey(digest) == true, log, cancellationToken).ConfigureAwait(false);
                }

                return new ArchiveBase(existing, fingerprint, salvage);
            }
            catch
            {
                salvage?.Dispose();
                throw;
            }
        }

        /// <summary>
        /// Refuses to write an unsplit archive where a split set of that name is stored: the old parts would
        /// stay beside the new file (the reverse is fine: a split commit deletes the unsplit file).
        /// </summary>
        /// <exception cref="Errors.OciException">InvalidDestination naming the path and the first part.</exception>
        public static void RefuseUnsplitOverSet(string path, bool split)
        {
            if (!split && Volumes.SplitVolumeSet.Exists(path))
            {
                string first = Volumes.SplitVolumeNames.PartPath(path, 1);
                throw new Errors.OciException(Errors.OciErrorKind.InvalidDestination, $"'{path}' is stored as split volumes ('{first}', …); refusing to write an unsplit archive beside them.")
                {
                    Path = path,
                    RecommendedAction = "Give the split size (--split-size, -SplitSize) to extend the set, or choose another name.",
                };
            }
        }

        /// <summary>Takes the lock of the archive at <paramref name="path"/> (a full path; its directory must exist).</summary>
        public static Task<FileLock> LockAsync(string path, FileLockMode mode, ILogSink? log, CancellationToken cancellationToken) =>
            FileLock.AcquireAsync(ArchiveSiblings.LockFile(path), mode, $"bundle '{path}'", log, cancellationToken);

        /// <summary>Releases the claimed temporary archives (they stay for a later run).</summary>
        public void Dispose() => Salvage?.Dispose();
    }
}
