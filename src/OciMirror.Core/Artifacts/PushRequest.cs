using System;
using System.Collections.Generic;
using OciMirror.Core.Files;
using OciMirror.Core.Registry;

namespace OciMirror.Core.Artifacts
{
    /// <summary>
    /// Push files and directories as one OCI artifact (the ORAS "files as artifacts" workflow) to a registry or a
    /// bundle. Defaults follow oras 1.x: without <see cref="Config"/>, an OCI 1.1 artifact with the empty config
    /// and <see cref="ArtifactType"/> (default <c>application/vnd.unknown.artifact.v1</c>); with a config and no
    /// artifact type, the config's media type is the type.
    /// </summary>
    public sealed class PushRequest
    {
        private int _concurrency = 4;

        /// <summary>
        /// Where to push: <c>registry/repository[:tag]</c> (tag default <c>latest</c>) or a bundle
        /// <c>oci:PATH:registry/repository:tag</c> (see <see cref="ArtifactLocation"/>).
        /// </summary>
        public string Destination { get; set; } = string.Empty;

        /// <summary>The files and directories, in layer order (<see cref="PushFile.Parse"/> reads <c>FILE[:MEDIATYPE]</c>).</summary>
        public IReadOnlyList<PushFile> Files { get; set; } = Array.Empty<PushFile>();

        /// <summary>The manifest's <c>artifactType</c>, or null for the default.</summary>
        public string? ArtifactType { get; set; }

        /// <summary>A config file and its media type (default <c>application/vnd.unknown.config.v1+json</c>), or null for the empty config.</summary>
        public PushFile? Config { get; set; }

        /// <summary>Manifest annotations (after those of <see cref="AnnotationFile"/>, which they override).</summary>
        public IReadOnlyDictionary<string, string> Annotations { get; set; } = new Dictionary<string, string>();

        /// <summary>An oras annotation file (<c>$manifest</c>, <c>$config</c>, per-file sections), or null.</summary>
        public string? AnnotationFile { get; set; }

        /// <summary>
        /// The manifest the artifact refers to (OCI 1.1 <c>subject</c>, making it a referrer): a tag or digest in the
        /// destination repository (or bundle), or a full reference in that same repository. Null for none.
        /// </summary>
        public string? Subject { get; set; }

        /// <summary>How to reach the registry.</summary>
        public RegistryAccessOptions Access { get; set; } = new RegistryAccessOptions();

        /// <summary>Parallel uploads (default 4; must be 1–64).</summary>
        public int Concurrency
        {
            get => _concurrency;
            set => _concurrency = value >= 1 && value <= 64 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "Concurrency must be between 1 and 64.");
        }
    }
}
