using System;
using System.Collections.Generic;
using OciMirror.Core.Errors;

namespace OciMirror.Core.Operations
{
    /// <summary>The outcome of one artifact of an export or import. Immutable once reported.</summary>
    public sealed class ArtifactResult
    {
        /// <summary>The input as the user gave it (a line of refs.txt, a bundle entry name).</summary>
        public string Input { get; init; } = string.Empty;

        /// <summary>The normalized source reference, or null when the input did not parse.</summary>
        public string? Source { get; init; }

        /// <summary>Where it went: the full destination reference, or the bundle path.</summary>
        public string? Destination { get; init; }

        /// <summary>Digest of the root manifest or index.</summary>
        public string? Digest { get; init; }

        /// <summary>Media type of the root.</summary>
        public string? MediaType { get; init; }

        /// <summary>artifactType (or non-image config type) for artifacts, else null.</summary>
        public string? ArtifactType { get; init; }

        /// <summary>Total size of all unique content of the artifact (root, children, blobs).</summary>
        public long Size { get; init; }

        /// <summary>
        /// Platforms of an index (<c>linux/amd64</c>, <c>linux/arm64/v8:el9</c>…); empty for a single manifest. With a
        /// platform selection: the platforms selected.
        /// </summary>
        public IReadOnlyList<string> Platforms { get; init; } = Array.Empty<string>();

        /// <summary>
        /// With a platform selection that copied something else than what the reference resolved to (a child of
        /// an index, a filtered index): the digest the reference resolved to; else null.
        /// </summary>
        public string? ResolvedDigest { get; init; }

        /// <summary>What a platform selection did, in one sentence (for example "the artifact is that child manifest"); null without one.</summary>
        public string? Note { get; init; }

        public ArtifactStatus Status { get; init; }

        /// <summary>Blobs and manifests transferred by this artifact (not counting ones another artifact of the batch transferred).</summary>
        public int NodesCopied { get; init; }

        /// <summary>Blobs and manifests that were present already (or copied by another artifact of the batch).</summary>
        public int NodesSkipped { get; init; }

        /// <summary>Bytes of the artifact the destination lacked when it was planned: what a copy moves at most (what a dry run would move).</summary>
        public long MissingBytes { get; init; }

        /// <summary>Bytes transferred for this artifact.</summary>
        public long BytesCopied { get; init; }

        /// <summary>The failure, when <see cref="Status"/> is Failed.</summary>
        public OciException? Error { get; init; }
    }
}
