namespace OciMirror.Core.Copy
{
    /// <summary>What one <see cref="CopySession.CopyAsync(Content.IReadOnlyStorage, Model.Descriptor, Content.IStorage, string, System.Threading.CancellationToken)"/> call did. Immutable.</summary>
    public sealed class CopyStats
    {
        public CopyStats(int nodesCopied, int nodesSkipped, int nodesMounted, long bytesCopied)
        {
            NodesCopied = nodesCopied;
            NodesSkipped = nodesSkipped;
            NodesMounted = nodesMounted;
            BytesCopied = bytesCopied;
        }

        /// <summary>
        /// Nodes this call transferred (pushed or mounted); mounts are included. A node found present but
        /// pushed again to repair the destination counts here, not as skipped.
        /// </summary>
        public int NodesCopied { get; }

        /// <summary>
        /// Nodes found present at the destination, or copied there by another call of the same session
        /// that this call awaited. Children of a present manifest are not visited and not counted.
        /// </summary>
        public int NodesSkipped { get; }

        /// <summary>Blobs mounted from another repository of the destination registry instead of uploaded.</summary>
        public int NodesMounted { get; }

        /// <summary>Bytes this call transferred (mounted blobs count zero; repairs count).</summary>
        public long BytesCopied { get; }
    }
}
