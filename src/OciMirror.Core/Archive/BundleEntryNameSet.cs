using System;
using System.Collections.Generic;
using OciMirror.Core.Errors;

namespace OciMirror.Core.Archive
{
    /// <summary>
    /// Tracks the entries of one archive by normalized name, so a second <c>index.json</c>,
    /// <c>oci-layout</c> or blob with the same name (perhaps spelled <c>./blobs/…</c>) is refused: the
    /// two copies could differ, and which one wins would depend on the reader. Repeated directories and
    /// repeated unrecognized (skipped) entries are harmless and allowed. Not thread-safe.
    /// </summary>
    public sealed class BundleEntryNameSet
    {
        private readonly Dictionary<string, BundleEntryName> _seen = new Dictionary<string, BundleEntryName>(StringComparer.Ordinal);
        private readonly string? _archiveName;

        /// <param name="archiveName">File name or "stdin" for error messages; optional.</param>
        public BundleEntryNameSet(string? archiveName = null) => _archiveName = archiveName;

        /// <summary>Entries recorded.</summary>
        public int Count => _seen.Count;

        /// <summary>Records an entry.</summary>
        /// <exception cref="OciException">InvalidLayout: a file entry of the layout appears a second time; the message names both offsets.</exception>
        public void Add(BundleEntryName entry)
        {
            if (entry == null)
            {
                throw new ArgumentNullException(nameof(entry));
            }

            if (_seen.TryGetValue(entry.Name, out BundleEntryName? first))
            {
                if (entry.Kind == BundleEntryKind.Directory || entry.Kind == BundleEntryKind.Unrecognized)
                {
                    return;
                }

                string where = first.HeaderOffset.HasValue && entry.HeaderOffset.HasValue
                    ? $" (headers at offsets {first.HeaderOffset} and {entry.HeaderOffset})" : string.Empty;
                throw ArchiveErrors.Invalid(_archiveName, $"refusing duplicate entry '{entry.Name}'{where}: a bundle holds each file once.");
            }

            _seen.Add(entry.Name, entry);
        }

        /// <summary>True when an entry with this normalized name was recorded.</summary>
        public bool Contains(string normalizedName) => _seen.ContainsKey(normalizedName);
    }
}
