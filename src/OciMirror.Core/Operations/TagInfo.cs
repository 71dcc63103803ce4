namespace OciMirror.Core.Operations
{
    /// <summary>One tag of a repository.</summary>
    public sealed class TagInfo
    {
        public TagInfo(string registry, string repository, string tag, string? digest)
        {
            Registry = registry;
            Repository = repository;
            Tag = tag;
            Digest = digest;
        }

        public string Registry { get; }

        public string Repository { get; }

        public string Tag { get; }

        /// <summary>The digest the tag points to, when it was resolved.</summary>
        public string? Digest { get; }

        /// <summary>The full reference <c>registry/repository:tag</c>, ready to export.</summary>
        public string Reference => $"{Registry}/{Repository}:{Tag}";
    }
}
