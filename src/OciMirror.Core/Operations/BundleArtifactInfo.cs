using System;
using System.Collections.Generic;

namespace OciMirror.Core.Operations
{
    /// <summary>One named root of a bundle, as listed by <see cref="BundleListOperation"/>.</summary>
    public sealed class BundleArtifactInfo
    {
        /// <summary>The full normalized reference, or null for tag-only and untagged entries.</summary>
        public string? FullName { get; init; }

        /// <summary>The tag, or null.</summary>
        public string? Tag { get; init; }

        /// <summary>What to pass to an import's reference filter to select exactly this entry (full name, tag or digest).</summary>
        public string Reference { get; init; } = string.Empty;

        public string Digest { get; init; } = string.Empty;

        public string MediaType { get; init; } = string.Empty;

        /// <summary>artifactType or non-image config media type, else null.</summary>
        public string? ArtifactType { get; init; }

        /// <summary>
        /// Platforms of an index (<c>linux/amd64</c>, <c>linux/arm64/v8:el9</c>…, with os.version when given); for a
        /// single manifest the platform its index.json entry records (one platform taken from an index), else empty.
        /// </summary>
        public IReadOnlyList<string> Platforms { get; init; } = Array.Empty<string>();

        /// <summary>Sum of the sizes of every unique node under the root (root included) that the bundle holds.</summary>
        public long Size { get; init; }
    }
}
