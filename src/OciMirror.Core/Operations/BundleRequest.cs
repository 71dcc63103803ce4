using System.IO;

namespace OciMirror.Core.Operations
{
    /// <summary>Names a bundle to read: a directory, .tar, .tgz or .tar.zst path, or a stream (stdin).</summary>
    public sealed class BundleRequest
    {
        /// <summary>The bundle path, or a display name when <see cref="InputStream"/> is set.</summary>
        public string BundlePath { get; set; } = string.Empty;

        /// <summary>When set, the bundle (tar, tgz, tar.zst, tar.xz or tar.bz2, detected by magic bytes) is read from this stream in one pass; not disposed by the operation.</summary>
        public Stream? InputStream { get; set; }
    }
}
