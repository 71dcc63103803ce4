using OciMirror.Core.Errors;
using OciMirror.Core.Model;
using OciMirror.Core.Operations;

namespace OciMirror.Core.Bundles
{
    /// <summary>
    /// What a scan learnt about one blob of a bundle: its name, stored size, where it is (an archive
    /// entry or a file), whether its bytes were bad, and whether an import staged it. Mutated only by
    /// the scan that created it (one task at a time).
    /// </summary>
    internal sealed class BlobRecord
    {
        private readonly string? _location;

        /// <param name="location">Where the blob is when that is not its layout entry (a classic docker save layer: <c>archive!id/layer.tar</c>); null otherwise.</param>
        public BlobRecord(Digest digest, long size, string? location = null)
        {
            Digest = digest;
            Size = size;
            _location = location;
        }

        public Digest Digest { get; }

        /// <summary>Bytes stored (the tar entry's or the file's size).</summary>
        public long Size { get; }

        /// <summary>
        /// The entry or file, <c>blobs/sha256/ab…</c>: computed, not stored, because a blob entry's normalized
        /// name is always this (a record per blob of a bundle of 100 000 blobs must stay small); only a blob
        /// that is not a layout entry (a docker save layer) stores where it is.
        /// </summary>
        public string Location => _location ?? Layout.LayoutPaths.BlobEntry(Digest);

        /// <summary>What is wrong with the bytes, or null when they were fine (or not read: see <see cref="Verified"/>).</summary>
        public BlobProblemKind? Problem { get; private set; }

        /// <summary>The sentence that says what is wrong, when <see cref="Problem"/> is set.</summary>
        public string? ProblemMessage { get; private set; }

        /// <summary>The exception behind the problem, when there was one (a refused staging upload).</summary>
        public OciException? Error { get; private set; }

        /// <summary>True once every byte was hashed and matched the name.</summary>
        public bool Verified { get; set; }

        /// <summary>True once an import holds the verified blob in a repository of the destination registry (<see cref="StagedAt"/>).</summary>
        public bool Staged { get; set; }

        /// <summary>The repository (<c>registry/path</c>) the archive entry says the blob is for (an OciMirror archive's origin record), or null.</summary>
        public string? Origin { get; set; }

        /// <summary>Where an import uploaded the blob: its target repository or the staging repository; null when not uploaded.</summary>
        public StagingTarget? StagedAt { get; set; }

        /// <summary>Why an import did not upload this good blob (past the staging limit), or null.</summary>
        public string? NotStagedReason { get; set; }

        public bool IsBad => Problem != null;

        /// <summary>Records the first problem; later ones are ignored.</summary>
        public void Fail(BlobProblemKind kind, string message, OciException? error = null)
        {
            if (Problem == null)
            {
                Problem = kind;
                ProblemMessage = message;
                Error = error;
                Verified = false;
            }
        }

        public BlobProblem ToProblem() => new BlobProblem(Digest.ToString(), Problem ?? BlobProblemKind.Unreadable, Location, ProblemMessage ?? string.Empty);
    }
}
