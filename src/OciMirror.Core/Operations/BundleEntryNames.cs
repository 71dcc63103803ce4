using System;
using System.Collections.Generic;
using OciMirror.Core.Content;
using OciMirror.Core.References;

namespace OciMirror.Core.Operations
{
    /// <summary>
    /// The one name of each bundle entry that ls, verify and import print alike, and that
    /// <c>import --ref</c> / <c>-Reference</c> selects alone: the first of its full name, its tag and its
    /// digest that <see cref="BundleSelection.Matches"/> matches for this entry only (else the first present).
    /// A tag-only entry whose tag another entry also carries is therefore named by its digest. Computed in
    /// one pass with dictionaries, so an index of many thousand entries costs no more than its size.
    /// </summary>
    internal static class BundleEntryNames
    {
        /// <summary>One name per entry, in the order of <paramref name="entries"/>.</summary>
        public static IReadOnlyList<string> Of(IReadOnlyList<BundleEntry> entries)
        {
            // Entries each candidate text selects: by exact full name, tag or digest, or by the normalized
            // reference of a full name (nginx:1.27 selects docker.io/library/nginx:1.27), as Matches does.
            var exact = new Dictionary<string, HashSet<int>>(StringComparer.Ordinal);
            var normalized = new Dictionary<string, HashSet<int>>(StringComparer.Ordinal);
            for (int i = 0; i < entries.Count; i++)
            {
                BundleEntry e = entries[i];
                Add(exact, e.FullName, i);
                Add(exact, e.Tag, i);
                Add(exact, e.Descriptor.Digest.ToString(), i);
                Add(normalized, NormalizedName(e), i);
            }

            var names = new string[entries.Count];
            var cache = new Dictionary<string, int>(StringComparer.Ordinal);
            for (int i = 0; i < entries.Count; i++)
            {
                BundleEntry e = entries[i];
                string? chosen = null;
                foreach (string? candidate in new[] { e.FullName, e.Tag, e.Descriptor.Digest.ToString() })
                {
                    if (candidate != null && Count(exact, normalized, cache, candidate) == 1)
                    {
                        chosen = candidate;
                        break;
                    }
                }

                names[i] = chosen ?? e.FullName ?? e.Tag ?? e.Descriptor.Digest.ToString();
            }

            return names;
        }

        /// <summary>How many entries <paramref name="text"/> selects: exact matches plus normalized-reference matches.</summary>
        private static int Count(Dictionary<string, HashSet<int>> exact, Dictionary<string, HashSet<int>> normalized, Dictionary<string, int> cache, string text)
        {
            if (cache.TryGetValue(text, out int known))
            {
                return known;
            }

            var hit = new HashSet<int>();
            if (exact.TryGetValue(text, out HashSet<int>? same))
            {
                hit.UnionWith(same);
            }

            if (Reference.TryParse(text, out Reference? parsed, out _) && normalized.TryGetValue(parsed!.ToString(), out HashSet<int>? named))
            {
                hit.UnionWith(named);
            }

            cache[text] = hit.Count;
            return hit.Count;
        }

        /// <summary>The normalized reference of an entry's full name (":latest" when it has neither tag nor digest), as Matches compares it.</summary>
        private static string? NormalizedName(BundleEntry entry)
        {
            if (entry.FullName == null)
            {
                return null;
            }

            try
            {
                Reference name = Reference.ParseRepository(entry.FullName);
                return (name.Tag == null && name.Digest == null ? name.WithTag("latest") : name).ToString();
            }
            catch (Errors.OciException)
            {
                return null;
            }
        }

        private static void Add(Dictionary<string, HashSet<int>> selects, string? key, int index)
        {
            if (key == null)
            {
                return;
            }

            if (!selects.TryGetValue(key, out HashSet<int>? set))
            {
                set = new HashSet<int>();
                selects.Add(key, set);
            }

            set.Add(index);
        }
    }
}
