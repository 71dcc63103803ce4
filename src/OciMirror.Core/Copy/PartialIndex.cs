using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Content;
using OciMirror.Core.Model;

namespace OciMirror.Core.Copy
{
    /// <summary>
    /// Which manifests of an index a source holds. Docker 25+ <c>docker save</c> from the containerd image
    /// store writes the registry's multi-platform index with only the platforms that were pulled (usually
    /// one, plus maybe its attestation), so copying the index itself would fail on the absent ones.
    /// Callers choose from <see cref="Platforms"/>: import takes the one platform present; a platform
    /// selection (<c>--platform</c>) intersects with it. Immutable.
    /// </summary>
    public sealed class PartialIndex
    {
        private PartialIndex(IReadOnlyList<Descriptor> present, IReadOnlyList<Descriptor> absent)
        {
            Present = present;
            Absent = absent;
        }

        /// <summary>Children the source holds, in index order.</summary>
        public IReadOnlyList<Descriptor> Present { get; }

        /// <summary>Children the source does not hold, in index order.</summary>
        public IReadOnlyList<Descriptor> Absent { get; }

        /// <summary>True when some children are held and others are not.</summary>
        public bool IsPartial => Present.Count > 0 && Absent.Count > 0;

        /// <summary>The present children that are images of a platform (attestations and unknown platforms left out).</summary>
        public IReadOnlyList<Descriptor> Platforms => Present.Where(c => !IsAttestation(c)).ToList();

        /// <summary>
        /// Asks <paramref name="source"/> which children of <paramref name="index"/> it holds (one existence
        /// check each: cheap on a bundle). A manifest (not an index) has no children to choose from: everything counts as present.
        /// </summary>
        public static async Task<PartialIndex> InspectAsync(IReadOnlyStorage source, ManifestInfo index, CancellationToken cancellationToken)
        {
            if (source == null)
            {
                throw new ArgumentNullException(nameof(source));
            }

            if (index == null)
            {
                throw new ArgumentNullException(nameof(index));
            }

            var present = new List<Descriptor>();
            var absent = new List<Descriptor>();
            if (index.IsIndex)
            {
                foreach (Descriptor child in index.Children)
                {
                    (await source.ExistsAsync(child, cancellationToken).ConfigureAwait(false) ? present : absent).Add(child);
                }
            }

            return new PartialIndex(present, absent);
        }

        /// <summary>
        /// True for an index entry that is not an image of a platform: BuildKit attestation manifests
        /// (<c>vnd.docker.reference.type: attestation-manifest</c>, platform <c>unknown/unknown</c>).
        /// </summary>
        public static bool IsAttestation(Descriptor child) =>
            child != null && (string.Equals(child.GetAnnotation("vnd.docker.reference.type"), "attestation-manifest", StringComparison.Ordinal)
                || (child.Platform != null && child.Platform.Os == "unknown" && child.Platform.Architecture == "unknown"));

        /// <summary><c>os/arch[/variant]</c> of a child, or its digest when it names no platform.</summary>
        public static string Describe(Descriptor child) => child.Platform?.ToString() ?? child.Digest.ToString();
    }
}
