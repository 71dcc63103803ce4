namespace OciMirror.Core.Operations
{
    /// <summary>What the source of a sync is.</summary>
    public enum SyncSourceKind
    {
        /// <summary>Decided by <see cref="SyncEndpoints.SourceKindOf"/>.</summary>
        Auto,

        /// <summary>A sync file (YAML).</summary>
        File,

        /// <summary>A registry repository (all its tags, or a selection), or one reference.</summary>
        Repository,

        /// <summary>A bundle: an OCI layout directory or a .tar/.tgz of one.</summary>
        Bundle,
    }
}
