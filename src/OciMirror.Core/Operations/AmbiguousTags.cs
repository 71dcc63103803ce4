using System;
using System.Collections.Generic;
using System.Linq;
using OciMirror.Core.Content;
using OciMirror.Core.Errors;
using OciMirror.Core.References;

namespace OciMirror.Core.Operations
{
    /// <summary>
    /// Finds bundle entries that would set one destination tag to different digests (two index.json
    /// entries with the same name, or names that map to the same tag). Such a tag is refused, naming every
    /// digest, instead of letting whichever push finishes last win: no tag is set for them and nothing of
    /// them is imported, the other entries go on (issue 7.3). Entries with the same name and digest are one.
    /// </summary>
    internal static class AmbiguousTags
    {
        /// <summary>
        /// <paramref name="entries"/> without exact duplicates (same name, tag and digest; the first is kept),
        /// and the error of every entry whose destination tag is ambiguous.
        /// </summary>
        public static (IReadOnlyList<BundleEntry> Entries, IReadOnlyDictionary<BundleEntry, OciException> Refused) Check(
            IReadOnlyList<BundleEntry> entries, RegistryDestination destination, bool scoped, string? tagOverride, string bundleName)
        {
            var unique = new List<BundleEntry>();
            var seen = new HashSet<(string?, string?, string)>();
            var byTag = new Dictionary<string, List<BundleEntry>>(StringComparer.Ordinal);
            foreach (BundleEntry entry in entries)
            {
                if (!seen.Add((entry.FullName, entry.Tag, entry.Descriptor.Digest.ToString())))
                {
                    continue;
                }

                unique.Add(entry);
                string? tag = TagOf(entry, destination, scoped, tagOverride);
                if (tag != null)
                {
                    if (!byTag.TryGetValue(tag, out List<BundleEntry>? group))
                    {
                        byTag[tag] = group = new List<BundleEntry>();
                    }

                    group.Add(entry);
                }
            }

            var refused = new Dictionary<BundleEntry, OciException>();
            foreach (KeyValuePair<string, List<BundleEntry>> group in byTag)
            {
                List<string> digests = group.Value.Select(e => e.Descriptor.Digest.ToString()).Distinct().OrderBy(d => d, StringComparer.Ordinal).ToList();
                if (digests.Count < 2)
                {
                    continue;
                }

                string listed = string.Join(", ", group.Value.Select(e => $"{e.Descriptor.Digest} (entry '{e}')").Distinct().OrderBy(s => s, StringComparer.Ordinal));
                foreach (BundleEntry entry in group.Value)
                {
                    refused[entry] = new OciException(
                        OciErrorKind.AmbiguousReference,
                        $"Bundle '{bundleName}' names {group.Key} with {digests.Count} different digests: {listed}. The tag was not set and none of them was imported.")
                    {
                        Reference = group.Key,
                        Digest = entry.Descriptor.Digest,
                        Path = bundleName,
                        RecommendedAction = $"Import the one you want by its digest (for example --ref {digests[0]}): the tag then points at it. Or keep one entry with this name in the bundle's index.json.",
                    };
                }
            }

            return (unique, refused);
        }

        private static string? TagOf(BundleEntry entry, RegistryDestination destination, bool scoped, string? tagOverride)
        {
            if (!entry.IsImageOrIndex)
            {
                return null; // not imported, so it sets no tag
            }

            try
            {
                ImportNaming naming = ImportNaming.For(entry, destination, scoped, tagOverride);
                return naming.Tag == null ? null : naming.Display;
            }
            catch (OciException)
            {
                return null; // reported by the entry's own import
            }
        }
    }
}
