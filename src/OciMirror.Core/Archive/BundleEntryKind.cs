namespace OciMirror.Core.Archive
{
    /// <summary>What an accepted archive entry is in an OCI image layout (image-spec v1.1 image-layout.md).</summary>
    public enum BundleEntryKind
    {
        /// <summary>The <c>oci-layout</c> marker file.</summary>
        LayoutMarker,

        /// <summary>The <c>index.json</c> file.</summary>
        Index,

        /// <summary>A blob file <c>blobs/&lt;alg&gt;/&lt;encoded&gt;</c> with a valid digest name.</summary>
        Blob,

        /// <summary>A directory of the layout: the root (<c>./</c>), <c>blobs/</c> or <c>blobs/&lt;alg&gt;/</c>. Nothing to do.</summary>
        Directory,

        /// <summary>
        /// A harmless entry that is not part of the layout (docker save's <c>manifest.json</c> and
        /// <c>repositories</c>, a misnamed blob): the caller skips it with a warning carrying
        /// <see cref="BundleEntryName.SkipReason"/>.
        /// </summary>
        Unrecognized,
    }
}
