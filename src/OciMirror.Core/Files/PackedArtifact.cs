using System.Collections.Generic;
using OciMirror.Core.Model;

namespace OciMirror.Core.Files
{
    /// <summary>What <see cref="ArtifactPacker"/> made of the files: layer and config descriptors and the annotations to write.</summary>
    internal sealed class PackedArtifact
    {
        public PackedArtifact(IReadOnlyList<Descriptor> layers, Descriptor? config, IReadOnlyDictionary<string, string> configAnnotations, IReadOnlyDictionary<string, string> manifestAnnotations)
        {
            Layers = layers;
            Config = config;
            ConfigAnnotations = configAnnotations;
            ManifestAnnotations = manifestAnnotations;
        }

        /// <summary>One descriptor per file or directory, in the order given, with title and other annotations.</summary>
        public IReadOnlyList<Descriptor> Layers { get; }

        /// <summary>The config file's descriptor, or null for the empty config.</summary>
        public Descriptor? Config { get; }

        /// <summary>Annotations of the config (<c>$config</c> of the annotation file).</summary>
        public IReadOnlyDictionary<string, string> ConfigAnnotations { get; }

        /// <summary>Annotations of the manifest: <c>$manifest</c> of the annotation file, then the ones given directly.</summary>
        public IReadOnlyDictionary<string, string> ManifestAnnotations { get; }

        /// <summary>The sum of the layer and config sizes.</summary>
        public long ContentBytes
        {
            get
            {
                long total = Config?.Size ?? 0;
                foreach (Descriptor layer in Layers)
                {
                    total += layer.Size;
                }

                return total;
            }
        }
    }
}
