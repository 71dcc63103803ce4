namespace OciMirror.Core.Credentials
{
    /// <summary>One place an auth file may be: its path, its key format, and the source name used in logs.</summary>
    internal sealed class AuthFileLocation
    {
        public AuthFileLocation(string path, AuthFileFormat format, string source, bool required)
        {
            Path = path;
            Format = format;
            Source = source;
            Required = required;
        }

        public string Path { get; }

        public AuthFileFormat Format { get; }

        /// <summary>For logs: "REGISTRY_AUTH_FILE", "docker config", "podman auth.json", "auth file".</summary>
        public string Source { get; }

        /// <summary>True for an explicit auth file: its absence is an error.</summary>
        public bool Required { get; }

        public override string ToString() => $"{Source} '{Path}'";
    }
}
