using System.Collections.Generic;
using System.Linq;
using OciMirror.Core.Content;
using OciMirror.Core.Errors;
using OciMirror.Core.Model;
using OciMirror.Core.References;

namespace OciMirror.Core.Operations
{
    /// <summary>
    /// Where a bundle entry goes in the destination registry (DESIGN §5): a named entry keeps its
    /// repository path under the destination (scoped: under the source registry too); a tag-only or
    /// unnamed entry goes to the destination's repository (<c>host/repository</c>), with its tag or by
    /// digest only.
    /// </summary>
    internal sealed class ImportNaming
    {
        private ImportNaming(Reference repository, string? tag, string display)
        {
            Repository = repository;
            Tag = tag;
            Display = display;
        }

        /// <summary>The destination repository (its tag/digest are informational).</summary>
        public Reference Repository { get; }

        /// <summary>The tag to set after the copy, or null to push by digest only.</summary>
        public string? Tag { get; }

        /// <summary><c>host/repo:tag</c> or <c>host/repo@digest</c>.</summary>
        public string Display { get; }

        /// <summary>
        /// The naming of <paramref name="entry"/>; <paramref name="tagOverride"/>, when set, replaces the entry's tag
        /// (or tags an untagged entry).
        /// </summary>
        /// <exception cref="OciException">InvalidReference: the name or tag does not parse, or an unnamed entry and no repository in the destination.</exception>
        public static ImportNaming For(BundleEntry entry, RegistryDestination destination, bool scoped, string? tagOverride = null)
        {
            Reference target;
            string? tag;
            if (entry.FullName != null)
            {
                target = destination.Map(Reference.ParseRepository(entry.FullName), scoped);
                tag = target.Tag ?? entry.Tag;
            }
            else
            {
                target = destination.RepositoryForUnnamed() ?? throw new OciException(
                    OciErrorKind.InvalidReference,
                    $"Bundle entry '{entry}' has no repository name (only {(entry.Tag == null ? "a digest" : "a tag")}), and destination '{destination}' names no repository.")
                {
                    Reference = entry.ToString(),
                    RecommendedAction = "Give a repository in the destination (host/repository), for example registry.corp.local/team/app.",
                };
                tag = entry.Tag;
            }

            tag = tagOverride ?? tag;
            if (tag != null)
            {
                target = target.WithTag(tag);
                return new ImportNaming(target, tag, target.Name + ":" + tag);
            }

            target = target.WithDigest(entry.Descriptor.Digest);
            return new ImportNaming(target, null, target.Name + "@" + entry.Descriptor.Digest);
        }

        /// <summary>
        /// This naming for another root of the same entry (a platform chosen from it): a digest-only naming
        /// shows the new digest; a tagged one is unchanged.
        /// </summary>
        public ImportNaming WithRoot(Descriptor root)
        {
            if (Tag != null)
            {
                return this;
            }

            Reference target = Repository.WithDigest(root.Digest);
            return new ImportNaming(target, null, target.Name + "@" + root.Digest);
        }

        /// <summary>
        /// Checks that a tag given for the import (<c>--tag</c>) is a valid tag and that exactly one entry is
        /// selected: one tag for several artifacts would leave only the last one under it.
        /// </summary>
        /// <exception cref="OciException">InvalidReference for a malformed tag; AmbiguousReference when not exactly one entry is selected.</exception>
        public static void CheckTag(string? tag, IReadOnlyList<BundleEntry> selected, string bundleName)
        {
            if (tag == null)
            {
                return;
            }

            if (!Reference.IsValidTag(tag))
            {
                throw new OciException(OciErrorKind.InvalidReference, $"Tag '{tag}' is not valid (letters, digits, '_', '.', '-'; at most 128; not starting with '.' or '-').")
                {
                    Reference = tag,
                    RecommendedAction = "Give a tag such as v1 or 1.2.3.",
                };
            }

            if (selected.Count > 1)
            {
                throw new OciException(
                    OciErrorKind.AmbiguousReference,
                    $"A tag for the import ('{tag}') names one artifact, and {selected.Count} entries of bundle '{bundleName}' are selected: {string.Join(", ", selected.Take(10).Select(e => e.ToString()))}.")
                {
                    Reference = tag,
                    Path = bundleName,
                    RecommendedAction = "Select one entry by its full name, tag or digest (--ref / -Reference), or import without a tag.",
                };
            }
        }
    }
}
