namespace OciMirror.Core.Platforms
{
    /// <summary>What a platform selection made of the artifact a reference resolved to.</summary>
    public enum PlatformChoiceKind
    {
        /// <summary>No platform was asked for: the artifact as resolved, every platform, byte-identical.</summary>
        Unfiltered,

        /// <summary>One entry of an index was selected: that child manifest is the artifact (its own digest, nothing rewritten).</summary>
        Child,

        /// <summary>Several entries (or all) were selected and the index is copied whole, unchanged.</summary>
        WholeIndex,

        /// <summary>Several entries were selected and a filtered copy of the index was made: a new digest (opt-in).</summary>
        FilteredIndex,

        /// <summary>The reference is a single manifest whose image config has a platform that matches.</summary>
        SingleManifest,
    }
}
