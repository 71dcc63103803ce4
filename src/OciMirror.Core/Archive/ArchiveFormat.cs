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

        /// <summary>A zstd-compressed tar of the layout (.tar.zst, .tzst), possibly many zstd frames (Hauler's haul.tar.zst too).</summary>
        TarZstd,

        /// <summary>An xz-compressed tar (.tar.xz, .txz): read (import, list, verify), never written.</summary>
        TarXz,

        /// <summary>A bzip2-compressed tar (.tar.bz2, .tbz2): read (import, list, verify), never written.</summary>
        TarBzip2,
    }
}
