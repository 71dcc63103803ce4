using System;
using OciMirror.Core.Errors;
using OciMirror.Core.Model;

namespace OciMirror.Core.Archive
{
    /// <summary>
    /// The path policy for entries of a bundle archive: validates a tar entry's name and type and
    /// classifies it. Hostile entries are refused with <see cref="OciException"/> (InvalidLayout) naming
    /// the entry: absolute paths (<c>/x</c>, <c>C:\x</c>, <c>C:x</c>, <c>\\server</c>), <c>..</c>, <c>.</c> or empty
    /// segments, backslashes, NUL, symbolic and hard links, devices, fifos and unknown entry types, and
    /// layout names of the wrong type. Everything else is accepted as a <see cref="BundleEntryKind"/>;
    /// entries outside the layout are <see cref="BundleEntryKind.Unrecognized"/> (skip with a warning),
    /// so docker save's extras are not fatal. Nothing is ever extracted by name, but the rules are the
    /// ones that would keep an extraction inside its target.
    /// </summary>
    public sealed class BundleEntryName
    {
        private BundleEntryName(string rawName, string name, BundleEntryKind kind, Digest? digest, string? skipReason, long? headerOffset)
        {
            RawName = rawName;
            Name = name;
            Kind = kind;
            Digest = digest;
            SkipReason = skipReason;
            HeaderOffset = headerOffset;
        }

        /// <summary>The name as recorded in the archive.</summary>
        public string RawName { get; }

        /// <summary>The normalized name: leading <c>./</c> and trailing <c>/</c> removed; the root directory is <c>.</c>.</summary>
        public string Name { get; }

        /// <summary>What the entry is.</summary>
        public BundleEntryKind Kind { get; }

        /// <summary>The blob's digest, parsed from its path, for <see cref="BundleEntryKind.Blob"/>; otherwise null.</summary>
        public Digest? Digest { get; }

        /// <summary>Why an <see cref="BundleEntryKind.Unrecognized"/> entry is skipped (for the warning); otherwise null.</summary>
        public string? SkipReason { get; }

        /// <summary>Offset of the entry's header in the archive, when known.</summary>
        public long? HeaderOffset { get; }

        /// <summary>Classifies an entry returned by <see cref="TarReader"/>.</summary>
        /// <exception cref="OciException">InvalidLayout: the entry is refused (see the class remarks).</exception>
        public static BundleEntryName Classify(TarEntry entry, string? archiveName = null)
        {
            if (entry == null)
            {
                throw new ArgumentNullException(nameof(entry));
            }

            return Classify(entry.Name, entry.Type, archiveName, entry.HeaderOffset, entry.LinkName, entry.TypeFlag);
        }

        /// <summary>Classifies a name and type from any source (a tar entry, a file of a directory layout).</summary>
        /// <exception cref="OciException">InvalidLayout: the entry is refused (see the class remarks).</exception>
        public static BundleEntryName Classify(string name, TarEntryType type, string? archiveName = null, long? headerOffset = null,
            string? linkName = null, char typeFlag = '0')
        {
            string at = headerOffset.HasValue ? $" (header at offset {headerOffset})" : string.Empty;
            OciException Refuse(string why) => ArchiveErrors.Invalid(archiveName, $"refusing entry '{Diagnostics.TerminalText.Escape(name)}'{at}: {why}.");

            if (string.IsNullOrEmpty(name))
            {
                throw Refuse("the name is empty");
            }

            if (name.IndexOf('\0') >= 0)
            {
                throw Refuse("the name contains a NUL character");
            }

            if (name.IndexOf('\\') >= 0)
            {
                throw Refuse("the name contains a backslash, which Windows reads as a path separator");
            }

            if (name[0] == '/' || (name.Length >= 2 && name[1] == ':' && char.IsLetter(name[0])))
            {
                throw Refuse("the name is an absolute path");
            }

            string normalized = name;
            while (normalized.StartsWith("./", StringComparison.Ordinal))
            {
                normalized = normalized.Substring(2);
            }

            normalized = normalized.TrimEnd('/');
            if (normalized.Length == 0 || normalized == ".")
            {
                normalized = ".";
            }
            else
            {
                foreach (string segment in normalized.Split('/'))
                {
                    if (segment == "..")
                    {
                        throw Refuse("the name contains a '..' segment that could escape the bundle");
                    }

                    if (segment.Length == 0 || segment == ".")
                    {
                        throw Refuse("the name contains an empty or '.' segment");
                    }
                }
            }

            switch (type)
            {
                case TarEntryType.SymbolicLink:
                    throw Refuse($"symbolic links (to '{Diagnostics.TerminalText.Escape(linkName ?? string.Empty)}') are not allowed in a bundle");
                case TarEntryType.HardLink:
                    throw Refuse($"hard links (to '{Diagnostics.TerminalText.Escape(linkName ?? string.Empty)}') are not allowed in a bundle");
                case TarEntryType.CharacterDevice:
                case TarEntryType.BlockDevice:
                case TarEntryType.Fifo:
                    throw Refuse($"{type} entries are not allowed in a bundle");
                case TarEntryType.Other:
                    throw Refuse($"entry type '{Diagnostics.TerminalText.Escape(typeFlag.ToString())}' is not supported in a bundle");
            }

            return ClassifyPath(name, normalized, type == TarEntryType.Directory, headerOffset, Refuse);
        }

        private static BundleEntryName ClassifyPath(string raw, string name, bool isDirectory, long? offset, Func<string, OciException> refuse)
        {
            string[] parts = name == "." ? Array.Empty<string>() : name.Split('/');
            BundleEntryName Make(BundleEntryKind kind, Digest? digest = null, string? reason = null) =>
                new BundleEntryName(raw, name, kind, digest, reason, offset);

            bool layoutDirectory = parts.Length == 0 || (parts[0] == "blobs" && parts.Length <= 2);
            bool layoutFile = (parts.Length == 1 && (parts[0] == "oci-layout" || parts[0] == "index.json"))
                || (parts.Length == 3 && parts[0] == "blobs");
            if (isDirectory)
            {
                if (layoutFile)
                {
                    throw refuse("a directory where the OCI layout has a file");
                }

                return layoutDirectory ? Make(BundleEntryKind.Directory)
                    : Make(BundleEntryKind.Unrecognized, reason: "a directory that is not part of an OCI layout");
            }

            if (layoutDirectory)
            {
                throw refuse("a file where the OCI layout has a directory");
            }

            if (parts.Length == 1 && parts[0] == "oci-layout")
            {
                return Make(BundleEntryKind.LayoutMarker);
            }

            if (parts.Length == 1 && parts[0] == "index.json")
            {
                return Make(BundleEntryKind.Index);
            }

            if (parts.Length == 3 && parts[0] == "blobs")
            {
                return Model.Digest.TryParse(parts[1] + ":" + parts[2], out Digest digest, out string? error)
                    ? Make(BundleEntryKind.Blob, digest)
                    : Make(BundleEntryKind.Unrecognized, reason: $"a file under blobs/ whose name is not a valid digest ({error})");
            }

            return Make(BundleEntryKind.Unrecognized, reason: "a file that is not part of an OCI layout");
        }

        public override string ToString() => Name;
    }
}
