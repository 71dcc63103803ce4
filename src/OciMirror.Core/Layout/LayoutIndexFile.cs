using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Diagnostics;

namespace OciMirror.Core.Layout
{
    /// <summary>
    /// Serialized read-modify-write of a layout's index.json: under the layout's <see cref="FileLock"/>
    /// (so writers in other threads and other processes do not lose each other's entries), the file
    /// re-read under the lock (another writer or tool may have changed it), and replaced atomically
    /// (DESIGN §4 "Writes are atomic").
    /// </summary>
    internal sealed class LayoutIndexFile
    {
        private readonly LayoutPaths _paths;
        private readonly ILogSink? _log;

        public LayoutIndexFile(LayoutPaths paths, ILogSink? log)
        {
            _paths = paths;
            _log = log;
        }

        /// <summary>Takes the layout's exclusive lock (creation, index.json updates, debris removal), waiting for another writer.</summary>
        /// <exception cref="IOException">The lock file cannot be created.</exception>
        /// <exception cref="UnauthorizedAccessException">The layout directory is not writable.</exception>
        public static Task<FileLock> LockAsync(LayoutPaths paths, ILogSink? log, CancellationToken cancellationToken) =>
            FileLock.AcquireAsync(paths.LockFile, FileLockMode.Exclusive, $"bundle '{paths.Root}'", log, cancellationToken);

        /// <summary>
        /// Re-reads index.json, applies <paramref name="change"/> to it, writes it back atomically, then
        /// hands the new index to <paramref name="written"/> still under the lock, so a caller that caches
        /// it never replaces a newer index with an older one. The index is not modified afterwards.
        /// </summary>
        /// <exception cref="Errors.OciException">InvalidLayout when index.json is no longer valid.</exception>
        /// <exception cref="IOException">Reading or replacing the file failed.</exception>
        /// <exception cref="UnauthorizedAccessException">The file or directory is not writable.</exception>
        public async Task UpdateAsync(Action<LayoutIndex> change, Action<LayoutIndex> written, CancellationToken cancellationToken)
        {
            using (await LockAsync(_paths, _log, cancellationToken).ConfigureAwait(false))
            {
                byte[] content = await LayoutFiles.ReadSmallAsync(_paths.Root, LayoutPaths.IndexFileName, _paths.IndexFile, Model.OciLimits.MaxManifestBytes, cancellationToken).ConfigureAwait(false)
                    ?? throw new FileNotFoundException($"'{_paths.IndexFile}' disappeared.", _paths.IndexFile);
                LayoutIndex index = LayoutIndex.Parse(content, _paths.IndexFile);
                change(index);
                await AtomicFile.WriteAllBytesAsync(_paths.IndexFile, index.ToBytes(), cancellationToken).ConfigureAwait(false);
                written(index);
            }
        }
    }
}
