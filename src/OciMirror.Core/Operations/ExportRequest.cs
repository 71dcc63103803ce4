using System;
using System.Collections.Generic;
using OciMirror.Core.Platforms;
using OciMirror.Core.Registry;

namespace OciMirror.Core.Operations
{
    /// <summary>
    /// Export references from registries into one bundle directory. Blank lines and lines starting with
    /// <c>#</c> in <see cref="References"/> are ignored; malformed ones fail individually.
    /// </summary>
    public sealed class ExportRequest
    {
        private int _concurrency = 4;

        /// <summary>References as typed by the user (tags, digests, full names).</summary>
        public IReadOnlyList<string> References { get; set; } = Array.Empty<string>();

        /// <summary>
        /// The bundle: a directory (created on the first write; an existing file is refused) or an archive
        /// file (.tar, .tgz, .tar.gz, .tar.zst, .tzst; written to a temporary file next to it and renamed over it at the
        /// end). An existing archive is extended (incremental export): its content is kept and only what
        /// it lacks is downloaded.
        /// </summary>
        public string BundlePath { get; set; } = string.Empty;

        /// <summary>
        /// Directory, Tar, TarGzip or TarZstd; null (the default) decides from <see cref="BundlePath"/>'s
        /// extension (.tar, .tgz/.tar.gz, .tar.zst/.tzst, anything else a directory). TarXz and TarBzip2
        /// are only read: asking for them is refused with InvalidDestination.
        /// </summary>
        public Archive.ArchiveFormat? Format { get; set; }

        /// <summary>
        /// When set, the archive (Tar, TarGzip or TarZstd; Directory is refused with InvalidDestination) is written
        /// to this stream instead of a file, in one pass, and <see cref="BundlePath"/> is only a display
        /// name (the CLI's "-" for stdout). With <see cref="Format"/> null the format comes from that name's
        /// extension, and is Tar when it has none. Never incremental. Nothing is written when no artifact
        /// was exported (all declined or failed). The operation does not dispose it.
        /// </summary>
        public System.IO.Stream? OutputStream { get; set; }

        /// <summary>
        /// When set, the archive is written as split volumes <c>BundlePath.001</c>, <c>.002</c>, … of at
        /// most this many bytes each (media with a file-size limit: FAT32 holds no file of 4 GiB or more);
        /// see <see cref="Volumes.SplitSize.Parse"/> for "4095M". Any archive format; refused with
        /// InvalidDestination for a Directory bundle or an <see cref="OutputStream"/>. An existing set of
        /// that name is extended (incremental export) and replaced by the new set. Null (default): one file.
        /// </summary>
        public long? SplitSize { get; set; }
        /// Which platforms of multi-platform images to export (DESIGN §5); default <see cref="PlatformFilter.None"/>:
        /// every platform, byte-identical. One platform of an index exports that child manifest under the
        /// reference's name; several keep the index whole unless the filter asks for a filtered index.
        /// </summary>
        public PlatformFilter Platforms { get; set; } = PlatformFilter.None;

        /// <summary>How to reach the source registries.</summary>
        public RegistryAccessOptions Source { get; set; } = new RegistryAccessOptions();

        /// <summary>Parallel blob transfers (default 4; must be 1–64).</summary>
        public int Concurrency
        {
            get => _concurrency;
            set => _concurrency = value >= 1 && value <= 64 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "Concurrency must be between 1 and 64.");
        }
    }
}
