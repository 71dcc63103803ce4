using System;
using System.Collections.Generic;
using OciMirror.Core.Errors;
using OciMirror.Core.Model;

namespace OciMirror.Core.Archive
{
    /// <summary>
    /// Tracks the entries of one archive by normalized name, so a second <c>index.json</c>,
    /// <c>oci-layout</c> or blob with the same name (perhaps spelled <c>./blobs/…</c>) is refused: the
    /// two copies could differ, and which one wins would depend on the reader. Repeated directories and
    /// repeated unrecognized (skipped) entries are harmless and allowed, so they are not remembered; a blob
    /// is remembered by its digest and header offset only, so that an archive of 100 000 blobs costs a few
    /// dozen bytes per blob here. Not thread-safe.
    /// </summary>
    public sealed class BundleEntryNameSet
    {
        private readonly Dictionary<string, long?> _files = new Dictionary<string, long?>(StringComparer.Ordinal);
        private readonly Dictionary<Digest, long> _blobs = new Dictionary<Digest, long>();
        private readonly string? _archiveName;

        /// <param name="archiveName">File name or "stdin" for error messages; optional.</param>
        public BundleEntryNameSet(string? archiveName = null) => _archiveName = archiveName;

        /// <summary>Layout files and blobs recorded (directories and skipped entries are not).</summary>
        public int Count => _files.Count + _blobs.Count;

        /// <summary>Records an entry.</summary>
        /// <exception cref="OciException">InvalidLayout: a file entry of the layout appears a second time; the message names both offsets.</exception>
        public void Add(BundleEntryName entry)
        {
            if (entry == null)
            {
                throw new ArgumentNullException(nameof(entry));
            }

            switch (entry.Kind)
            {
                case BundleEntryKind.Directory:
                case BundleEntryKind.Unrecognized:
                    return;
                case BundleEntryKind.Blob:
                    Digest digest = entry.Digest!.Value;
                    if (_blobs.TryGetValue(digest, out long offset))
                    {
                        throw Duplicate(entry, offset < 0 ? (long?)null : offset);
                    }

                    _blobs.Add(digest, entry.HeaderOffset ?? -1);
                    return;
                default:
                    if (_files.TryGetValue(entry.Name, out long? first))
                    {
                        throw Duplicate(entry, first);
                    }

                    _files.Add(entry.Name, entry.HeaderOffset);
                    return;
            }
        }

        /// <summary>True when a layout file or blob with this normalized name was recorded.</summary>
        public bool Contains(string normalizedName)
        {
            if (_files.ContainsKey(normalizedName))
            {
                return true;
            }

            string[] parts = normalizedName.Split('/');
            return parts.Length == 3 && parts[0] == "blobs" && Digest.TryParse(parts[1] + ":" + parts[2], out Digest digest) && _blobs.ContainsKey(digest);
        }

        private OciException Duplicate(BundleEntryName entry, long? first)
        {
            string where = first.HasValue && entry.HeaderOffset.HasValue
                ? $" (headers at offsets {first} and {entry.HeaderOffset})" : string.Empty;
            return ArchiveErrors.Invalid(_archiveName, $"refusing duplicate entry '{entry.Name}'{where}: a bundle holds each file once.");
        }
    }
}
