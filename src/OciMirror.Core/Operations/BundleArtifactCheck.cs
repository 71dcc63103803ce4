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

        /// <summary>
        /// For an index of which the bundle holds some platforms' manifests but not others (Docker 25+
        /// <c>docker save</c>): the absent ones, as <c>os/arch[/variant]</c> (or digest). Not damage: import
        /// takes the one platform present. Empty otherwise.
        /// </summary>
        public IReadOnlyList<string> AbsentPlatforms { get; init; } = Array.Empty<string>();

        /// <summary>
        /// A remark that is not damage, or null: for an entry whose media type is not an image or index, what
        /// was checked and that import leaves it out.
        /// </summary>
        public string? Note { get; init; }

        /// <summary>Digests of the bad blobs this entry depends on (details in the report's BadBlobs).</summary>
        public IReadOnlyList<string> BadBlobs { get; init; } = Array.Empty<string>();
    }
}
