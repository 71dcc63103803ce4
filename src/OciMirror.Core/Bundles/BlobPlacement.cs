using System;
using System.Collections.Generic;
using System.Threading;
using OciMirror.Core.Diagnostics;
using OciMirror.Core.Model;

namespace OciMirror.Core.Bundles
{
    /// <summary>
    /// Decides where a one-pass import uploads each verified blob, before index.json says which artifacts
    /// use it (issue 7.18). A blob whose archive entry names the repository it was exported for (an
    /// OciMirror archive, <c>Archive.OriginRecord</c>) goes straight into that repository's destination,
    /// when the import may write there; any other blob goes to the staging repository. Blobs that no
    /// manifest read so far refers to are uploaded only while their total stays within a limit the user
    /// sets (the import's staging limit): a blob past it is only verified, so a
    /// hostile stream cannot fill the registry with content nothing references. Used by one pass at a time.
    /// </summary>
    internal sealed class BlobPlacement
    {
        private readonly BundleScan _scan;
        private readonly StagingTarget _staging;
        private readonly Func<string, StagingTarget?> _direct;
        private readonly Dictionary<Digest, long> _pending = new Dictionary<Digest, long>();
        private long _pendingBytes;
        private long _uploaded;
        private int _seen;

        /// <param name="direct">The target for a recorded repository (<c>registry/path</c>), or null when the import may not write there.</param>
        public BlobPlacement(BundleScan scan, StagingTarget staging, Func<string, StagingTarget?> direct, long limit)
        {
            _scan = scan;
            _staging = staging;
            _direct = direct;
            Limit = limit;
        }

        /// <summary>Most bytes of unreferenced blobs uploaded at once; 0 means no limit.</summary>
        public long Limit { get; }

        /// <summary>Bytes uploaded so far (to any repository).</summary>
        public long BytesUploaded => Interlocked.Read(ref _uploaded);

        /// <summary>True once a blob went to the staging repository.</summary>
        public bool UsedStaging { get; private set; }

        /// <summary>The staging repository.</summary>
        public StagingTarget Staging => _staging;

        /// <summary>Where <paramref name="record"/> goes: the repository it was exported for, else staging.</summary>
        public StagingTarget TargetOf(BlobRecord record) => (record.Origin == null ? null : _direct(record.Origin)) ?? _staging;

        /// <summary>
        /// Reserves the upload of <paramref name="record"/>: true when something already read refers to it,
        /// or when it fits within the limit (counted until a manifest that refers to it arrives); false
        /// sets <see cref="BlobRecord.NotStagedReason"/>.
        /// </summary>
        public bool TryReserve(BlobRecord record)
        {
            if (!_scan.Referenced.Contains(record.Digest))
            {
                Release();
                if (Limit > 0 && _pendingBytes + record.Size > Limit)
                {
                    record.NotStagedReason = $"arrived before any manifest that names it, while {ByteSize.Format(_pendingBytes)} of such blobs were uploaded already; uploading its {ByteSize.Format(record.Size)} too would pass the staging limit of {ByteSize.Format(Limit)}, so it was verified but not uploaded";
                    return false;
                }

                _pending[record.Digest] = record.Size;
                _pendingBytes += record.Size;
            }

            return true;
        }

        /// <summary>Records an upload of <paramref name="record"/> to <paramref name="target"/>.</summary>
        public void Record(BlobRecord record, StagingTarget target, bool sent)
        {
            record.Staged = true;
            record.StagedAt = target;
            UsedStaging |= target == _staging;
            if (sent)
            {
                Interlocked.Add(ref _uploaded, record.Size);
            }
        }

        /// <summary>Stops counting blobs that a manifest read since refers to.</summary>
        private void Release()
        {
            for (; _seen < _scan.ReferencedInOrder.Count; _seen++)
            {
                if (_pending.TryGetValue(_scan.ReferencedInOrder[_seen], out long size))
                {
                    _pendingBytes -= size;
                    _pending.Remove(_scan.ReferencedInOrder[_seen]);
                }
            }
        }
    }
}
