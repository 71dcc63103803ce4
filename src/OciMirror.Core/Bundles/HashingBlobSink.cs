using System;
using System.IO;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Model;
using OciMirror.Core.Operations;

namespace OciMirror.Core.Bundles
{
    /// <summary>
    /// The sink of verify (and of a declined stream import): large blobs are hashed as they stream, in
    /// 80 KiB pieces, and a mismatch is recorded; with <c>hashLarge</c> false (listing) they are skipped.
    /// </summary>
    internal sealed class HashingBlobSink : IBlobSink
    {
        private readonly bool _hashLarge;
        private readonly Action<long>? _onBytes;

        public HashingBlobSink(bool hashLarge, Action<long>? onBytes)
        {
            _hashLarge = hashLarge;
            _onBytes = onBytes;
        }

        public Task SmallBlobAsync(BlobRecord record, byte[] content, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task LargeBlobAsync(BlobRecord record, Stream data, CancellationToken cancellationToken) =>
            _hashLarge ? HashAsync(record, data, _onBytes, cancellationToken) : Task.CompletedTask;

        /// <summary>Hashes <paramref name="data"/> to its end; marks the record verified or bad.</summary>
        public static async Task HashAsync(BlobRecord record, Stream data, Action<long>? onBytes, CancellationToken cancellationToken)
        {
            using IncrementalHash hash = record.Digest.CreateHasher();
            var buffer = new byte[81920];
            long total = 0;
            int n;
            while ((n = await data.ReadAsync(buffer, 0, buffer.Length, cancellationToken).ConfigureAwait(false)) > 0)
            {
                hash.AppendData(buffer, 0, n);
                total += n;
                onBytes?.Invoke(n);
            }

            Digest actual = Digest.FromHash(record.Digest.Algorithm, hash.GetHashAndReset());
            if (total != record.Size)
            {
                record.Fail(BlobProblemKind.Unreadable, $"Blob {record.Digest} ('{record.Location}') ended after {total} of {record.Size} bytes.");
            }
            else if (actual != record.Digest)
            {
                record.Fail(BlobProblemKind.DigestMismatch, BlobIngest.MismatchMessage(record, actual));
            }
            else
            {
                record.Verified = true;
            }
        }
    }
}
