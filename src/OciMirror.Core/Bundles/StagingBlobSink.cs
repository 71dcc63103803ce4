using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Content;
using OciMirror.Core.Copy;
using OciMirror.Core.Errors;
using OciMirror.Core.Operations;

namespace OciMirror.Core.Bundles
{
    /// <summary>
    /// The sink of a one-pass stream import: every good blob is uploaded, content-addressed and untagged,
    /// into the staging repository of the destination registry as it streams. A large blob is verified
    /// while it uploads (the last chunk is withheld until the digest matched, see <see cref="CopyReadStream"/>),
    /// so the registry never commits bad bytes; a blob the staging repository already has is only hashed.
    /// A refused upload marks the blob, not the pass; an archive error (truncation) escapes.
    /// </summary>
    internal sealed class StagingBlobSink : IBlobSink
    {
        /// <summary>The media type staged blobs are uploaded with: the blob endpoint does not use it, and the real one is not known before index.json.</summary>
        public const string StagedMediaType = "application/octet-stream";

        private readonly IStorage _staging;
        private readonly string _stagingName;
        private readonly Action<long>? _onBytes;

        public StagingBlobSink(IStorage staging, string stagingName, Action<long>? onBytes)
        {
            _staging = staging;
            _stagingName = stagingName;
            _onBytes = onBytes;
        }

        public async Task SmallBlobAsync(BlobRecord record, byte[] content, CancellationToken cancellationToken)
        {
            var descriptor = new Model.Descriptor(StagedMediaType, record.Digest, record.Size);
            try
            {
                if (!await _staging.ExistsAsync(descriptor, cancellationToken).ConfigureAwait(false))
                {
                    using var stream = new MemoryStream(content, writable: false);
                    await _staging.PushAsync(descriptor, stream, cancellationToken).ConfigureAwait(false);
                }

                record.Staged = true;
            }
            catch (Exception e) when (CopyErrors.IsExpected(e))
            {
                Refused(record, CopyErrors.Wrap(e, ErrorSide.Destination, descriptor, null));
            }
        }

        public async Task LargeBlobAsync(BlobRecord record, Stream data, CancellationToken cancellationToken)
        {
            var descriptor = new Model.Descriptor(StagedMediaType, record.Digest, record.Size);
            bool present;
            try
            {
                present = await _staging.ExistsAsync(descriptor, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (CopyErrors.IsExpected(e))
            {
                Refused(record, CopyErrors.Wrap(e, ErrorSide.Destination, descriptor, null));
                return;
            }

            if (present)
            {
                await HashingBlobSink.HashAsync(record, data, _onBytes, cancellationToken).ConfigureAwait(false);
                record.Staged = record.Verified;
                return;
            }

            using var content = new CopyReadStream(data, descriptor, record.Location, n => _onBytes?.Invoke(n));
            try
            {
                await _staging.PushAsync(descriptor, content, cancellationToken).ConfigureAwait(false);
                await content.EnsureVerifiedAsync(cancellationToken).ConfigureAwait(false);
                record.Verified = true;
                record.Staged = true;
            }
            catch (Exception e) when (CopyErrors.IsExpected(e))
            {
                OciException? source = content.SourceError;
                if (source != null && source.Kind == OciErrorKind.InvalidLayout)
                {
                    throw source; // the archive itself is truncated or corrupt: the pass stops
                }

                if (source != null)
                {
                    record.Fail(BlobProblemKind.DigestMismatch, $"Blob '{record.Location}' does not match its name: {source.Message}", source);
                    return;
                }

                Refused(record, CopyErrors.Wrap(e, ErrorSide.Destination, descriptor, null));
            }
        }

        private void Refused(BlobRecord record, OciException error) =>
            record.Fail(BlobProblemKind.Unreadable, $"Blob '{record.Location}' could not be uploaded to staging repository '{_stagingName}': {error.Message}", error);
    }
}
