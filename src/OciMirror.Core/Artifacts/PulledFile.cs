namespace OciMirror.Core.Artifacts
{
    /// <summary>One file or directory written by a pull.</summary>
    public sealed class PulledFile
    {
        /// <summary>The layer's <c>org.opencontainers.image.title</c>.</summary>
        public string Title { get; init; } = string.Empty;

        /// <summary>The full path written (a file, or the directory a directory layer was unpacked into).</summary>
        public string Path { get; init; } = string.Empty;

        /// <summary>The layer digest.</summary>
        public string Digest { get; init; } = string.Empty;

        /// <summary>The layer media type.</summary>
        public string MediaType { get; init; } = string.Empty;

        /// <summary>The layer size (compressed size for a directory).</summary>
        public long Size { get; init; }

        /// <summary>True when the layer was a directory tarball unpacked into <see cref="Path"/>.</summary>
        public bool Unpacked { get; init; }

        /// <summary>True when the file was already there with the same digest, so nothing was downloaded.</summary>
        public bool Skipped { get; init; }
    }
}
