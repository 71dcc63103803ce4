using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Archive;
using OciMirror.Core.Errors;

namespace OciMirror.Core.DockerArchive
{
    /// <summary>
    /// The entries of a classic <c>docker save</c> archive, indexed in one pass over the headers of a
    /// seekable tar: where each regular file's data lies, and where each link points. Nothing is ever
    /// extracted or followed on disk, so links are harmless; they are resolved only inside the archive
    /// (skopeo writes <c>&lt;id&gt;/layer.tar</c> as a symbolic link to <c>&lt;diff-id&gt;.tar</c>) and
    /// may not leave it. Names are checked as in a bundle: absolute paths, <c>..</c>, NUL and devices are
    /// refused naming the entry.
    /// </summary>
    internal sealed class DockerSaveEntries
    {
        private readonly Dictionary<string, (long Offset, long Size)> _files = new Dictionary<string, (long, long)>(StringComparer.Ordinal);
        private readonly Dictionary<string, string> _links = new Dictionary<string, string>(StringComparer.Ordinal);

        private DockerSaveEntries(string archiveName) => ArchiveName = archiveName;

        public string ArchiveName { get; }

        /// <summary>Indexes the tar <paramref name="archive"/> (seekable; data is skipped by seeking, not read).</summary>
        /// <exception cref="OciException">InvalidLayout: a hostile entry, a truncated or corrupt tar.</exception>
        public static async Task<DockerSaveEntries> IndexAsync(Stream archive, string archiveName, CancellationToken cancellationToken)
        {
            var entries = new DockerSaveEntries(archiveName);
            using var reader = new TarReader(archive, leaveOpen: true, archiveName: archiveName);
            TarEntry? entry;
            while ((entry = await reader.GetNextEntryAsync(cancellationToken).ConfigureAwait(false)) != null)
            {
                string name = Normalize(entry.Name, entry, archiveName);
                switch (entry.Type)
                {
                    case TarEntryType.RegularFile:
                        entries._files[name] = (entry.DataOffset, entry.Size);
                        break;
                    case TarEntryType.SymbolicLink:
                        entries._links[name] = Resolve(name, entry.LinkName ?? string.Empty, relativeToEntry: true, entry, archiveName);
                        break;
                    case TarEntryType.HardLink:
                        entries._links[name] = Resolve(name, entry.LinkName ?? string.Empty, relativeToEntry: false, entry, archiveName);
                        break;
                    case TarEntryType.Directory:
                        break;
                    default:
                        throw ArchiveErrors.Invalid(archiveName, $"refusing entry '{entry.Name}' (header at offset {entry.HeaderOffset}): {entry.Type} entries are not allowed in a docker save archive.");
                }
            }

            entries.EndMarkerFound = reader.EndMarkerFound;
            return entries;
        }

        /// <summary>Whether the tar ended with its end-of-archive marker.</summary>
        public bool EndMarkerFound { get; private set; }

        /// <summary>True when the archive has this regular file (after following links).</summary>
        public bool Has(string name) => TryFind(name, out _);

        /// <summary>Where the data of <paramref name="name"/> lies, links followed (at most 8).</summary>
        public bool TryFind(string name, out (long Offset, long Size) location)
        {
            string current = NormalizeName(name);
            for (int hops = 0; hops <= 8; hops++)
            {
                if (_files.TryGetValue(current, out location))
                {
                    return true;
                }

                if (!_links.TryGetValue(current, out string? target))
                {
                    break;
                }

                current = target;
            }

            location = default;
            return false;
        }

        /// <summary>Strips <c>./</c> prefixes and trailing slashes.</summary>
        public static string NormalizeName(string name)
        {
            string n = name;
            while (n.StartsWith("./", StringComparison.Ordinal))
            {
                n = n.Substring(2);
            }

            return n.TrimEnd('/');
        }

        private static string Normalize(string raw, TarEntry entry, string archiveName)
        {
            // The same path policy as a bundle (absolute, '..', NUL, backslash), applied through its classifier.
            BundleEntryName.Classify(raw, entry.Type == TarEntryType.Directory ? TarEntryType.Directory : TarEntryType.RegularFile, archiveName, entry.HeaderOffset);
            return NormalizeName(raw);
        }

        /// <summary>A link target as an archive name; refused when it would leave the archive.</summary>
        private static string Resolve(string linkName, string target, bool relativeToEntry, TarEntry entry, string archiveName)
        {
            if (target.StartsWith("/", StringComparison.Ordinal) || target.IndexOf('\\') >= 0 || target.IndexOf('\0') >= 0)
            {
                throw Outside(entry, target, archiveName);
            }

            var parts = new List<string>();
            if (relativeToEntry)
            {
                parts.AddRange(linkName.Split('/'));
                parts.RemoveAt(parts.Count - 1);
            }

            foreach (string segment in target.Split('/'))
            {
                if (segment == "..")
                {
                    if (parts.Count == 0)
                    {
                        throw Outside(entry, target, archiveName);
                    }

                    parts.RemoveAt(parts.Count - 1);
                }
                else if (segment.Length > 0 && segment != ".")
                {
                    parts.Add(segment);
                }
            }

            return string.Join("/", parts);
        }

        private static OciException Outside(TarEntry entry, string target, string archiveName) =>
            ArchiveErrors.Invalid(archiveName, $"refusing entry '{entry.Name}' (header at offset {entry.HeaderOffset}): its link target '{target}' points outside the archive.");
    }
}
