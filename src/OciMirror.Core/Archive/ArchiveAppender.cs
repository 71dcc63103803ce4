using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Threading;
using System.Threading.Tasks;

namespace OciMirror.Core.Archive
{
    /// <summary>
    /// The sequential half of the bundle archive writer: appends tar entries to an output stream, for a
    /// tgz or tar.zst each entry (header, data, padding) in its own gzip member or zstd frame at the level
    /// the caller picks (DESIGN §4: stored for compressed layers, fastest for the rest), so every entry
    /// boundary is also a frame boundary and the output is always a sequence of complete frames. Not thread-safe: the
    /// writer calls it under its lock. It never disposes the output.
    /// </summary>
    internal sealed class ArchiveAppender : IDisposable
    {
        private readonly Stream _output;
        private readonly Stream? _compressor;
        private readonly Compression.IFramedWriter? _frames;
        private readonly TarWriter _tar;

        /// <param name="output">Where the archive goes; never disposed here.</param>
        /// <param name="format">Tar, TarGzip (gzip members) or TarZstd (zstd frames).</param>
        /// <exception cref="ArgumentException">A format that cannot be written.</exception>
        public ArchiveAppender(Stream output, ArchiveFormat format)
        {
            _output = output ?? throw new ArgumentNullException(nameof(output));
            _compressor = ArchiveDecoder.CreateFramedWriter(format, output);
            _frames = (Compression.IFramedWriter?)_compressor;
            _tar = new TarWriter(_compressor ?? output, leaveOpen: true);
        }

        /// <summary>Entries appended so far.</summary>
        public int EntryCount { get; private set; }

        /// <summary>
        /// Appends a file entry with exactly <paramref name="size"/> bytes of <paramref name="data"/> (not
        /// disposed), which must end there (a <see cref="Content.VerifyingReadStream"/> checks its digest
        /// on that last read). <paramref name="level"/> is ignored for a plain tar.
        /// </summary>
        /// <exception cref="Errors.OciException">DigestMismatch from <paramref name="data"/>; the archive is then unusable.</exception>
        /// <exception cref="IOException">Writing the output failed; the archive is then unusable.</exception>
        public Task AppendAsync(string name, Stream data, long size, CompressionLevel level, CancellationToken cancellationToken) =>
            AppendAsync(name, data, size, level, null, cancellationToken);

        /// <summary>As above, with extra pax records in the entry's extended header (see <see cref="TarWriter"/>).</summary>
        public async Task AppendAsync(string name, Stream data, long size, CompressionLevel level, IReadOnlyDictionary<string, string>? records, CancellationToken cancellationToken)
        {
            if (_frames != null)
            {
                await _frames.StartFrameAsync(level, cancellationToken).ConfigureAwait(false);
            }

            await _tar.WriteFileAsync(name, data, size, records, cancellationToken).ConfigureAwait(false);
            if (_frames != null)
            {
                await _frames.EndFrameAsync(cancellationToken).ConfigureAwait(false);
            }

            EntryCount++;
        }

        /// <summary>Appends a small file entry from memory (oci-layout, index.json, a manifest).</summary>
        public Task AppendAsync(string name, byte[] content, CompressionLevel level, CancellationToken cancellationToken) =>
            AppendAsync(name, new MemoryStream(content, writable: false), content.Length, level, cancellationToken);

        /// <summary>Passes what was appended so far to the output's own destination (the OS, for a file); no fsync.</summary>
        public Task FlushAsync(CancellationToken cancellationToken) => _output.FlushAsync(cancellationToken);

        /// <summary>Writes the end-of-archive marker (in its own member for a tgz) and flushes the output.</summary>
        public async Task FinishAsync(CancellationToken cancellationToken)
        {
            if (_frames != null)
            {
                await _frames.StartFrameAsync(CompressionLevel.Fastest, cancellationToken).ConfigureAwait(false);
            }

            await _tar.WriteEndAsync(cancellationToken).ConfigureAwait(false);
            if (_frames != null)
            {
                await _frames.CompleteAsync(cancellationToken).ConfigureAwait(false);
            }

            await _output.FlushAsync(cancellationToken).ConfigureAwait(false);
        }

        /// <summary>Releases the compressor; the output stays open.</summary>
        public void Dispose()
        {
            _tar.Dispose();
            try
            {
                // After a failed entry a member is still open and GzipMemberWriter finishes it with a
                // synchronous write; the output is being abandoned, so a failure there changes nothing.
                _compressor?.Dispose();
            }
            catch (Exception e) when (e is IOException || e is ObjectDisposedException || e is NotSupportedException)
            {
            }
        }
    }
}
