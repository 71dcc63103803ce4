using System;
using System.Collections.Generic;
using System.Linq;
using OciMirror.Core.Content;
using OciMirror.Core.Errors;
using OciMirror.Core.Model;
using OciMirror.Core.References;

namespace OciMirror.Core.Operations
{
    /// <summary>
    /// Chooses the bundle entries an import handles: every entry, or those matching a filter (a full
    /// name, normalized or as written, a tag, or a digest). A filter that matches nothing becomes an error.
    /// </summary>
    internal static class BundleSelection
    {
        public static (IReadOnlyList<BundleEntry> Selected, IReadOnlyList<(string Filter, OciException Error)> Unmatched) Select(
            IReadOnlyList<BundleEntry> entries, IReadOnlyList<string> filters, string bundlePath)
        {
            var active = filters.Where(f => !string.IsNullOrWhiteSpace(f)).Select(f => f.Trim()).ToList();
            if (active.Count == 0)
            {
                return (entries, Array.Empty<(string, OciException)>());
            }

            var selected = new List<BundleEntry>();
            var unmatched = new List<(string, OciException)>();
            var chosen = new HashSet<int>();
            IReadOnlyList<string>? allNames = null;
            foreach (string filter in active)
            {
                bool any = false;
                for (int i = 0; i < entries.Count; i++)
                {
                    if (Matches(entries[i], filter))
                    {
                        any = true;
                        chosen.Add(i);
                    }
                }

                if (!any)
                {
                    allNames ??= BundleEntryNames.Of(entries);
                    string names = string.Join(", ", allNames.Take(10)) + (entries.Count > 10 ? ", …" : string.Empty);
                    unmatched.Add((filter, new OciException(OciErrorKind.NotFound, $"'{filter}' matches no entry of bundle '{bundlePath}'. It has: {(entries.Count == 0 ? "no entries" : names)}.")
                    {
                        Reference = filter,
                        Path = bundlePath,
                        RecommendedAction = "Give a REFERENCE as 'ocimirror ls BUNDLE' (PowerShell: Get-OciBundle) lists it, or the entry's full name, tag or digest.",
                    }));
                }
            }

            for (int i = 0; i < entries.Count; i++)
            {
                if (chosen.Contains(i))
                {
                    selected.Add(entries[i]);
                }
            }

            return (selected, unmatched);
        }

        /// <summary>
        /// True when <paramref name="filters"/> may select an entry of <paramref name="repository"/>: no filter,
        /// or one that is a tag or a digest (any repository), or a name in that repository.
        /// </summary>
        internal static bool MayName(IReadOnlyList<string> filters, Reference repository)
        {
            var active = filters.Where(f => !string.IsNullOrWhiteSpace(f)).Select(f => f.Trim()).ToList();
            return active.Count == 0 || active.Any(f =>
                f.IndexOf('/') < 0 && f.IndexOf(':') < 0 && f.IndexOf('@') < 0 // a bare tag
                || Digest.TryParse(f, out _)
                || (Reference.TryParse(f, out Reference? parsed, out _) && parsed!.Name == repository.Name));
        }

        internal static bool Matches(BundleEntry entry, string filter)
        {
            if (filter == entry.FullName || filter == entry.Tag || filter == entry.Descriptor.Digest.ToString())
            {
                return true;
            }

            if (entry.FullName == null || !Reference.TryParse(filter, out Reference? parsed, out _))
            {
                return false;
            }

            try
            {
                Reference name = Reference.ParseRepository(entry.FullName);
                return parsed!.Equals(name.Tag == null && name.Digest == null ? name.WithTag("latest") : name);
            }
            catch (OciException)
            {
                return false;
            }
        }
    }
}
