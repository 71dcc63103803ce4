using System.Collections.Generic;
using System.Linq;
using OciMirror.Core.Content;
using OciMirror.Core.Layout;

namespace OciMirror.Core.Archive
{
    /// <summary>
    /// The index.json of an archive that another writer replaced while this one was writing: the other
    /// writer's index (the newer one), with the names this writer recorded put in (they win: this commit
    /// is the later one), and the entries of the archive this writer started from that the other index
    /// lacks (their blobs are in this writer's archive too, and an export that skipped them as present
    /// reported them as being in the bundle).
    /// </summary>
    internal static class ArchiveIndexMerge
    {
        /// <summary>Merges into <paramref name="current"/> (changed in place and returned).</summary>
        public static LayoutIndex Merge(LayoutIndex current, IEnumerable<LayoutIndexEntry> started, IEnumerable<LayoutIndexEntry> recorded)
        {
            foreach (LayoutIndexEntry entry in recorded)
            {
                string key = KeyOf(entry);
                current.Upsert(entry, existing => KeyOf(existing) == key);
            }

            var keys = new HashSet<string>(current.Entries.Select(KeyOf));
            foreach (LayoutIndexEntry entry in started)
            {
                if (keys.Add(KeyOf(entry)))
                {
                    current.Upsert(entry, _ => false);
                }
            }

            return current;
        }

        /// <summary>A named entry is its full name (one digest per name); any other is its tag and digest.</summary>
        private static string KeyOf(LayoutIndexEntry entry)
        {
            BundleEntry described = LayoutNameResolver.Describe(entry.Descriptor);
            return described.FullName != null
                ? "name " + described.FullName
                : "entry " + (described.Tag ?? string.Empty) + "@" + entry.Descriptor.Digest;
        }
    }
}
