using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace OciMirror.Core.Volumes
{
    /// <summary>
    /// A write-only stream that cuts what it is given into parts of at most <see cref="PartSize"/> bytes,
    /// <c>NAME.001</c>, <c>NAME.002</c>, … (for media with a file-size limit: FAT32 holds no file of
    /// 4 GiB or more). Each part is written to a hidden temporary name next to its final name and flushed
    /// to disk when full; <see cref="CommitAsync"/> renames every part over its final name (replacing an
    /// older set), then deletes parts of an older, longer set and an older unsplit file of the same name,
    /// so no part ever appears half-written under its final name. <see cref="Stream.Dispose()"/> without
    /// a commit deletes the temporary parts and leaves any older set as it was. Not thread-safe.
    /// </summary>
    public sealed class SplitVolumeWriter : Stream
    {
        private readonly string _basePath;
        private readonly Func<string, string, CancellationToken, Task> _replace;
        private readonly List<string> _temps = new List<string>();
        private FileStream? _part;
        private long _partLength;
        private bool _committed;

        /// <param name="basePath">The set's full path without part number.</param>
        /// <param name="partSize">The largest part, in bytes (at least <see cref="SplitSize.Minimum"/>).</param>
        /// <param name="replace">Renames a finished temporary file over its final name atomically (the layout's atomic rename).</param>
        public SplitVolumeWriter(string basePath, long partSize, Func<string, string, CancellationToken, Task> replace)
        {
            _basePath = basePath ?? throw new ArgumentNullException(nameof(basePath));
            PartSize = partSize >= SplitSize.Minimum ? partSize : throw new ArgumentOutOfRangeException(nameof(partSize), partSize, $"A part holds at least {SplitSize.Minimum} bytes.");
            _replace = replace ?? throw new ArgumentNullException(nameof(replace));
        }

        /// <summary>The largest part, in bytes.</summary>
        public long PartSize { get; }

        /// <summary>Parts started so far.</summary>
        public int PartCount => _temps.Count;

        /// <summary>The temporary files written so far, in part order (for tests and messages).</summary>
        public IReadOnlyList<string> TempFiles => _temps;

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override async Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            while (count > 0)
            {
                if (_part == null || _partLength == PartSize)
                {
                    await NextPartAsync(cancellationToken).ConfigureAwait(false);
                }

                int n = (int)Math.Min(count, PartSize - _partLength);
                await _part!.WriteAsync(buffer, offset, n, cancellationToken).ConfigureAwait(false);
                _partLength += n;
                offset += n;
                count -= n;
            }
        }

        public override void Write(byte[] buffer, int offset, int count) =>
            WriteAsync(buffer, offset, count, CancellationToken.None).GetAwaiter().GetResult();

        public override Task FlushAsync(CancellationToken cancellationToken) =>
            _part?.FlushAsync(cancellationToken) ?? Task.CompletedTask;

        public override void Flush() => _part?.Flush();

        /// <summary>
        /// Flushes the last part to disk and renames every part over its final name, then deletes what an
        /// older export left under this name: parts numbered after the new last one, and the unsplit file.
        /// </summary>
        /// <exception cref="IOException">A flush or rename failed (parts renamed before stay renamed; the rest are deleted by Dispose).</exception>
        public async Task CommitAsync(CancellationToken cancellationToken)
        {
            if (_part == null)
            {
                await NextPartAsync(cancellationToken).ConfigureAwait(false); // an empty archive is one empty part
            }

            await ClosePartAsync(cancellationToken).ConfigureAwait(false);
            for (int i = 0; i < _temps.Count; i++)
            {
                await _replace(_temps[i], SplitVolumeNames.PartPath(_basePath, i + 1), cancellationToken).ConfigureAwait(false);
            }

            _committed = true;
            foreach ((string path, int number) in SplitVolumeSet.EnumerateParts(_basePath))
            {
                if (number > _temps.Count)
                {
                    File.Delete(path);
                }
            }

            if (File.Exists(_basePath))
            {
                File.Delete(_basePath);
            }
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _part?.Dispose();
                _part = null;
                if (!_committed)
                {
                    foreach (string temp in _temps)
                    {
                        try
                        {
                            File.Delete(temp);
                        }
                        catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
                        {
                        }
                    }
                }
            }

            base.Dispose(disposing);
        }

        private async Task NextPartAsync(CancellationToken cancellationToken)
        {
            await ClosePartAsync(cancellationToken).ConfigureAwait(false);
            string final = SplitVolumeNames.PartPath(_basePath, _temps.Count + 1);
            string temp = Path.Combine(Path.GetDirectoryName(final)!, "." + Path.GetFileName(final) + "." + Guid.NewGuid().ToString("N") + ".tmp");
            _part = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous);
            _temps.Add(temp);
            _partLength = 0;
        }

        private async Task ClosePartAsync(CancellationToken cancellationToken)
        {
            if (_part != null)
            {
                await _part.FlushAsync(cancellationToken).ConfigureAwait(false);
                _part.Flush(flushToDisk: true);
                _part.Dispose();
                _part = null;
            }
        }
    }
}
