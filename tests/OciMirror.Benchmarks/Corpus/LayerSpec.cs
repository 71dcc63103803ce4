namespace OciMirror.Benchmarks.Corpus
{
    /// <summary>
    /// A generated layer: <see cref="RawSize"/> pseudo-random bytes (seeded) inside one stored gzip member.
    /// It is real gzip, so skopeo sees a compressed layer and never recompresses it, and it is
    /// incompressible, like a real compressed layer. Digest and size are known once generated.
    /// </summary>
    internal sealed class LayerSpec
    {
        public LayerSpec(ulong seed, long rawSize)
        {
            Seed = seed;
            RawSize = rawSize;
        }

        public ulong Seed { get; }

        public long RawSize { get; }

        /// <summary>sha256 of the gzip bytes, set by <see cref="LayerGenerator.MeasureAsync"/>.</summary>
        public string Digest { get; set; } = string.Empty;

        /// <summary>Size of the gzip bytes, set by <see cref="LayerGenerator.MeasureAsync"/>.</summary>
        public long Size { get; set; }
    }
}
