namespace OciMirror.Core.Layout
{
    /// <summary>Where a blob's bytes lie in an uncompressed tar: data offset, size and the entry name (for messages).</summary>
    internal readonly struct TarBlobLocation
    {
        public TarBlobLocation(long dataOffset, long size, string entryName)
        {
            DataOffset = dataOffset;
            Size = size;
            EntryName = entryName;
        }

        public long DataOffset { get; }

        public long Size { get; }

        public string EntryName { get; }
    }
}
