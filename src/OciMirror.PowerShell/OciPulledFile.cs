namespace OciMirror.PowerShell
{
    /// <summary>What Save-OciArtifact writes for each file or directory it pulled. Plain strings and numbers only.</summary>
    public sealed class OciPulledFile
    {
        /// <summary>The artifact the file came from, as given.</summary>
        public string Reference { get; set; } = string.Empty;

        /// <summary>The layer's title (<c>org.opencontainers.image.title</c>): the relative path written.</summary>
        public string Title { get; set; } = string.Empty;

        /// <summary>The full path written: a file, or the directory a directory layer was unpacked into.</summary>
        public string Path { get; set; } = string.Empty;

        /// <summary>The layer digest.</summary>
        public string Digest { get; set; } = string.Empty;

        /// <summary>The layer media type.</summary>
        public string MediaType { get; set; } = string.Empty;

        /// <summary>The layer size in bytes (compressed size for a directory).</summary>
        public long Size { get; set; }

        /// <summary>True for a directory layer unpacked into <see cref="Path"/>.</summary>
        public bool Unpacked { get; set; }

        /// <summary><c>Written</c>, or <c>Current</c> when the file was already there with the same digest (nothing downloaded).</summary>
        public string Status { get; set; } = string.Empty;

        public override string ToString() => Path;
    }
}
