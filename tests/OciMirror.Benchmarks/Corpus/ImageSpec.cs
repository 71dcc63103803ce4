using System.Collections.Generic;

namespace OciMirror.Benchmarks.Corpus
{
    /// <summary>An image of the corpus: Docker schema 2 or OCI, its layers, its platform; tagged, or a child of an index.</summary>
    internal sealed class ImageSpec
    {
        public ImageSpec(string repository, string? tag, bool oci, string architecture, IReadOnlyList<LayerSpec> layers)
        {
            Repository = repository;
            Tag = tag;
            Oci = oci;
            Architecture = architecture;
            Layers = layers;
        }

        public string Repository { get; }

        /// <summary>The tag, or null for an index child (pushed by digest).</summary>
        public string? Tag { get; }

        public bool Oci { get; }

        public string Architecture { get; }

        public IReadOnlyList<LayerSpec> Layers { get; }
    }
}
