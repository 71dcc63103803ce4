using System;
using System.Collections.Generic;

namespace OciMirror.Core.Operations
{
    /// <summary>The verification result of one named root of a bundle.</summary>
    public sealed class BundleArtifactCheck
    {
        /// <summary>The entry's name (full name, tag, or digest for an untagged entry).</summary>
        public string Reference { get; init; } = string.Empty;

        public string Digest { get; init; } = string.Empty;

        /// <summary>True when the root and everything under it is present and verified.</summary>
        public bool IsValid { get; init; }

        /// <summary>Digests of the bad blobs this entry depends on (details in the report's BadBlobs).</summary>
        public IReadOnlyList<string> BadBlobs { get; init; } = Array.Empty<string>();

        /// <summary>Sentences that are worth saying but are not damage, for example that the entry is a referrer whose subject the bundle does not hold.</summary>
        public IReadOnlyList<string> Notes { get; init; } = Array.Empty<string>();
    }
}
