using System;
using System.Collections.Generic;
using OciMirror.Core.Errors;

namespace OciMirror.Core.Artifacts
{
    /// <summary>The outcome of a pull.</summary>
    public sealed class PullResult
    {
        /// <summary>The location as given.</summary>
        public string Source { get; init; } = string.Empty;

        /// <summary>The digest of the manifest whose files were pulled (the platform's child for an index).</summary>
        public string? Digest { get; init; }

        /// <summary>The artifactType (or config media type) of the manifest.</summary>
        public string? ArtifactType { get; init; }

        /// <summary>What a platform selection did, or null.</summary>
        public string? Note { get; init; }

        /// <summary>The files written or found current, in layer order.</summary>
        public IReadOnlyList<PulledFile> Files { get; init; } = Array.Empty<PulledFile>();

        /// <summary>Layers without a title, which have no file name and are not written.</summary>
        public int UntitledLayers { get; init; }

        /// <summary>True when nothing was written because ShouldProcess declined.</summary>
        public bool Declined { get; init; }

        /// <summary>The failure, or null. Files already written before it stay (each one complete and verified).</summary>
        public OciException? Error { get; init; }
    }
}
