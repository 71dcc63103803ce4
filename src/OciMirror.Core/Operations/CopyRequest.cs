using System;
using System.Collections.Generic;
using OciMirror.Core.Platforms;
using OciMirror.Core.Registry;

namespace OciMirror.Core.Operations
{
    /// <summary>
    /// Copy references from registries to a registry, without a bundle in between. Either
    /// <see cref="Destination"/> (<c>host[:port][/prefix]</c>: each reference keeps its repository path under it,
    /// DESIGN §5) or <see cref="DestinationReference"/> (one reference, renamed) is set. Blank lines and lines
    /// starting with <c>#</c> in <see cref="References"/> are ignored; malformed ones fail individually.
    /// </summary>
    public sealed class CopyRequest
    {
        private int _concurrency = 4;

        /// <summary>Source references as typed by the user (tags, digests, full names).</summary>
        public IReadOnlyList<string> References { get; set; } = Array.Empty<string>();

        /// <summary><c>host[:port][/prefix]</c>; each reference keeps its repository path under it.</summary>
        public string? Destination { get; set; }

        /// <summary>
        /// The one destination of a single-reference copy (<c>host/repo[:tag]</c>); without a tag the source's tag
        /// (or digest) is kept. Exclusive with <see cref="Destination"/>.
        /// </summary>
        public string? DestinationReference { get; set; }

        /// <summary>Keep the source registry as the first path segment under <see cref="Destination"/> (a port's ':' becomes '_').</summary>
        public bool Scoped { get; set; }

        /// <summary>
        /// Which platforms of multi-platform images to copy (DESIGN §5); default <see cref="PlatformFilter.None"/>:
        /// every platform, byte-identical. One platform of an index copies that child manifest (its own digest).
        /// </summary>
        public PlatformFilter Platforms { get; set; } = PlatformFilter.None;

        /// <summary>How to reach the source registries.</summary>
        public RegistryAccessOptions Source { get; set; } = new RegistryAccessOptions();

        /// <summary>How to reach the destination registry.</summary>
        public RegistryAccessOptions Target { get; set; } = new RegistryAccessOptions();

        /// <summary>Parallel transfers (default 4; must be 1–64).</summary>
        public int Concurrency
        {
            get => _concurrency;
            set => _concurrency = value >= 1 && value <= 64 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "Concurrency must be between 1 and 64.");
        }
    }
}
