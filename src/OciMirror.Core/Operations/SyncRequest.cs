using System;
using OciMirror.Core.Archive;
using OciMirror.Core.Platforms;
using OciMirror.Core.Registry;
using OciMirror.Core.Selection;

namespace OciMirror.Core.Operations
{
    /// <summary>
    /// A declarative sync (DESIGN §13): from a sync file, one repository (all its tags, or those
    /// <see cref="Selection"/> keeps) or a bundle, to a registry or a bundle. Registry → registry streams through
    /// the copy engine; registry → bundle is an export of the selected tags; bundle → registry is an import.
    /// </summary>
    public sealed class SyncRequest
    {
        private int _concurrency = 4;

        /// <summary>A sync file (YAML), a repository (<c>registry/repo</c>, or one reference with a tag or digest), or a bundle path.</summary>
        public string Source { get; set; } = string.Empty;

        /// <summary>How to read <see cref="Source"/>; Auto (the default) decides with <see cref="SyncEndpoints.SourceKindOf"/>.</summary>
        public SyncSourceKind SourceKind { get; set; }

        /// <summary>For a repository source: which tags to take. Default: every tag. Not allowed with other sources.</summary>
        public TagSelection? Selection { get; set; }

        /// <summary>The destination registry <c>host[:port][/prefix]</c>, or a bundle path (directory, .tar, .tgz).</summary>
        public string Destination { get; set; } = string.Empty;

        /// <summary>How to read <see cref="Destination"/>; Auto (the default) decides with <see cref="SyncEndpoints.DestinationKindOf"/>.</summary>
        public SyncDestinationKind DestinationKind { get; set; }

        /// <summary>For a bundle destination: Directory, Tar or TarGzip; null decides from the extension, as export does.</summary>
        public ArchiveFormat? Format { get; set; }

        /// <summary>
        /// Which platforms of multi-platform images to copy (DESIGN §5) for every entry that does not name its own
        /// (a sync file's <c>platforms</c>); its FilterIndex and PreserveDigests also apply to those entries.
        /// Default <see cref="PlatformFilter.None"/>: every platform, byte-identical.
        /// </summary>
        public PlatformFilter Platforms { get; set; } = PlatformFilter.None;

        /// <summary>Keep the source registry as the first path segment under a registry destination (a port's ':' becomes '_').</summary>
        public bool Scoped { get; set; }

        /// <summary>How to reach the source registries; a sync file's per-registry settings override it for their registry.</summary>
        public RegistryAccessOptions SourceAccess { get; set; } = new RegistryAccessOptions();

        /// <summary>How to reach the destination registry; a sync file's per-registry settings override it for their registry.</summary>
        public RegistryAccessOptions TargetAccess { get; set; } = new RegistryAccessOptions();

        /// <summary>Parallel transfers (default 4; must be 1–64).</summary>
        public int Concurrency
        {
            get => _concurrency;
            set => _concurrency = value >= 1 && value <= 64 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "Concurrency must be between 1 and 64.");
        }
    }
}
