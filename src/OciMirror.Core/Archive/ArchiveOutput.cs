using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Errors;
using OciMirror.Core.Layout;

namespace OciMirror.Core.Archive
{
    /// <summary>
    /// Where the bytes of an archive bundle go. For a file: a hidden temporary file next to the
    /// destination, created only by <see cref="Open"/> (so an export that writes nothing creates nothing),
    /// flushed to disk and renamed over the destination by <see cref="CommitAsync"/> (DESIGN §4 "Writes
    /// are atomic": an interrupted export never leaves a truncated archive under the final name), and
    /// deleted by <see cref="Dispose"/> when not committed. For a stream: the caller's stream, never
    /// disposed. Not thread-safe.
    /// </summary>
    internal sealed class ArchiveOutput : IDisposable
    {
        private readonly string? _path;
        private readonly Stream? _callerStream;
        private readonly long? _splitSize;
        private Volumes.SplitVolumeWriter? _split;
        private FileStream? _file;
        private string? _temp;
        private bool _opened;
        private bool _committed;

        private ArchiveOutput(string? path, Stream? callerStream, string displayName, long? splitSize = null)
        {
            _path = path;
            _callerStream = callerStream;
            _splitSize = splitSize;
            DisplayName = displayName;
        }

        /// <summary>The destination as shown in messages (the full file path, or the caller's name for a stream).</summary>
        public string DisplayName { get; }

        /// <summary>True for a caller's stream: written once, in one pass, never renamed or read back.</summary>
        public bool IsStream => _callerStream != null;

        /// <summary>True once <see cref="Open"/> ran.</summary>
        public bool IsOpen => _opened;

        /// <summary>The directory for temporary files: the destination's (same volume), or the system temp directory for a stream.</summary>
        public string TempDirectory => _path != null ? Path.GetDirectoryName(_path)! : Path.GetTempPath();

        /// <summary>The temporary file being written, once opened (for tests and messages).</summary>
        public string? TempFile => _temp;

        /// <summary>An output that will replace <paramref name="path"/> (a full path) when committed.</summary>
        public static ArchiveOutput ForFile(string path) => new ArchiveOutput(path, null, path);

        /// <summary>
        /// An output that writes the parts <c>path.001</c>, <c>path.002</c>, … of at most
        /// <paramref name="partSize"/> bytes each, renamed into place together when committed
        /// (<see cref="Volumes.SplitVolumeWriter"/>).
        /// </summary>
        public static ArchiveOutput ForSplitFile(string path, long partSize) => new ArchiveOutput(path, null, path, partSize);

        /// <summary>The largest part of a split output, or null when the output is one file or a stream.</summary>
        public long? SplitSize => _splitSize;

        /// <summary>An output that writes into <paramref name="stream"/>; the caller keeps ownership.</summary>
        public static ArchiveOutput ForStream(Stream stream, string displayName) => new ArchiveOutput(null, stream, displayName);

        /// <summary>Creates the destination's directory and the temporary file (for a file) and returns the stream to write.</summary>
        /// <exception cref="OciException">InvalidDestination: the directory or the temporary file cannot be created (naming it).</exception>
        public Stream Open()
        {
            if (_callerStream != null)
            {
                _opened = true;
                return _callerStream;
            }

            if (_file != null || _split != null)
            {
                return (Stream?)_file ?? _split!;
            }

            string directory = TempDirectory;
            if (_splitSize != null)
            {
                Directory.CreateDirectory(directory);
                _split = new Volumes.SplitVolumeWriter(_path!, _splitSize.Value, AtomicFile.ReplaceAsync);
                _opened = true;
                return _split;
            }

            _temp = TemporaryName.For(_path!);
            try
            {
                Directory.CreateDirectory(directory);
                _file = new FileStream(_temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous);
                _opened = true;
                return _file;
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                throw new OciException(OciErrorKind.InvalidDestination, $"Cannot create the archive '{_path}' (temporary file '{_temp}'): {e.Message}", e) { Path = _path };
            }
        }

        /// <summary>
        /// Finishes the output: for a file, flushes it to disk, closes it and renames it over the
        /// destination (atomically replacing an older archive; the caller holds the archive's exclusive
        /// lock, so no other writer renames at the same time and no debris cleaner sees the closed temporary
        /// file); for a stream, flushes it.
        /// </summary>
        /// <exception cref="OciException">IOFailed naming the destination; the temporary file is then deleted by Dispose.</exception>
        public async Task CommitAsync(CancellationToken cancellationToken)
        {
            if (_callerStream != null)
            {
                await _callerStream.FlushAsync(cancellationToken).ConfigureAwait(false);
                _committed = true;
                return;
            }

            if (_split != null)
            {
                try
                {
                    await _split.CommitAsync(cancellationToken).ConfigureAwait(false);
                    _committed = true;
                    return;
                }
                catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
                {
                    throw WriteFailures.Is(e) ? WriteFailures.Describe(e, _path!, "the split archive") : new OciException(OciErrorKind.IOFailed, $"Cannot finish the split archive '{_path}': {e.Message}", e) { Path = _path };
                }
            }

            FileStream file = _file ?? throw new InvalidOperationException("The archive was never opened.");
            try
            {
                await file.FlushAsync(cancellationToken).ConfigureAwait(false);
                file.Flush(flushToDisk: true);
                file.Dispose();
                await AtomicFile.ReplaceAsync(_temp!, _path!, cancellationToken).ConfigureAwait(false);
                _committed = true;
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                throw WriteFailures.Is(e) ? WriteFailures.Describe(e, _path!, "the archive") : new OciException(OciErrorKind.IOFailed, $"Cannot finish the archive '{_path}': {e.Message}", e) { Path = _path };
            }
        }

        /// <summary>Closes and deletes the temporary file (not committed) so that <see cref="Open"/> starts a new one.</summary>
        public void Reset()
        {
            if (_callerStream != null || _committed)
            {
                throw new InvalidOperationException("Only an uncommitted file output can be reset.");
            }

            Dispose();
            _file = null;
            _split = null;
            _temp = null;
            _opened = false;
        }

        /// <summary>Closes the temporary file and deletes it unless it was committed; a caller's stream is left open.</summary>
        public void Dispose()
        {
            try
            {
                _split?.Dispose();
                _file?.Dispose();
            }
            catch (IOException)
            {
                // Flushing what was buffered failed (a full disk): the output is abandoned and deleted below.
            }

            if (_temp != null && !_committed)
            {
                AtomicFile.TryDelete(_temp);
            }
        }
    }
}
