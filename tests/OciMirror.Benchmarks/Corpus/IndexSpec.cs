using System.Collections.Generic;

namespace OciMirror.Benchmarks.Corpus
{
    /// <summary>A multi-platform root: an OCI index or a Docker manifest list over untagged images.</summary>
    internal sealed class IndexSpec
    {
        public IndexSpec(string repository, string tag, bool oci, IReadOnlyList<ImageSpec> children)
        {
            Repository = repository;
            Tag = tag;
            Oci = oci;
            Children = children;
        }

        public string Repository { get; }

        public string Tag { get; }

        public bool Oci { get; }

        public IReadOnlyList<ImageSpec> Children { get; }
    }
}
