using System.Collections.Generic;
using OciMirror.Core.Model;

namespace OciMirror.Core.DockerArchive
{
    /// <summary>One image of a classic docker save archive, with the OCI manifest built for it.</summary>
    internal sealed class DockerSaveImage
    {
        public DockerSaveImage(Descriptor manifest, byte[] manifestBytes, Descriptor config, byte[] configBytes, IReadOnlyList<(Descriptor Layer, string Entry)> layers, IReadOnlyList<string> repoTags)
        {
            Manifest = manifest;
            ManifestBytes = manifestBytes;
            Config = config;
            ConfigBytes = configBytes;
            Layers = layers;
            RepoTags = repoTags;
        }

        /// <summary>The OCI image manifest built for the image: a digest no registry has seen.</summary>
        public Descriptor Manifest { get; }

        public byte[] ManifestBytes { get; }

        /// <summary>The image config as saved (its digest is the image ID).</summary>
        public Descriptor Config { get; }

        public byte[] ConfigBytes { get; }

        /// <summary>The layers in order, each with the archive entry that holds it.</summary>
        public IReadOnlyList<(Descriptor Layer, string Entry)> Layers { get; }

        /// <summary>The names manifest.json gives the image (<c>RepoTags</c>), as written (familiar form).</summary>
        public IReadOnlyList<string> RepoTags { get; }
    }
}
