namespace OciMirror.Core.Operations
{
    /// <summary>One bad blob found by <see cref="BundleVerifyOperation"/>.</summary>
    public sealed class BlobProblem
    {
        public BlobProblem(string digest, BlobProblemKind kind, string location, string message)
        {
            Digest = digest;
            Kind = kind;
            Location = location;
            Message = message;
        }

        /// <summary>The digest the blob is named by (or referred to by).</summary>
        public string Digest { get; }

        public BlobProblemKind Kind { get; }

        /// <summary>The file or archive entry (<c>blobs/sha256/…</c>), or the manifest that refers to a missing blob.</summary>
        public string Location { get; }

        /// <summary>A sentence naming the blob and what is wrong.</summary>
        public string Message { get; }
    }
}
