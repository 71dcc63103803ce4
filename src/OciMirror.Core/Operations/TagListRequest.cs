using System;
using System.Collections.Generic;
using OciMirror.Core.Registry;

namespace OciMirror.Core.Operations
{
    /// <summary>List the tags of one repository, optionally filtered by wildcard patterns (<c>*</c>, <c>?</c>).</summary>
    public sealed class TagListRequest
    {
        /// <summary>The repository (<c>nginx</c>, <c>ghcr.io/org/app</c>); a tag or digest in it is ignored.</summary>
        public string Repository { get; set; } = string.Empty;

        /// <summary>Keep only tags matching one of these wildcard patterns; empty keeps all.</summary>
        public IReadOnlyList<string> Include { get; set; } = Array.Empty<string>();

        /// <summary>Drop tags matching one of these wildcard patterns.</summary>
        public IReadOnlyList<string> Exclude { get; set; } = Array.Empty<string>();

        /// <summary>Also resolve each tag's digest (one HEAD request per tag).</summary>
        public bool ResolveDigests { get; set; }

        public RegistryAccessOptions Source { get; set; } = new RegistryAccessOptions();
    }
}
