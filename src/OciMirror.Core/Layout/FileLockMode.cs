namespace OciMirror.Core.Layout
{
    /// <summary>How a <see cref="FileLock"/> is held.</summary>
    internal enum FileLockMode
    {
        /// <summary>Many holders at once (readers of a bundle that a committer must not replace under them); excludes Exclusive.</summary>
        Shared,

        /// <summary>One holder (a writer changing index.json, creating a bundle, replacing an archive or removing debris).</summary>
        Exclusive,
    }
}
