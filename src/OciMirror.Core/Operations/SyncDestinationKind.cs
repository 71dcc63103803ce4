namespace OciMirror.Core.Operations
{
    /// <summary>What the destination of a sync is.</summary>
    public enum SyncDestinationKind
    {
        /// <summary>Decided by <see cref="SyncEndpoints.DestinationKindOf"/>.</summary>
        Auto,

        /// <summary>A registry, <c>host[:port][/prefix]</c>.</summary>
        Registry,

        /// <summary>A bundle: a directory, .tar or .tgz (written as export writes it).</summary>
        Bundle,
    }
}
