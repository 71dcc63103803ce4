using System.IO.Compression;
using System.Threading;
using System.Threading.Tasks;

namespace OciMirror.Core.Compression
{
    /// <summary>
    /// A compressing write stream whose output is a sequence of independent frames (gzip members, zstd
    /// frames), each started at the level its content deserves: a tar writer puts every entry in its own
    /// frame, stored when the entry is already compressed (DESIGN §4 ".tgz is cheap"), so every entry
    /// boundary is a frame boundary and the output is always a sequence of complete frames.
    /// </summary>
    internal interface IFramedWriter
    {
        /// <summary>Finishes the current frame (if any) and starts a new one: <see cref="CompressionLevel.NoCompression"/> stores, anything else compresses fast.</summary>
        Task StartFrameAsync(CompressionLevel level, CancellationToken cancellationToken);

        /// <summary>Finishes the current frame; no-op when none is open.</summary>
        Task EndFrameAsync(CancellationToken cancellationToken);

        /// <summary>Finishes the current frame and flushes the output, which stays open.</summary>
        Task CompleteAsync(CancellationToken cancellationToken);
    }
}
