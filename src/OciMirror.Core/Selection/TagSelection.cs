using System;
using System.Collections.Generic;

namespace OciMirror.Core.Selection
{
    /// <summary>
    /// Which tags of a repository to take (DESIGN §13), the one model behind <c>tags</c>/<c>Get-OciTag</c>,
    /// <c>sync</c> and sync files. Applied in this order by <see cref="Compile"/>d <see cref="TagSelector"/>s:
    /// <list type="number">
    /// <item>digest tags are set aside per <see cref="DigestTags"/> (unless Include);</item>
    /// <item>include: a tag matching any <see cref="Include"/> wildcard or <see cref="IncludeRegex"/> (all tags when both are empty);</item>
    /// <item><see cref="SemverRange"/>: the tag parses as a semantic version (<see cref="SemanticVersion.TryParseTag"/>) inside the range;</item>
    /// <item>exclude: no <see cref="Exclude"/> wildcard or <see cref="ExcludeRegex"/> matches;</item>
    /// <item><see cref="Latest"/>: the tags of the N highest versions that are left (tags that are not versions drop out).</item>
    /// </list>
    /// Wildcards match the whole tag, case-sensitively (<c>*</c>, <c>?</c>, <c>[a-z]</c>); regular expressions
    /// (.NET syntax, which covers the Go RE2 syntax skopeo uses) match anywhere in the tag unless anchored,
    /// like skopeo's <c>images-by-tag-regex</c>. Defaults select every tag.
    /// </summary>
    public sealed class TagSelection
    {
        private int? _latest;

        /// <summary>Wildcard patterns a tag must match one of (with <see cref="IncludeRegex"/>); empty = no include filter.</summary>
        public IReadOnlyList<string> Include { get; set; } = Array.Empty<string>();

        /// <summary>Regular expressions a tag must match one of (with <see cref="Include"/>).</summary>
        public IReadOnlyList<string> IncludeRegex { get; set; } = Array.Empty<string>();

        /// <summary>Wildcard patterns that drop a tag.</summary>
        public IReadOnlyList<string> Exclude { get; set; } = Array.Empty<string>();

        /// <summary>Regular expressions that drop a tag.</summary>
        public IReadOnlyList<string> ExcludeRegex { get; set; } = Array.Empty<string>();

        /// <summary>A semantic-version range in Masterminds syntax (<see cref="Selection.SemverRange"/>); null = none.</summary>
        public string? SemverRange { get; set; }

        /// <summary>Keep only the tags of the N highest semantic versions (1 or more); null = all.</summary>
        public int? Latest
        {
            get => _latest;
            set => _latest = value == null || value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "Latest must be at least 1.");
        }

        /// <summary>
        /// Let pre-release versions (<c>1.2.0-rc.1</c>) through the semver range and count them in
        /// <see cref="Latest"/>. Off by default; a range that names a pre-release itself (<c>&gt;=1.2.0-0</c>)
        /// admits them without this, as in Masterminds.
        /// </summary>
        public bool Prereleases { get; set; }

        /// <summary>What to do with cosign and referrers-schema digest tags. Default <see cref="DigestTagMode.Include"/>.</summary>
        public DigestTagMode DigestTags { get; set; } = DigestTagMode.Include;

        /// <summary>True when nothing narrows the selection (every tag is taken).</summary>
        public bool SelectsAll => Include.Count == 0 && IncludeRegex.Count == 0 && Exclude.Count == 0 && ExcludeRegex.Count == 0
            && SemverRange == null && Latest == null && DigestTags == DigestTagMode.Include;

        /// <summary>Validates the patterns and range and returns the reusable selector.</summary>
        /// <exception cref="FormatException">A regular expression or the range is invalid; the message names it and says why.</exception>
        public TagSelector Compile() => new TagSelector(this);
    }
}
