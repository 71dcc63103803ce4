namespace OciMirror.Core.Operations
{
    /// <summary>What is wrong with one blob of a bundle.</summary>
    public enum BlobProblemKind
    {
        /// <summary>A manifest or index refers to it but the bundle does not hold it.</summary>
        Missing,

        /// <summary>Its bytes do not hash to its name.</summary>
        DigestMismatch,

        /// <summary>Its length differs from the size a descriptor declares.</summary>
        SizeMismatch,

        /// <summary>It cannot be read or parsed (a truncated entry, a manifest that is not JSON, over 4 MiB).</summary>
        Unreadable,
    }
}
