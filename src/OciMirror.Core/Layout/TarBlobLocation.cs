namespace OciMirror.Core.Layout
{
    /// <summary>Where a blob's bytes lie in an uncompressed tar: data offset and size (the entry name follows from the digest).</summary>
    internal readonly struct TarBlobLocation
    {
        public TarBlobLocation(long dataOffset, long size)
        {
            DataOffset = dataOffset;
            Size = size;
        }

        public long DataOffset { get; }

        public long Size { get; }
    }
}
