using System;
using System.IO;
using System.IO.Compression;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Errors;
using OciMirror.Core.Layout;
using OciMirror.Core.Model;

namespace OciMirror.Core.Archive
{
    public sealed partial class ArchiveBundleWriter
    {
        /// <summary>Blobs (other than manifests) up to this size are spooled in memory: 1 MiB.</summary>
        internal const long DefaultMemorySpoolLimit = 1024 * 1024;

        private readonly SemaphoreSlim _lock = new SemaphoreSlim(1, 1);
        private ArchiveAppender? _appender;
        private OciException? _fault;
        private bool _completed;
        private int _blobsAppended;

        /// <summary>Non-manifest blobs up to this size are spooled in memory, larger ones in a temporary file (tests lower it).</summary>
        internal long MemorySpoolLimit { get; set; } = DefaultMemorySpoolLimit;

        /// <summary>Blobs this writer appended (not counting those copied from the archive being extended).</summary>
        public int BlobsAppended => Volatile.Read(ref _blobsAppended);

        /// <summary>The temporary file being written, once the first entry was appended to a file destination.</summary>
        internal string? TempFile => _output.TempFile;

        /// <summary>
        /// Spools <paramref name="content"/> (exactly <c>expected.Size</c> bytes, verified; the caller keeps
        /// the stream), then appends it as <c>blobs/&lt;alg&gt;/&lt;encoded&gt;</c> under the archive lock
        /// and deletes the spool. Content already in the archive succeeds without reading. The first
        /// append creates the archive: <c>oci-layout</c>, then (incremental) the old archive's blobs.
        /// </summary>
        /// <exception cref="OciException">DigestMismatch (nothing of the content is written); IOFailed or
        /// InvalidDestination when the archive cannot be written (the writer is then unusable and later calls throw the same kind).</exception>
        /// <exception cref="OperationCanceledException">Cancelled while spooling or waiting; nothing was appended.</exception>
        public async Task PushAsync(Descriptor expected, Stream content, CancellationToken cancellationToken)
        {
            if (expected == null)
            {
                throw new ArgumentNullException(nameof(expected));
            }

            if (content == null)
            {
                throw new ArgumentNullException(nameof(content));
            }

            ThrowIfUnusable();
            if (Has(expected))
            {
                return;
            }

            bool manifest = MediaTypes.IsManifestOrIndex(expected.MediaType);
            long memoryLimit = manifest ? OciLimits.MaxManifestBytes : MemorySpoolLimit;
            using BlobSpool spool = await BlobSpool.CreateAsync(expected, content, _output.TempDirectory, memoryLimit, cancellationToken).ConfigureAwait(false);
            await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                ThrowIfUnusable();
                if (Has(expected))
                {
                    return;
                }

                // The writer's own token, not the push's: cancelling one artifact must not cut an entry in half
                // (the push's token only stops the copy of an old archive that starts a file, see StartLockedAsync).
                _origins.TryGetValue(expected.Digest, out string? origin);
                await AppendLockedAsync(BlobEntryName(expected.Digest), spool.OpenRead(), expected.Size, GzipMemberWriter.LevelFor(expected.MediaType), OriginRecord.For(origin), cancellationToken).ConfigureAwait(false);

                // Hand the entry to the OS now, not when the 80 KiB buffer fills: a killed export then leaves
                // every appended blob in its temporary archive, for the next run to reuse (ArchiveSalvage).
                await GuardAsync(token => _appender!.FlushAsync(token)).ConfigureAwait(false);
                if (manifest && spool.Bytes != null)
                {
                    _manifests[expected.Digest] = spool.Bytes;
                }

                _present[expected.Digest] = expected.Size;
                Interlocked.Increment(ref _blobsAppended);
            }
            finally
            {
                _lock.Release();
            }
        }

        /// <summary>
        /// Abandons an archive that was not completed: stops an append in progress, closes and deletes the
        /// temporary file (the destination keeps its old content) and releases the temporary archives of
        /// killed exports it claimed (they stay for a later run). A stream destination is left open.
        /// </summary>
        public void Dispose()
        {
            _abort.Cancel();
            _appender?.Dispose();
            _output.Dispose();
            _base.Dispose();
            _abort.Dispose();
        }

        private async Task AppendLockedAsync(string name, Stream data, long size, CompressionLevel level, System.Collections.Generic.IReadOnlyDictionary<string, string>? records, CancellationToken startToken)
        {
            if (_appender == null)
            {
                await StartLockedAsync(startToken).ConfigureAwait(false);
            }

            await GuardAsync(token => _appender!.AppendAsync(name, data, size, level, records, token)).ConfigureAwait(false);
        }

        /// <summary>
        /// Creates the output: oci-layout first, then the old archive's blobs (incremental, read under the
        /// shared lock) and the blobs reused from killed exports. For a file, <paramref name="cancellationToken"/>
        /// stops that copy, which may be long: the temporary file is then deleted and the writer stays usable
        /// (nothing of this export was in it yet); a stream, once started, is only stopped by Dispose. The
        /// caller that holds the exclusive lock already (a commit) says so: the shared one is not taken then.
        /// </summary>
        private async Task StartLockedAsync(CancellationToken cancellationToken, bool holdingExclusiveLock = false)
        {
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(_output.IsStream ? CancellationToken.None : cancellationToken, _abort.Token);
            try
            {
                await GuardAsync(async _ =>
                {
                    _appender = new ArchiveAppender(_output.Open(), Format);
                    await _appender.AppendAsync("oci-layout", Encoding.UTF8.GetBytes(LayoutMarker.Content), CompressionLevel.Fastest, linked.Token).ConfigureAwait(false);
                    if (_existing != null)
                    {
                        using (holdingExclusiveLock ? null : await ArchiveBase.LockAsync(_existing.Path, FileLockMode.Shared, _log, linked.Token).ConfigureAwait(false))
                        {
                            await _existing.CopyBlobsAsync(_appender, linked.Token).ConfigureAwait(false);
                        }
                    }

                    if (_base.Salvage != null)
                    {
                        await _base.Salvage.CopyBlobsAsync(_appender, linked.Token).ConfigureAwait(false);
                    }
                },
                resettable: !_output.IsStream).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!_output.IsStream && !_abort.IsCancellationRequested)
            {
                _appender?.Dispose();
                _appender = null;
                _output.Reset();
                throw;
            }
        }

        /// <summary>
        /// Runs a write to the archive with the writer's token; any failure makes the writer unusable, except a
        /// cancellation of a <paramref name="resettable"/> write that Dispose did not cause (the caller resets).
        /// </summary>
        private async Task GuardAsync(Func<CancellationToken, Task> write, bool resettable = false)
        {
            try
            {
                await write(_abort.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (resettable && !_abort.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception e)
            {
                _fault = WriteFailures.Is(e) ? WriteFailures.Describe(e, Name, "archive")
                    : e as OciException ?? new OciException(
                    e is OperationCanceledException ? OciErrorKind.Cancelled : OciErrorKind.IOFailed,
                    $"Cannot write archive '{Name}': {e.Message}",
                    e)
                { Path = Name };
                if (e is OperationCanceledException)
                {
                    throw;
                }

                throw _fault;
            }
        }

        private void ThrowIfUnusable()
        {
            if (_fault != null)
            {
                throw new OciException(_fault.Kind, $"Archive '{Name}' is unusable after an earlier failure: {_fault.Message}", _fault) { Path = Name };
            }

            if (_completed)
            {
                throw new InvalidOperationException($"Archive '{Name}' is already complete.");
            }
        }
    }
}
