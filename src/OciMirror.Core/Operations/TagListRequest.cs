using System;
using System.Collections.Generic;
using OciMirror.Core.Registry;
using OciMirror.Core.Selection;

namespace OciMirror.Core.Operations
{
    /// <summary>List the tags of one repository, optionally narrowed by a <see cref="TagSelection"/>.</summary>
    public sealed class TagListRequest
    {
        /// <summary>The repository (<c>nginx</c>, <c>ghcr.io/org/app</c>); a tag or digest in it is ignored.</summary>
        public string Repository { get; set; } = string.Empty;

        /// <summary>Which tags to keep: patterns, regular expressions, semver range, latest-N, digest tags. Default: all.</summary>
        public TagSelection Selection { get; set; } = new TagSelection();

        /// <summary>Shorthand added to <see cref="Selection"/>'s include wildcards: keep only tags matching one of these.</summary>
        public IReadOnlyList<string> Include { get; set; } = Array.Empty<string>();

        /// <summary>Shorthand added to <see cref="Selection"/>'s exclude wildcards: drop tags matching one of these.</summary>
        public IReadOnlyList<string> Exclude { get; set; } = Array.Empty<string>();

        /// <summary>Also resolve each tag's digest (one HEAD request per tag).</summary>
        public bool ResolveDigests { get; set; }

        public RegistryAccessOptions Source { get; set; } = new RegistryAccessOptions();
    }
}
