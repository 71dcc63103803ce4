using System;
using System.IO;
using System.IO.Compression;
using System.Threading;
using System.Threading.Tasks;

namespace OciMirror.Core.Archive
{
    /// <summary>
    /// The sequential half of the bundle archive writer: appends tar entries to an output stream, for a
    /// tgz each entry (header, data, padding) in its own gzip member at the level the caller picks
    /// (DESIGN §4: stored for compressed layers, fastest for the rest), so every entry boundary is also a
    /// member boundary and the output is always a sequence of complete members. Not thread-safe: the
    /// writer calls it under its lock. It never disposes the output.
    /// </summary>
    internal sealed class ArchiveAppender : IDisposable
    {
        private readonly Stream _output;
        private readonly GzipMemberWriter? _gzip;
        private readonly TarWriter _tar;

        public ArchiveAppender(Stream output, bool gzip)
        {
            _output = output ?? throw new ArgumentNullException(nameof(output));
            _gzip = gzip ? new GzipMemberWriter(output, leaveOpen: true) : null;
            _tar = new TarWriter((Stream?)_gzip ?? output, leaveOpen: true);
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
        public async Task AppendAsync(string name, Stream data, long size, CompressionLevel level, CancellationToken cancellationToken)
        {
            if (_gzip != null)
            {
                await _gzip.StartMemberAsync(level, cancellationToken).ConfigureAwait(false);
            }

            await _tar.WriteFileAsync(name, data, size, cancellationToken).ConfigureAwait(false);
            if (_gzip != null)
            {
                await _gzip.EndMemberAsync(cancellationToken).ConfigureAwait(false);
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
            if (_gzip != null)
            {
                await _gzip.StartMemberAsync(CompressionLevel.Fastest, cancellationToken).ConfigureAwait(false);
            }

            await _tar.WriteEndAsync(cancellationToken).ConfigureAwait(false);
            if (_gzip != null)
            {
                await _gzip.CompleteAsync(cancellationToken).ConfigureAwait(false);
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
                _gzip?.Dispose();
            }
            catch (Exception e) when (e is IOException || e is ObjectDisposedException || e is NotSupportedException)
            {
            }
        }
    }
}
