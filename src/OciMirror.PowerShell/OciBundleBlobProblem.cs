namespace OciMirror.PowerShell
{
    /// <summary>
    /// One problem found by <c>Test-OciBundle -Detailed</c>: a bad blob (each reported once, however many
    /// entries depend on it) or a problem of the layout itself (<see cref="Kind"/> <c>Layout</c>: oci-layout
    /// or index.json missing or invalid, a hostile or unexpected archive entry).
    /// </summary>
    public sealed class OciBundleBlobProblem
    {
        /// <summary>The bundle (directory, .tar or .tgz) as a file-system path.</summary>
        public string Path { get; set; } = string.Empty;

        /// <summary>The digest the blob is named by or referred to by; null for a Layout problem.</summary>
        public string? Digest { get; set; }

        /// <summary><c>Missing</c>, <c>DigestMismatch</c>, <c>SizeMismatch</c>, <c>Unreadable</c> or <c>Layout</c>.</summary>
        public string Kind { get; set; } = string.Empty;

        /// <summary>The file or archive entry (<c>blobs/sha256/…</c>), or the manifest that refers to a missing blob.</summary>
        public string? Location { get; set; }

        /// <summary>A sentence naming the blob or entry and what is wrong.</summary>
        public string Message { get; set; } = string.Empty;

        public override string ToString() => Message;
    }
}
