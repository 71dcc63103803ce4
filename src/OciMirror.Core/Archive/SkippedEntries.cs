using System;
using System.Collections.Generic;

namespace OciMirror.Core.Archive
{
    /// <summary>
    /// The archive entries a reader skipped because they are not part of an OCI layout
    /// (<see cref="BundleEntryKind.Unrecognized"/>), remembered in bounded memory: a count, the first few
    /// names, and the clues that tell what the archive is when it has no <c>oci-layout</c> at all (a classic
    /// <c>docker save</c>, a layout packed inside a folder). Readers report them once, at the end, instead
    /// of one warning per entry. Not thread-safe.
    /// </summary>
    internal sealed class SkippedEntries
    {
        /// <summary>How many names are kept for messages.</summary>
        public const int MaxExamples = 5;

        private readonly List<string> _examples = new List<string>(MaxExamples);

        /// <summary>Entries skipped, docker save's extras included.</summary>
        public int Count { get; private set; }

        /// <summary>Skipped entries other than docker save's <c>manifest.json</c> and <c>repositories</c>.</summary>
        public int UnexpectedCount => Count - (HasDockerManifest ? 1 : 0) - (HasDockerRepositories ? 1 : 0);

        /// <summary>A top-level <c>manifest.json</c> (docker save, classic and Docker 25+).</summary>
        public bool HasDockerManifest { get; private set; }

        /// <summary>A top-level <c>repositories</c> file (docker save).</summary>
        public bool HasDockerRepositories { get; private set; }

        /// <summary><c>&lt;id&gt;/layer.tar</c> entries: a classic docker save's layers.</summary>
        public int LayerTars { get; private set; }

        /// <summary>The folder of an entry <c>FOLDER/oci-layout</c>: the layout was packed with its folder. Null otherwise.</summary>
        public string? NestedLayoutFolder { get; private set; }

        /// <summary>True for a classic (pre-OCI) docker save: manifest.json with layer.tar files or a repositories file.</summary>
        public bool LooksLikeClassicDockerSave => HasDockerManifest && (LayerTars > 0 || HasDockerRepositories);

        /// <summary>Records one skipped entry by its normalized name.</summary>
        public void Add(BundleEntryName entry)
        {
            if (entry == null)
            {
                throw new ArgumentNullException(nameof(entry));
            }

            string name = entry.Name;
            Count++;
            string[] parts = name.Split('/');
            if (name == "manifest.json")
            {
                HasDockerManifest = true;
                return;
            }

            if (name == "repositories")
            {
                HasDockerRepositories = true;
                return;
            }

            if (parts.Length == 2 && parts[1] == "layer.tar")
            {
                LayerTars++;
            }

            if (parts.Length == 2 && parts[1] == "oci-layout" && NestedLayoutFolder == null)
            {
                NestedLayoutFolder = parts[0];
            }

            if (_examples.Count < MaxExamples)
            {
                // A misnamed blob says why; anything else is simply outside the layout.
                _examples.Add(name.StartsWith("blobs/", StringComparison.Ordinal) && entry.SkipReason != null ? $"'{name}' ({entry.SkipReason})" : $"'{name}'");
            }
        }

        /// <summary>
        /// "N entries that are not part of an OCI layout were skipped: 'a', 'b', … and M more", or null when
        /// only docker save's extras (which a Docker 25+ save writes next to its layout) were skipped.
        /// </summary>
        public string? Describe(string archiveName)
        {
            int unexpected = UnexpectedCount;
            if (unexpected == 0)
            {
                return null;
            }

            string names = string.Join(", ", _examples);
            string more = unexpected > _examples.Count ? $" and {unexpected - _examples.Count} more" : string.Empty;
            return unexpected == 1
                ? $"{ArchiveErrors.Subject(archiveName)}: entry {names} is not part of an OCI layout; it was skipped."
                : $"{ArchiveErrors.Subject(archiveName)}: {unexpected} entries that are not part of an OCI layout were skipped: {names}{more}.";
        }
    }
}
