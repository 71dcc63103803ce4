using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Content;
using OciMirror.Core.Errors;
using OciMirror.Core.Layout;
using OciMirror.Core.Model;

namespace OciMirror.Core.Archive
{
    /// <summary>
    /// A verified copy of one pushed blob waiting for its turn at the archive (an archive is written by
    /// one writer at a time, so concurrent downloads cannot stream into it). Content up to
    /// <c>memoryLimit</c> bytes is held in memory; larger content goes to a temporary file in the given
    /// directory, which <see cref="Dispose"/> deletes. The copy is complete and verified when
    /// <see cref="CreateAsync"/> returns: corrupt, short or long content throws and leaves nothing behind.
    /// </summary>
    internal sealed class BlobSpool : IDisposable
    {
        /// <summary>Copy buffer for file spools: 80 KiB, below the large-object heap, so memory stays flat whatever the size.</summary>
        private const int FileBufferSize = 81920;

        private readonly string? _file;
        private FileStream? _stream;

        private BlobSpool(byte[]? bytes, string? file, FileStream? stream)
        {
            Bytes = bytes;
            _file = file;
            _stream = stream;
        }

        /// <summary>The content when it was spooled in memory; null for a file spool.</summary>
        public byte[]? Bytes { get; }

        /// <summary>
        /// Reads exactly <c>expected.Size</c> bytes of <paramref name="content"/> (not disposed) through a
        /// <see cref="VerifyingReadStream"/> into memory (size ≤ <paramref name="memoryLimit"/>) or into a
        /// new file of <paramref name="directory"/>.
        /// </summary>
        /// <exception cref="OciException">DigestMismatch (the content is wrong); IOFailed (the temporary file could not be written, naming it).</exception>
        /// <exception cref="OperationCanceledException">Cancelled; the temporary file is deleted.</exception>
        public static async Task<BlobSpool> CreateAsync(Descriptor expected, Stream content, string directory, long memoryLimit, CancellationToken cancellationToken)
        {
            using Stream verified = PushContent.OpenVerified(content, expected);
            if (expected.Size <= memoryLimit)
            {
                var bytes = new byte[expected.Size];
                int offset = 0;
                while (offset < bytes.Length)
                {
                    int n = await verified.ReadAsync(bytes, offset, bytes.Length - offset, cancellationToken).ConfigureAwait(false);
                    offset += n; // a short stream throws DigestMismatch instead of returning 0
                }

                await verified.ReadAsync(new byte[1], 0, 1, cancellationToken).ConfigureAwait(false); // trailing bytes and digest check
                return new BlobSpool(bytes, null, null);
            }

            string file = Path.Combine(directory, ".ocimirror-" + expected.Digest.Encoded.Substring(0, 12) + "-" + Guid.NewGuid().ToString("N") + ".spool");
            FileStream? stream = null;
            try
            {
                stream = new FileStream(file, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.Asynchronous | FileOptions.DeleteOnClose);
                var buffer = new byte[FileBufferSize];
                int n;
                while ((n = await verified.ReadAsync(buffer, 0, buffer.Length, cancellationToken).ConfigureAwait(false)) > 0)
                {
                    await stream.WriteAsync(buffer, 0, n, cancellationToken).ConfigureAwait(false);
                }

                stream.Position = 0;
                return new BlobSpool(null, file, stream);
            }
            catch (Exception e)
            {
                stream?.Dispose();
                AtomicFile.TryDelete(file);
                if (e is IOException || e is UnauthorizedAccessException)
                {
                    throw WriteFailures.Is(e) ? WriteFailures.Describe(e, file, $"blob {expected.Digest} (a temporary file next to the archive)")
                        : new OciException(OciErrorKind.IOFailed, $"Cannot write the temporary file '{file}' for blob {expected.Digest}: {e.Message}", e) { Digest = expected.Digest, Path = file };
                }

                throw;
            }
        }

        /// <summary>The content from its start; the spool owns the stream (do not dispose it) and it can be read once.</summary>
        public Stream OpenRead() => Bytes != null ? new MemoryStream(Bytes, writable: false) : _stream ?? throw new ObjectDisposedException(nameof(BlobSpool));

        /// <summary>Closes and deletes the temporary file, if any.</summary>
        public void Dispose()
        {
            _stream?.Dispose();
            _stream = null;
            if (_file != null)
            {
                AtomicFile.TryDelete(_file);
            }
        }
    }
}
