namespace OciMirror.Core.Model
{
    /// <summary>Annotation keys used to name content in an OCI layout (DESIGN §4).</summary>
    public static class OciAnnotations
    {
        /// <summary>The tag (or, from some tools, the full reference) of an index.json entry.</summary>
        public const string RefName = "org.opencontainers.image.ref.name";

        /// <summary>The full normalized reference, containerd/docker convention.</summary>
        public const string ContainerdImageName = "io.containerd.image.name";
    }
}
