using System.Collections.Generic;
using System.IO;

namespace OciMirror.Core.Archive
{
    /// <summary>
    /// One entry of a tar archive as returned by <see cref="TarReader.GetNextEntryAsync"/>, with pax and
    /// GNU extended headers already applied. Valid until the next call to GetNextEntryAsync.
    /// </summary>
    public sealed class TarEntry
    {
        internal TarEntry(string name, TarEntryType type, char typeFlag, long size, string? linkName, int mode,
            long headerOffset, long dataOffset, Stream dataStream)
        {
            Name = name;
            Type = type;
            TypeFlag = typeFlag;
            Size = size;
            LinkName = linkName;
            Mode = mode;
            HeaderOffset = headerOffset;
            DataOffset = dataOffset;
            DataStream = dataStream;
        }

        /// <summary>The entry name exactly as recorded (pax <c>path</c>, else GNU 'L', else ustar prefix/name); not normalized or validated, see <see cref="BundleEntryName"/>.</summary>
        public string Name { get; }

        /// <summary>The kind of entry.</summary>
        public TarEntryType Type { get; }

        /// <summary>The raw typeflag byte as a character ('\0' for v7 files), for messages about unknown types.</summary>
        public char TypeFlag { get; }

        /// <summary>Bytes of data that follow the header (pax <c>size</c> overrides the header field).</summary>
        public long Size { get; }

        /// <summary>The link target of a symbolic or hard link (pax <c>linkpath</c>, else GNU 'K', else the header field), or null.</summary>
        public string? LinkName { get; }

        /// <summary>The permission bits of the header (informational; never applied by this library).</summary>
        public int Mode { get; }

        /// <summary>Offset in the (uncompressed) archive of the first header block of this entry, extended headers included; used in error messages.</summary>
        public long HeaderOffset { get; }

        /// <summary>Offset in the (uncompressed) archive where the entry's data starts, so a seekable .tar can be indexed and read in place later.</summary>
        public long DataOffset { get; }

        /// <summary>
        /// A read-only, forward-only window over exactly <see cref="Size"/> bytes of data. It never reads
        /// past the entry; disposing it does not close the archive. It throws <see cref="System.InvalidOperationException"/>
        /// once the reader has moved to another entry, and <see cref="Errors.OciException"/> (InvalidLayout,
        /// "truncated") when the archive ends inside the data.
        /// </summary>
        public Stream DataStream { get; }

        /// <summary>The pax extended header records that applied to this entry (keyword → value), including vendor keywords; empty when none.</summary>
        public IReadOnlyDictionary<string, string> PaxRecords { get; internal set; } = new Dictionary<string, string>();

        public override string ToString() => $"{Name} ({Type}, {Size} bytes)";
    }
}
