namespace OciMirror.Core.Model
{
    /// <summary>Size limits shared by every component.</summary>
    public static class OciLimits
    {
        /// <summary>
        /// Largest manifest or index read into memory: 4 MiB, the limit of the distribution registry and
        /// of oras-go's MaxMetadataBytes. Larger ones are refused rather than buffered.
        /// </summary>
        public const long MaxManifestBytes = 4 * 1024 * 1024;
    }
}
