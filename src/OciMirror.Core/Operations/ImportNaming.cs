using OciMirror.Core.Content;
using OciMirror.Core.Errors;
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

        /// <summary>This naming for another root (a platform chosen from an index): a digest-only naming names the new digest.</summary>
        public ImportNaming WithRoot(Model.Digest digest)
        {
            if (Tag != null)
            {
                return this;
            }

            Reference target = Repository.WithDigest(digest);
            return new ImportNaming(target, null, target.Name + "@" + digest);
        }

        /// <exception cref="OciException">InvalidReference: the name does not parse, or an unnamed entry and no repository in the destination.</exception>
        public static ImportNaming For(BundleEntry entry, RegistryDestination destination, bool scoped)
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

            if (tag != null)
            {
                target = target.WithTag(tag);
                return new ImportNaming(target, tag, target.Name + ":" + tag);
            }

            target = target.WithDigest(entry.Descriptor.Digest);
            return new ImportNaming(target, null, target.Name + "@" + entry.Descriptor.Digest);
        }
    }
}
