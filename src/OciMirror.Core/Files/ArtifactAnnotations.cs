namespace OciMirror.Core.Files
{
    /// <summary>Annotation keys and defaults of file artifacts (image-spec annotations.md; oras's defaults).</summary>
    public static class ArtifactAnnotations
    {
        /// <summary>The file name a layer is pulled back as.</summary>
        public const string Title = "org.opencontainers.image.title";

        /// <summary>The media type of a file layer when none is given (oras: application/vnd.oci.image.layer.v1.tar).</summary>
        public const string DefaultFileMediaType = "application/vnd.oci.image.layer.v1.tar";

        /// <summary>The media type of a directory layer when none is given (oras: tar+gzip).</summary>
        public const string DefaultDirectoryMediaType = "application/vnd.oci.image.layer.v1.tar+gzip";

        /// <summary>The media type of a config file when none is given (oras: application/vnd.unknown.config.v1+json).</summary>
        public const string DefaultConfigMediaType = "application/vnd.unknown.config.v1+json";

        /// <summary>The artifactType of an OCI 1.1 artifact without config and without an artifact type (oras).</summary>
        public const string UnknownArtifactType = "application/vnd.unknown.artifact.v1";
    }
}
