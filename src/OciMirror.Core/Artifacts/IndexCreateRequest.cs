using System;
using System.Collections.Generic;
using OciMirror.Core.Registry;

namespace OciMirror.Core.Artifacts
{
    /// <summary>
    /// Compose an OCI image index from manifests in registries and bundles (oras issue 1202: per-platform builds
    /// combined into one multi-platform artifact), write it with its manifests to a registry or a bundle, and name it.
    /// </summary>
    public sealed class IndexCreateRequest
    {
        private int _concurrency = 4;

        /// <summary>Where to write: <c>registry/repository:tag</c> or a bundle <c>oci:PATH:registry/repository:tag</c>.</summary>
        public string Destination { get; set; } = string.Empty;

        /// <summary>The manifests, in entry order (at least one).</summary>
        public IReadOnlyList<IndexSource> Manifests { get; set; } = Array.Empty<IndexSource>();

        /// <summary>Annotations of the index.</summary>
        public IReadOnlyDictionary<string, string> Annotations { get; set; } = new Dictionary<string, string>();

        /// <summary>The index's <c>artifactType</c>, or null for none.</summary>
        public string? ArtifactType { get; set; }

        /// <summary>How to reach the registries.</summary>
        public RegistryAccessOptions Access { get; set; } = new RegistryAccessOptions();

        /// <summary>Parallel transfers (default 4; must be 1–64).</summary>
        public int Concurrency
        {
            get => _concurrency;
            set => _concurrency = value >= 1 && value <= 64 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "Concurrency must be between 1 and 64.");
        }
    }
}
