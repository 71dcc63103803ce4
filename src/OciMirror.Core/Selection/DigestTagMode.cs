namespace OciMirror.Core.Selection
{
    /// <summary>
    /// What a tag selection does with digest tags: cosign's <c>sha256-&lt;hex&gt;.sig</c>, <c>.att</c>,
    /// <c>.sbom</c> and the OCI referrers tag schema's <c>sha256-&lt;hex&gt;</c> (see <see cref="DigestTag"/>).
    /// </summary>
    public enum DigestTagMode
    {
        /// <summary>Ordinary tags: the patterns, ranges and latest-N apply to them like to any tag.</summary>
        Include,

        /// <summary>Left out, whatever the patterns say.</summary>
        Exclude,

        /// <summary>
        /// Kept with the images they sign: a digest tag is selected exactly when its digest is the digest of a
        /// tag the selection kept (which needs those digests resolved), whatever the patterns say.
        /// </summary>
        WithImages,
    }
}
