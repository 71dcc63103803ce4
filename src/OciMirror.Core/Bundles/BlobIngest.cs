using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Layout;
using OciMirror.Core.Model;
using OciMirror.Core.Operations;

namespace OciMirror.Core.Bundles
{
    /// <summary>
    /// Handles one blob of a pass the same way for archives and directories: a blob of at most 4 MiB is
    /// read whole, hashed, and kept in memory when it parses as a manifest or index (image-spec media
    /// types, or the shape); anything else goes to the sink (staging upload, hashing).
    /// </summary>
    internal static class BlobIngest
    {
        /// <summary>Records the blob in <paramref name="scan"/> and processes its bytes; <paramref name="recordedLocation"/> is stored only for a blob that is not a layout entry.</summary>
        /// <exception cref="Errors.OciException">InvalidLayout when <paramref name="data"/> ends early or is corrupt (the caller stops the pass); ContentTooLarge from the manifest budget in strict mode.</exception>
        public static async Task ProcessAsync(BundleScan scan, IBlobSink sink, Digest digest, long size, string location, Stream data, Action<long>? onBytes, CancellationToken cancellationToken, string? recordedLocation = null, string? origin = null)
        {
            var record = new BlobRecord(digest, size, recordedLocation) { Origin = scan.Share(origin) };
            scan.Blobs[digest] = record;
            try
            {
                if (size > OciLimits.MaxManifestBytes)
                {
                    await sink.LargeBlobAsync(record, data, cancellationToken).ConfigureAwait(false);
                    return;
                }

                byte[] content = await ReadAllAsync(data, size, cancellationToken).ConfigureAwait(false);
                onBytes?.Invoke(size);
                Digest actual = Digest.FromHash(digest.Algorithm, Hash(digest, content));
                if (actual != digest)
                {
                    record.Fail(BlobProblemKind.DigestMismatch, MismatchMessage(record, actual));
                    return;
                }

                record.Verified = true;
                if (ManifestSniffer.DetectMediaType(content) != null && scan.KeepManifest(digest, content))
                {
                    return;
                }

                await sink.SmallBlobAsync(record, content, cancellationToken).ConfigureAwait(false);
            }
            catch (Errors.OciException e) when (e.Kind == Errors.OciErrorKind.InvalidLayout)
            {
                record.Fail(BlobProblemKind.Unreadable, $"Blob {digest} ('{location}') could not be read to its end: {e.Message}", e);
                throw;
            }
        }

        public static string MismatchMessage(BlobRecord record, Digest actual) =>
            $"Blob '{record.Location}' hashes to {actual}, not to its name {record.Digest}: its bytes are corrupt or were replaced.";

        private static byte[] Hash(Digest digest, byte[] content)
        {
            using System.Security.Cryptography.IncrementalHash hash = digest.CreateHasher();
            hash.AppendData(content);
            return hash.GetHashAndReset();
        }

        private static async Task<byte[]> ReadAllAsync(Stream data, long size, CancellationToken cancellationToken)
        {
            var buffer = new byte[size];
            int offset = 0;
            while (offset < buffer.Length)
            {
                int n = await data.ReadAsync(buffer, offset, buffer.Length - offset, cancellationToken).ConfigureAwait(false);
                if (n == 0)
                {
                    throw new Errors.OciException(Errors.OciErrorKind.InvalidLayout, $"The data ended after {offset} of {size} bytes.");
                }

                offset += n;
            }

            return buffer;
        }
    }
}
