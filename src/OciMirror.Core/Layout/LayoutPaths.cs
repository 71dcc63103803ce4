using System.IO;
using OciMirror.Core.Model;

namespace OciMirror.Core.Layout
{
    /// <summary>
    /// The file names of an OCI image layout (image-spec v1.1.0, image-layout.md): <c>oci-layout</c>,
    /// <c>index.json</c>, <c>blobs/&lt;alg&gt;/&lt;encoded&gt;</c>, plus our <c>ingest/</c> staging folder and lock file.
    /// </summary>
    internal sealed class LayoutPaths
    {
        /// <summary>Name of the layout marker file.</summary>
        public const string LayoutFileName = "oci-layout";

        /// <summary>Name of the index file.</summary>
        public const string IndexFileName = "index.json";

        /// <summary>Name of the blob folder.</summary>
        public const string BlobsDirectoryName = "blobs";

        /// <summary>Name of the folder where blobs are written before they are verified and renamed.</summary>
        public const string IngestDirectoryName = "ingest";

        /// <summary>
        /// Name of the lock file of a directory bundle (<see cref="FileLock"/>): present only while a writer
        /// creates the layout or updates index.json, or waits to.
        /// </summary>
        public const string LockFileName = ".ocimirror.lock";

        public LayoutPaths(string root)
        {
            Root = Path.GetFullPath(root);
            Given = root;
        }

        /// <summary>The layout root (full path).</summary>
        public string Root { get; }

        /// <summary>The root as the caller wrote it (relative or not), for messages that should read like the command line.</summary>
        public string Given { get; }

        public string LayoutFile => Path.Combine(Root, LayoutFileName);

        public string IndexFile => Path.Combine(Root, IndexFileName);

        public string BlobsDirectory => Path.Combine(Root, BlobsDirectoryName);

        public string IngestDirectory => Path.Combine(Root, IngestDirectoryName);

        public string LockFile => Path.Combine(Root, LockFileName);

        /// <summary>
        /// The file of a blob. Safe to build from untrusted digests: the digest grammar
        /// (descriptor.md#digests) allows neither path separators nor "..".
        /// </summary>
        public string Blob(Digest digest) => Path.Combine(BlobsDirectory, digest.Algorithm, digest.Encoded);

        /// <summary>The entry name of a blob inside the layout, as messages name it: <c>blobs/&lt;alg&gt;/&lt;encoded&gt;</c>.</summary>
        public static string BlobEntry(Digest digest) => BlobsDirectoryName + "/" + digest.Algorithm + "/" + digest.Encoded;
    }
}
