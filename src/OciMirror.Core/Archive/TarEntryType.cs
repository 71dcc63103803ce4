namespace OciMirror.Core.Archive
{
    /// <summary>What a tar entry is, from its typeflag (POSIX ustar plus GNU/v7 spellings).</summary>
    public enum TarEntryType
    {
        /// <summary>'0', NUL (v7) or '7' (contiguous file, read as regular).</summary>
        RegularFile,

        /// <summary>'5', or a v7 regular entry whose name ends with '/'.</summary>
        Directory,

        /// <summary>'2'.</summary>
        SymbolicLink,

        /// <summary>'1'.</summary>
        HardLink,

        /// <summary>'3'.</summary>
        CharacterDevice,

        /// <summary>'4'.</summary>
        BlockDevice,

        /// <summary>'6'.</summary>
        Fifo,

        /// <summary>Any other typeflag (GNU sparse 'S', volume label 'V', vendor extensions); see <see cref="TarEntry.TypeFlag"/>.</summary>
        Other,
    }
}
