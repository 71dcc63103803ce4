using System;
using System.Collections.Concurrent;
using System.IO;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;

namespace OciMirror.Core.Layout
{
    /// <summary>
    /// Serialized read-modify-write of a layout's index.json: one lock per layout directory in the process
    /// (so two stores on one path do not lose each other's entries), the file re-read under the lock
    /// (another tool may have changed it), and replaced atomically (DESIGN §4 "Writes are atomic").
    /// </summary>
    internal sealed class LayoutIndexFile
    {
        private static readonly ConcurrentDictionary<string, SemaphoreSlim> Locks = new ConcurrentDictionary<string, SemaphoreSlim>(
            RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal);

        private readonly string _path;
        private readonly string _root;
        private readonly SemaphoreSlim _lock;

        public LayoutIndexFile(LayoutPaths paths)
        {
            _path = paths.IndexFile;
            _root = paths.Root;
            _lock = Locks.GetOrAdd(paths.Root, _ => new SemaphoreSlim(1, 1));
        }

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
            await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                byte[] content = await LayoutFiles.ReadSmallAsync(_root, LayoutPaths.IndexFileName, _path, Model.OciLimits.MaxManifestBytes, cancellationToken).ConfigureAwait(false)
                    ?? throw new FileNotFoundException($"'{_path}' disappeared.", _path);
                LayoutIndex index = LayoutIndex.Parse(content, _path);
                change(index);
                await AtomicFile.WriteAllBytesAsync(_path, index.ToBytes(), cancellationToken).ConfigureAwait(false);
                written(index);
            }
            finally
            {
                _lock.Release();
            }
        }
    }
}
