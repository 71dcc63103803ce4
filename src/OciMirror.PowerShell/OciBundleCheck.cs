namespace OciMirror.PowerShell
{
    /// <summary>
    /// The verification result of one named entry of a bundle, written by <c>Test-OciBundle -Detailed</c>
    /// (one per entry, followed by one <see cref="OciBundleBlobProblem"/> per bad blob of the bundle).
    /// </summary>
    public sealed class OciBundleCheck
    {
        /// <summary>The bundle (directory, .tar or .tgz) as a file-system path.</summary>
        public string Path { get; set; } = string.Empty;

        /// <summary>The entry's name: full name, tag, or digest for an untagged entry.</summary>
        public string Reference { get; set; } = string.Empty;

        /// <summary>Digest of the entry's root manifest or index.</summary>
        public string Digest { get; set; } = string.Empty;

        /// <summary>True when the root and everything under it is present and hashes to its digest.</summary>
        public bool IsValid { get; set; }

        /// <summary>Digests of the bad blobs this entry depends on; details in the OciBundleBlobProblem objects.</summary>
        public string[] BadBlob { get; set; } = new string[0];

        /// <summary>
        /// <see cref="BadBlob"/> joined with ", " (empty when there are none): the column Export-Csv and Format-Table
        /// show readably, where the array itself would come out as <c>System.String[]</c>.
        /// </summary>
        public string BadBlobList => string.Join(", ", BadBlob);

        /// <summary>A remark that is not damage, or null: for an entry that is not an image or index, what was checked and that import leaves it out.</summary>
        public string? Note { get; set; }

        public override string ToString() => Reference + (IsValid ? ": valid" : ": damaged");
    }
}
