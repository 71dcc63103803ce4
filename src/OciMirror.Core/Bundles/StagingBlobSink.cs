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
    /// as it streams, where <see cref="BlobPlacement"/> says (the repository it was exported for, else the
    /// staging repository), unless the placement's limit refuses it. A large blob is verified while it
    /// uploads (the last chunk is withheld until the digest matched, see <see cref="CopyReadStream"/>), so
    /// the registry never commits bad bytes; a blob the target already has is only hashed. A refused
    /// upload marks the blob, not the pass; an archive error (truncation) escapes.
    /// </summary>
    internal sealed class StagingBlobSink : IBlobSink
    {
        /// <summary>The media type staged blobs are uploaded with: the blob endpoint does not use it, and the real one is not known before index.json.</summary>
        public const string StagedMediaType = "application/octet-stream";

        private readonly BlobPlacement _placement;
        private readonly Action<long>? _onBytes;

        public StagingBlobSink(BlobPlacement placement, Action<long>? onBytes)
        {
            _placement = placement;
            _onBytes = onBytes;
        }

        public async Task SmallBlobAsync(BlobRecord record, byte[] content, CancellationToken cancellationToken)
        {
            var descriptor = new Model.Descriptor(StagedMediaType, record.Digest, record.Size);
            StagingTarget target = _placement.TargetOf(record);
            try
            {
                if (await target.Storage.ExistsAsync(descriptor, cancellationToken).ConfigureAwait(false))
                {
                    _placement.Record(record, target, sent: false);
                    return;
                }

                if (!_placement.TryReserve(record))
                {
                    return;
                }

                using var stream = new MemoryStream(content, writable: false);
                await target.Storage.PushAsync(descriptor, stream, cancellationToken).ConfigureAwait(false);
                _placement.Record(record, target, sent: true);
            }
            catch (Exception e) when (CopyErrors.IsExpected(e))
            {
                Refused(record, target, CopyErrors.Wrap(e, ErrorSide.Destination, descriptor, null));
            }
        }

        public async Task LargeBlobAsync(BlobRecord record, Stream data, CancellationToken cancellationToken)
        {
            var descriptor = new Model.Descriptor(StagedMediaType, record.Digest, record.Size);
            StagingTarget target = _placement.TargetOf(record);
            bool present;
            try
            {
                present = await target.Storage.ExistsAsync(descriptor, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (CopyErrors.IsExpected(e))
            {
                Refused(record, target, CopyErrors.Wrap(e, ErrorSide.Destination, descriptor, null));
                return;
            }

            if (present || !_placement.TryReserve(record))
            {
                await HashingBlobSink.HashAsync(record, data, _onBytes, cancellationToken).ConfigureAwait(false);
                if (present && record.Verified)
                {
                    _placement.Record(record, target, sent: false);
                }

                return;
            }

            using var content = new CopyReadStream(data, descriptor, record.Location, n => _onBytes?.Invoke(n));
            try
            {
                await target.Storage.PushAsync(descriptor, content, cancellationToken).ConfigureAwait(false);
                await content.EnsureVerifiedAsync(cancellationToken).ConfigureAwait(false);
                record.Verified = true;
                _placement.Record(record, target, sent: true);
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

                Refused(record, target, CopyErrors.Wrap(e, ErrorSide.Destination, descriptor, null));
            }
        }

        private static void Refused(BlobRecord record, StagingTarget target, OciException error) =>
            record.Fail(BlobProblemKind.Unreadable, $"Blob '{record.Location}' could not be uploaded to repository '{target}': {error.Message}", error);
    }
}
