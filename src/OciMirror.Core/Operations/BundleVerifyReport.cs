using System;
using System.Collections.Generic;
using System.Linq;

namespace OciMirror.Core.Operations
{
    /// <summary>What <see cref="BundleVerifyOperation"/> found. Valid only when nothing at all is wrong.</summary>
    public sealed class BundleVerifyReport
    {
        public string BundlePath { get; init; } = string.Empty;

        /// <summary>Problems of the layout itself: oci-layout or index.json missing or invalid, hostile or unexpected archive entries.</summary>
        public IReadOnlyList<string> LayoutProblems { get; init; } = Array.Empty<string>();

        /// <summary>One check per index.json entry.</summary>
        public IReadOnlyList<BundleArtifactCheck> Artifacts { get; init; } = Array.Empty<BundleArtifactCheck>();

        /// <summary>Every bad blob, each once.</summary>
        public IReadOnlyList<BlobProblem> BadBlobs { get; init; } = Array.Empty<BlobProblem>();

        /// <summary>Blobs hashed.</summary>
        public int BlobsChecked { get; init; }

        /// <summary>Bytes hashed.</summary>
        public long BytesChecked { get; init; }

        public bool IsValid => LayoutProblems.Count == 0 && BadBlobs.Count == 0 && Artifacts.All(a => a.IsValid);
    }
}
