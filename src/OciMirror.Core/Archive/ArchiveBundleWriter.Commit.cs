using System.IO;
using System.IO.Compression;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Diagnostics;
using OciMirror.Core.Errors;
using OciMirror.Core.Layout;

namespace OciMirror.Core.Archive
{
    public sealed partial class ArchiveBundleWriter
    {
        /// <summary>
        /// Finishes the archive: appends <c>index.json</c> (the old entries, merged with the names recorded
        /// by TagAsync, sorted by name then digest) and the end marker, then renames the temporary file over
        /// the destination (a file) or flushes the stream. A file is renamed under the exclusive lock of the
        /// archive; when another writer replaced the archive since this one read it, that archive's blobs and
        /// entries are added first, so neither writer's references are lost. When no name was recorded
        /// nothing is written to a file destination (an export that declined or failed everything leaves no
        /// file and an old archive untouched); a stream that has started always gets a complete archive.
        /// Temporary archives of killed exports that were reused are deleted. Calling it again does nothing.
        /// </summary>
        /// <exception cref="OciException">IOFailed or InvalidDestination naming the archive (also when the archive another writer left is not a readable OCI archive); the destination is then left as it was.</exception>
        public Task CompleteAsync(CancellationToken cancellationToken) => CompleteAsync(interrupted: false, cancellationToken);

        /// <summary>
        /// As <see cref="CompleteAsync(CancellationToken)"/>; with <paramref name="interrupted"/> (the export
        /// was cancelled) temporary archives of killed exports that were not needed are kept for the next run.
        /// </summary>
        internal async Task CompleteAsync(bool interrupted, CancellationToken cancellationToken)
        {
            await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                if (_completed)
                {
                    return;
                }

                ThrowIfUnusable();
                bool write;
                lock (_indexLock)
                {
                    write = _indexChanged || (_output.IsStream && _appender != null);
                }

                if (!write)
                {
                    if (!interrupted)
                    {
                        _base.Salvage?.DeleteClaimed();
                    }
                }
                else if (_output.IsStream)
                {
                    await FinishLockedAsync(IndexBytes(), cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    await CommitFileAsync(cancellationToken).ConfigureAwait(false);
                    _base.Salvage?.DeleteClaimed();
                }

                _completed = true;
            }
            finally
            {
                _lock.Release();
            }
        }

        private async Task CommitFileAsync(CancellationToken cancellationToken)
        {
            string path = _output.DisplayName;
            try
            {
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            }
            catch (System.Exception e) when (e is IOException || e is System.UnauthorizedAccessException)
            {
                throw new OciException(OciErrorKind.InvalidDestination, $"Cannot create the archive '{path}': {e.Message}", e) { Path = path };
            }

            FileLock bundleLock;
            try
            {
                bundleLock = await ArchiveBase.LockAsync(path, FileLockMode.Exclusive, _log, cancellationToken).ConfigureAwait(false);
            }
            catch (System.Exception e) when (e is IOException || e is System.UnauthorizedAccessException)
            {
                throw new OciException(OciErrorKind.IOFailed, $"Cannot lock the archive '{path}' (lock file '{ArchiveSiblings.LockFile(path)}'): {e.Message}", e) { Path = path };
            }

            using (bundleLock)
            {
                ArchiveBase.RefuseUnsplitOverSet(path, _output.SplitSize != null); // another writer committed a split set meanwhile
                if (_appender == null)
                {
                    await StartLockedAsync(cancellationToken, holdingExclusiveLock: true).ConfigureAwait(false);
                }

                byte[] index = await MergeLockedAsync(path, cancellationToken).ConfigureAwait(false) ?? IndexBytes();
                await FinishLockedAsync(index, cancellationToken).ConfigureAwait(false);
            }
        }

        /// <summary>
        /// When the archive at <paramref name="path"/> is not the one this writer started from (another
        /// writer committed meanwhile), appends its blobs that this archive lacks and returns its index
        /// merged with ours (<see cref="ArchiveIndexMerge"/>); null when it is unchanged or gone.
        /// </summary>
        private async Task<byte[]?> MergeLockedAsync(string path, CancellationToken cancellationToken)
        {
            ArchiveFingerprint? now;
            ExistingArchive current;
            try
            {
                now = await ArchiveFingerprint.OfAsync(path, cancellationToken).ConfigureAwait(false);
                if (now == null || now.Equals(_base.Fingerprint))
                {
                    return null;
                }

                current = await ExistingArchive.ScanAsync(path, await DetectAsync(path, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
            }
            catch (System.Exception e) when (e is IOException || e is System.UnauthorizedAccessException)
            {
                throw new OciException(OciErrorKind.IOFailed, $"Cannot read the archive '{path}' that another export wrote meanwhile: {e.Message}", e) { Path = path };
            }

            int before = _present.Count;
            await GuardAsync(token => current.CopyBlobsAsync(_appender!, token, digest => _present.ContainsKey(digest))).ConfigureAwait(false);
            foreach (var blob in current.Blobs)
            {
                _present.TryAdd(blob.Key, blob.Value.Size);
            }

            lock (_indexLock)
            {
                LayoutIndex merged = ArchiveIndexMerge.Merge(current.Index, _started, _recorded);
                _log?.Log(LogLevel.Verbose, $"Another export wrote '{path}' meanwhile: its {current.Index.Entries.Count} entries and {_present.Count - before} blob(s) are kept in the new archive.");
                return merged.ToBytes();
            }
        }

        private async Task FinishLockedAsync(byte[] index, CancellationToken cancellationToken)
        {
            await AppendLockedAsync("index.json", new MemoryStream(index, writable: false), index.Length, CompressionLevel.Fastest, null, cancellationToken).ConfigureAwait(false);
            await GuardAsync(async token =>
            {
                await _appender!.FinishAsync(token).ConfigureAwait(false);
                await _output.CommitAsync(token).ConfigureAwait(false);
            }).ConfigureAwait(false);
        }

        private byte[] IndexBytes()
        {
            lock (_indexLock)
            {
                return _index.ToBytes();
            }
        }
    }
}
