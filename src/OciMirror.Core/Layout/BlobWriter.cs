using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Content;
using OciMirror.Core.Errors;
using OciMirror.Core.Model;

namespace OciMirror.Core.Layout
{
    /// <summary>
    /// Writes blobs into a layout the way oras-go's oci.Store and ggcr's layout.writeBlob do: stream into
    /// a unique file under <c>ingest/</c> through a verifying reader, flush to disk, then rename into
    /// <c>blobs/&lt;alg&gt;/&lt;encoded&gt;</c>. Nothing partial or unverified ever appears under
    /// <c>blobs/</c>, and the temporary file is removed whatever happens. Safe for concurrent use.
    /// </summary>
    internal sealed class BlobWriter
    {
        /// <summary>Largest copy buffer per push: memory is bounded by concurrency × 1 MiB (DESIGN §6.4).</summary>
        private const int MaxBufferSize = 1024 * 1024;

        private readonly LayoutPaths _paths;

        public BlobWriter(LayoutPaths paths)
        {
            _paths = paths;
        }

        /// <summary>
        /// Stores <paramref name="content"/> as <paramref name="expected"/>. Reads exactly
        /// <c>expected.Size</c> bytes (one more read proves the stream has no trailing bytes) and never
        /// disposes <paramref name="content"/>. Succeeds without writing when another writer stored the
        /// blob first; a file of the wrong size at the blob's path is replaced by the verified bytes.
        /// </summary>
        /// <exception cref="OciException">DigestMismatch (wrong, short or long content) or IOFailed.</exception>
        /// <exception cref="OperationCanceledException">Cancelled; the temporary file is removed.</exception>
        public async Task WriteAsync(Descriptor expected, Stream content, CancellationToken cancellationToken)
        {
            string target = _paths.Blob(expected.Digest);
            string temp = Path.Combine(_paths.IngestDirectory, expected.Digest.Encoded + "_" + Guid.NewGuid().ToString("N"));
            bool moved;
            try
            {
                // The ingest file stays open (marked in use, see StaleFiles) until it is renamed, so a
                // writer cleaning debris never removes it from under us.
                using (FileStream file = CreateIngestFile(temp))
                {
                    await CopyVerifiedAsync(expected, content, file, cancellationToken).ConfigureAwait(false);
                    Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                    moved = await AtomicFile.MoveNoOverwriteAsync(temp, target, cancellationToken).ConfigureAwait(false);
                }

                if (!moved && new FileInfo(target).Length != expected.Size)
                {
                    // The file there is not this blob (a truncated copy of the bundle, a crashed foreign
                    // writer): the verified bytes replace it, or the layout could never be repaired.
                    await AtomicFile.ReplaceAsync(temp, target, cancellationToken).ConfigureAwait(false);
                }
            }
            catch (Exception e) when (WriteFailures.Is(e))
            {
                throw WriteFailures.Describe(e, target, $"blob {expected.Digest}");
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                throw new OciException(OciErrorKind.IOFailed, $"Could not store blob {expected.Digest} as '{target}': {e.Message}", e)
                {
                    Digest = expected.Digest,
                    Path = target,
                };
            }
            finally
            {
                // After a successful rename the temp no longer exists; after a lost race or any failure
                // it does, and must not be left behind.
                AtomicFile.TryDelete(temp);
            }
        }

        /// <summary>
        /// Creates the ingest file. Another store's Dispose may remove an empty <c>ingest/</c> between our
        /// CreateDirectory and the create: then the directory is made again (bounded).
        /// </summary>
        private FileStream CreateIngestFile(string temp)
        {
            for (int attempt = 1; ; attempt++)
            {
                Directory.CreateDirectory(_paths.IngestDirectory);
                try
                {
                    return new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileLock.InUseShare, 1, FileOptions.Asynchronous);
                }
                catch (DirectoryNotFoundException) when (attempt < 5)
                {
                }
            }
        }

        private static async Task CopyVerifiedAsync(Descriptor expected, Stream content, FileStream file, CancellationToken cancellationToken)
        {
            // Small blobs (manifests, configs) get small buffers: no 1 MiB large-object allocation each.
            var buffer = new byte[(int)Math.Min(MaxBufferSize, Math.Max(expected.Size + 1, 4096))];
            using Stream verified = PushContent.OpenVerified(content, expected);
            int n;
            while ((n = await verified.ReadAsync(buffer, 0, buffer.Length, cancellationToken).ConfigureAwait(false)) > 0)
            {
                await file.WriteAsync(buffer, 0, n, cancellationToken).ConfigureAwait(false);
            }

            // The verifying stream returned 0 only after the size and digest matched; make the bytes
            // durable before the rename publishes them.
            await file.FlushAsync(cancellationToken).ConfigureAwait(false);
            file.Flush(flushToDisk: true);
        }
    }
}
