using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace OciMirror.Core.Bundles
{
    /// <summary>
    /// What a pass does with each blob besides recording it (<see cref="BlobIngest"/>): verify only,
    /// or also upload it (a stream import's staging).
    /// </summary>
    internal interface IBlobSink
    {
        /// <summary>A small blob (≤ 4 MiB) already read, hashed and found good, that is not a manifest or index.</summary>
        Task SmallBlobAsync(BlobRecord record, byte[] content, CancellationToken cancellationToken);

        /// <summary>
        /// A large blob (&gt; 4 MiB) as a stream of exactly <see cref="BlobRecord.Size"/> bytes, not yet
        /// read. The sink may leave it unread (the pass then skips it unverified). Records a bad digest on
        /// <paramref name="record"/>; lets an <see cref="Errors.OciException"/> of kind InvalidLayout from
        /// <paramref name="data"/> (the archive is truncated or corrupt) escape. Must not dispose <paramref name="data"/>'s archive.
        /// </summary>
        Task LargeBlobAsync(BlobRecord record, Stream data, CancellationToken cancellationToken);
    }
}
