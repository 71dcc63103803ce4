namespace OciMirror.Core.Archive
{
    /// <summary>How a bundle is stored (DESIGN §4).</summary>
    public enum ArchiveFormat
    {
        /// <summary>An OCI image layout directory.</summary>
        Directory,

        /// <summary>An uncompressed tar of the layout.</summary>
        Tar,

        /// <summary>A gzip-compressed tar of the layout (.tgz, .tar.gz), possibly many gzip members.</summary>
        TarGzip,
    }
}
