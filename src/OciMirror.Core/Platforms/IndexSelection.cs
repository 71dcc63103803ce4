using System.Collections.Generic;
using System.Linq;
using Newtonsoft.Json.Linq;
using OciMirror.Core.Errors;
using OciMirror.Core.Model;

namespace OciMirror.Core.Platforms
{
    /// <summary>
    /// Platform selection inside an index (OCI image index or Docker manifest list): each asked platform
    /// must match exactly one distinct child; one child becomes the artifact, several keep the index whole
    /// or, when asked, make a filtered copy of it that keeps every other field and the entries' order, plus
    /// buildx attestation entries (<c>vnd.docker.reference.digest</c>) of the children kept.
    /// </summary>
    internal static class IndexSelection
    {
        private const string ReferenceType = "vnd.docker.reference.type";
        private const string ReferenceDigest = "vnd.docker.reference.digest";

        public static PlatformChoice Select(PlatformFilter filter, Descriptor resolved, byte[] content, string reference)
        {
            JObject index = OciJson.Parse(content, resolved.Digest);
            JArray entries = index["manifests"] as JArray ?? new JArray();
            var descriptors = entries.Select(e => OciJson.ToDescriptor(e, resolved.Digest)).ToList();
            var chosen = new SortedSet<int>();
            foreach (PlatformSpec spec in filter.Specs)
            {
                chosen.Add(MatchOne(spec, descriptors, resolved, reference));
            }

            var selected = chosen.Select(i => descriptors[i]).ToList();
            var platforms = selected.Select(d => d.Platform!).ToList();
            if (selected.Select(d => d.Digest).Distinct().Count() == 1)
            {
                Descriptor child = selected[0];
                return new PlatformChoice(PlatformChoiceKind.Child, resolved, child, platforms,
                    $"platform {child.Platform} of index {resolved.Digest}: the artifact is that child manifest, its own digest, nothing rewritten");
            }

            var kept = new SortedSet<int>(chosen);
            var keptDigests = new HashSet<Digest>(selected.Select(d => d.Digest));
            for (int i = 0; i < descriptors.Count; i++)
            {
                if (descriptors[i].GetAnnotation(ReferenceType) == "attestation-manifest"
                    && Digest.TryParse(descriptors[i].GetAnnotation(ReferenceDigest), out Digest attested) && keptDigests.Contains(attested))
                {
                    kept.Add(i);
                }
            }

            string list = string.Join(", ", platforms);
            if (kept.Count == descriptors.Count)
            {
                return new PlatformChoice(PlatformChoiceKind.WholeIndex, resolved, resolved, platforms,
                    $"every platform of index {resolved.Digest} is selected ({list}); the index is copied whole, unchanged");
            }

            if (!filter.FilterIndex)
            {
                return new PlatformChoice(PlatformChoiceKind.WholeIndex, resolved, resolved, platforms,
                    $"{platforms.Count} of the {descriptors.Count} entries of index {resolved.Digest} are selected ({list}); the index is kept whole with every platform "
                    + "(ask for a filtered index to copy only these: it gets a new digest)");
            }

            if (filter.PreserveDigests)
            {
                throw new OciException(
                    OciErrorKind.RewriteRefused,
                    $"Copying only {list} of {reference} needs a filtered index with a new digest instead of {resolved.Digest}, and digests are to be preserved.")
                {
                    Reference = reference,
                    Digest = resolved.Digest,
                    RecommendedAction = "Drop the digest preservation to accept a filtered index, drop the filtered-index option to copy the whole index, or ask for one platform (its child manifest keeps its digest).",
                };
            }

            var filtered = (JObject)index.DeepClone();
            filtered["manifests"] = new JArray(kept.Select(i => entries[i].DeepClone()));
            byte[] bytes = OciJson.ToBytes(filtered);
            var root = new Descriptor(resolved.MediaType, Digest.Compute(bytes), bytes.LongLength, resolved.Annotations, null, resolved.ArtifactType);
            return new PlatformChoice(PlatformChoiceKind.FilteredIndex, resolved, root, platforms,
                $"filtered index {root.Digest} with {list} ({kept.Count} of {descriptors.Count} entries) made from index {resolved.Digest}: a new digest", bytes);
        }

        private static int MatchOne(PlatformSpec spec, IReadOnlyList<Descriptor> descriptors, Descriptor resolved, string reference)
        {
            var matches = Enumerable.Range(0, descriptors.Count).Where(i => spec.Matches(descriptors[i].Platform)).ToList();
            if (matches.Select(i => descriptors[i].Digest).Distinct().Count() > 1)
            {
                throw new OciException(
                    OciErrorKind.AmbiguousReference,
                    $"Platform {spec.Text} matches {matches.Count} entries of {reference} (index {resolved.Digest}): {string.Join(", ", matches.Select(i => $"{descriptors[i].Platform} ({descriptors[i].Digest})"))}.")
                {
                    Reference = reference,
                    Digest = resolved.Digest,
                    RecommendedAction = "Add the os.version (os/arch/variant:os.version) or an os.feature (+feature) that tells them apart.",
                };
            }

            if (matches.Count == 0)
            {
                var available = descriptors.Where(d => d.Platform != null).Select(d => d.Platform!.ToString()).Distinct().ToList();
                throw new OciException(
                    OciErrorKind.NotFound,
                    $"Platform {spec.Text} is not in {reference} (index {resolved.Digest}); it has {(available.Count == 0 ? "no entry with a platform" : string.Join(", ", available))}.")
                {
                    Reference = reference,
                    Digest = resolved.Digest,
                    RecommendedAction = "Choose one of the platforms the index has, or leave out the platform to copy every one.",
                };
            }

            return matches[0];
        }
    }
}
