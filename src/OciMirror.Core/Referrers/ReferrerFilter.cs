using System;
using System.Collections.Generic;
using System.Linq;

namespace OciMirror.Core.Referrers
{
    /// <summary>
    /// Which referrers travel with their subjects: all of them (the default), none, or those of some
    /// artifact types. A referrer of a referrer is considered only when its own subject was kept. Immutable.
    /// </summary>
    public sealed class ReferrerFilter
    {
        /// <summary>Every referrer, recursively (the default of every verb).</summary>
        public static readonly ReferrerFilter All = new ReferrerFilter(true, null);

        /// <summary>No referrer.</summary>
        public static readonly ReferrerFilter None = new ReferrerFilter(false, null);

        /// <param name="include">False carries no referrer at all.</param>
        /// <param name="artifactTypes">When not empty, only referrers of these artifact types (exact, case-sensitive, as media types are); blank values are ignored.</param>
        public ReferrerFilter(bool include, IEnumerable<string>? artifactTypes)
        {
            Include = include;
            ArtifactTypes = (artifactTypes ?? Array.Empty<string>()).Where(t => !string.IsNullOrWhiteSpace(t)).Select(t => t.Trim()).Distinct(StringComparer.Ordinal).ToList();
        }

        /// <summary>False when referrers are not carried at all.</summary>
        public bool Include { get; }

        /// <summary>The artifact types kept; empty keeps every type.</summary>
        public IReadOnlyList<string> ArtifactTypes { get; }

        /// <summary>The one type to ask a registry to filter by (its API takes one), or null.</summary>
        public string? SingleType => ArtifactTypes.Count == 1 ? ArtifactTypes[0] : null;

        /// <summary>True when a referrer of <paramref name="artifactType"/> is carried.</summary>
        public bool Matches(string? artifactType) =>
            Include && (ArtifactTypes.Count == 0 || (artifactType != null && ArtifactTypes.Contains(artifactType, StringComparer.Ordinal)));

        public override string ToString() => !Include ? "none" : ArtifactTypes.Count == 0 ? "all" : string.Join(", ", ArtifactTypes);
    }
}
