using System;
using System.Collections.Generic;
using OciMirror.Core.Platforms;
using OciMirror.Core.Registry;

namespace OciMirror.Core.Operations
{
    /// <summary>
    /// Import a bundle into a registry. <see cref="Destination"/> is <c>host[:port][/prefix]</c>: each
    /// artifact keeps its repository path under the prefix (DESIGN §5); entries that carry only a tag
    /// (layouts written by skopeo or oras) or no name go to <c>host/prefix</c> as the repository.
    /// </summary>
    public sealed class ImportRequest
    {
        /// <summary>The default <see cref="StagingLimit"/>: 8 GiB.</summary>
        public const long DefaultStagingLimit = 8L * 1024 * 1024 * 1024;

        private int _concurrency = 4;
        private long _stagingLimit = DefaultStagingLimit;

        /// <summary>The bundle: an OCI layout directory, a .tar or a compressed tar: .tgz/.tar.gz, .tar.zst, .tar.xz, .tar.bz2 (detected by content).</summary>
        public string BundlePath { get; set; } = string.Empty;

        /// <summary>
        /// When set, the bundle is read from this stream (a tar or compressed tar, detected by its magic bytes) in one
        /// pass, and <see cref="BundlePath"/> is only a display name (the CLI's "-" for stdin). The
        /// operation does not dispose it.
        /// </summary>
        public System.IO.Stream? InputStream { get; set; }

        /// <summary>
        /// Where a one-pass import (a .tgz file or <see cref="InputStream"/>) uploads blobs as they stream,
        /// before index.json says which artifact they belong to, when their archive entry does not name the
        /// repository they were exported for (archives OciMirror writes name it; the blob then goes straight
        /// there and no staging repository is created): a repository path on the destination registry. Default null: <c>&lt;prefix&gt;/ocimirror-staging</c>, or <c>ocimirror-staging</c> when the
        /// destination has no prefix. Blobs are then mounted from it into each target repository (or
        /// copied registry-side when the registry declines the mount); nothing is ever tagged in it, so
        /// the registry's garbage collector reclaims its blobs once no manifest of the staging repository
        /// refers to them. The credentials need push and pull on it. Not used for directories and .tar files.
        /// </summary>
        public string? StagingRepository { get; set; }

        /// <summary>
        /// A one-pass import uploads blobs before the manifests that name them arrive (an OciMirror archive
        /// puts children before parents), straight into the repository their archive entry names, else
        /// into <see cref="StagingRepository"/>. Blobs that no manifest read so far refers to are uploaded
        /// only while their total stays within this many bytes; a blob past it is only verified, and an
        /// artifact that needs it fails saying so. Default 8 GiB; 0 means no limit; must not be negative.
        /// A hostile stream (a gzip bomb) thus cannot fill the registry with content nothing references.
        /// </summary>
        public long StagingLimit
        {
            get => _stagingLimit;
            set => _stagingLimit = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "StagingLimit must be 0 (no limit) or more.");
        }

        /// <summary><c>host[:port][/prefix]</c>.</summary>
        public string Destination { get; set; } = string.Empty;

        /// <summary>Keep the source registry as the first path segment (<c>host/docker.io/library/nginx</c>), like skopeo sync --scoped.</summary>
        public bool Scoped { get; set; }

        /// <summary>Import only these entries (full names, tags or digests); empty imports every entry.</summary>
        public IReadOnlyList<string> References { get; set; } = Array.Empty<string>();

        /// <summary>
        /// Which platforms of multi-platform entries to import (DESIGN §5); default <see cref="PlatformFilter.None"/>:
        /// every platform, byte-identical. One platform of an index imports that child manifest under the
        /// entry's name (or <see cref="Tag"/>); several keep the index whole unless the filter asks for a filtered index.
        /// </summary>
        public PlatformFilter Platforms { get; set; } = PlatformFilter.None;

        /// <summary>
        /// The tag to set on what is imported, instead of the entry's own (or for an untagged entry), for
        /// example so that the single untagged root of a layout lands under <c>v1</c>. Needs exactly one
        /// selected entry (see <see cref="References"/>); null keeps the entries' tags.
        /// </summary>
        public string? Tag { get; set; }

        /// <summary>How to reach the destination registry.</summary>
        public RegistryAccessOptions Target { get; set; } = new RegistryAccessOptions();

        /// <summary>Parallel blob transfers (default 4; must be 1–64).</summary>
        public int Concurrency
        {
            get => _concurrency;
            set => _concurrency = value >= 1 && value <= 64 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "Concurrency must be between 1 and 64.");
        }
    }
}
