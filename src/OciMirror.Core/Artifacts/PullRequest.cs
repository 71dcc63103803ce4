using System;
using OciMirror.Core.Platforms;
using OciMirror.Core.Registry;

namespace OciMirror.Core.Artifacts
{
    /// <summary>
    /// Pull the files of an artifact back into a directory by their titles (<c>org.opencontainers.image.title</c>),
    /// from a registry or a bundle. Directory layers are unpacked. Existing files are replaced; files already
    /// identical are not downloaded again.
    /// </summary>
    public sealed class PullRequest
    {
        private int _concurrency = 4;

        /// <summary><c>registry/repository:tag</c>, <c>…@digest</c>, or a bundle <c>oci:PATH[:NAME]</c> (see <see cref="ArtifactLocation"/>).</summary>
        public string Source { get; set; } = string.Empty;

        /// <summary>The directory to write into; created when missing. Default: the current directory.</summary>
        public string OutputDirectory { get; set; } = ".";

        /// <summary>For an index: the one platform whose manifest to pull (see <see cref="PlatformFilter"/>). Default none: an index is refused with the list of its platforms.</summary>
        public PlatformFilter Platforms { get; set; } = PlatformFilter.None;

        /// <summary>How to reach the registry.</summary>
        public RegistryAccessOptions Access { get; set; } = new RegistryAccessOptions();

        /// <summary>Parallel downloads (default 4; must be 1–64).</summary>
        public int Concurrency
        {
            get => _concurrency;
            set => _concurrency = value >= 1 && value <= 64 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "Concurrency must be between 1 and 64.");
        }
    }
}
