using System;
using System.Collections.Generic;
using OciMirror.Core.Content;
using OciMirror.Core.Model;
using OciMirror.Core.References;

namespace OciMirror.Core.Layout
{
    /// <summary>
    /// The naming conventions of index.json entries (DESIGN §4). Reading accepts what every peer writes;
    /// writing uses the docker/containerd convention so that docker load, ctr import, skopeo and oras
    /// all find the name they look for.
    /// </summary>
    internal static class LayoutNameResolver
    {
        /// <summary>
        /// Resolves the name of a root descriptor:
        /// <list type="bullet">
        /// <item><c>io.containerd.image.name</c> (docker save, containerd, us): FullName, Tag from it
        /// (or from <c>ref.name</c> for a digest-only name).</item>
        /// <item><c>org.opencontainers.image.ref.name</c> holding a full reference (crane --annotate-ref,
        /// Hauler; recognised by a '/', ':' or '@', which a tag cannot contain): FullName and Tag.</item>
        /// <item><c>ref.name</c> holding only a tag (skopeo, oras, regctl): Tag only. A ref.name that is
        /// neither a tag nor a parseable reference is kept verbatim as the Tag so it can still be matched
        /// exactly; one that is a digest (tag-by-digest) counts as untagged.</item>
        /// <item>no annotation: untagged (both null).</item>
        /// </list>
        /// </summary>
        public static BundleEntry Describe(Descriptor descriptor)
        {
            string? containerdName = NullIfEmpty(descriptor.GetAnnotation(OciAnnotations.ContainerdImageName));
            string? refName = NullIfEmpty(descriptor.GetAnnotation(OciAnnotations.RefName));
            if (containerdName != null)
            {
                string? tagFromRefName = refName != null && !LooksLikeReference(refName) ? refName : null;
                return TryNormalize(containerdName, out string? fullName, out string? tag)
                    ? new BundleEntry(descriptor, fullName, tag ?? tagFromRefName)
                    : new BundleEntry(descriptor, containerdName, tagFromRefName);
            }

            if (refName == null || IsDigest(refName, out _))
            {
                return new BundleEntry(descriptor, null, null);
            }

            if (LooksLikeReference(refName) && TryNormalize(refName, out string? name, out string? refTag))
            {
                return new BundleEntry(descriptor, name, refTag);
            }

            return new BundleEntry(descriptor, null, refName);
        }

        /// <summary>
        /// The name we record for <paramref name="reference"/>: <c>registry/repo:tag</c>, or
        /// <c>registry/repo@digest</c> for a digest-only reference. A reference with both keeps the tag:
        /// the digest is already the entry's own.
        /// </summary>
        public static string FullNameOf(Reference reference) =>
            reference.Tag != null ? reference.Name + ":" + reference.Tag : reference.Name + "@" + reference.Digest;

        /// <summary>
        /// The annotations of a root tagged as <paramref name="reference"/>: the target's own annotations
        /// (for example <c>org.opencontainers.image.created</c>) without any name it carried from its
        /// source, plus <c>io.containerd.image.name</c> and, when there is a tag, <c>ref.name</c> = tag.
        /// Sorted by key (ordinal), so the entry's JSON does not depend on the order the source listed them in.
        /// </summary>
        public static IReadOnlyDictionary<string, string> AnnotationsFor(Descriptor target, Reference reference)
        {
            var annotations = new SortedDictionary<string, string>(StringComparer.Ordinal);
            if (target.Annotations != null)
            {
                foreach (KeyValuePair<string, string> pair in target.Annotations)
                {
                    if (pair.Key != OciAnnotations.RefName && pair.Key != OciAnnotations.ContainerdImageName)
                    {
                        annotations[pair.Key] = pair.Value;
                    }
                }
            }

            annotations[OciAnnotations.ContainerdImageName] = FullNameOf(reference);
            if (reference.Tag != null)
            {
                annotations[OciAnnotations.RefName] = reference.Tag;
            }

            return annotations;
        }

        /// <summary>
        /// True when <paramref name="text"/> is a digest of a registered algorithm (sha256, sha512). The
        /// digest grammar alone would also accept <c>nginx:1.27</c> (algorithm "nginx"), so unregistered
        /// algorithms are read as references, like the docker reference library does.
        /// </summary>
        public static bool IsDigest(string text, out Digest digest) =>
            Digest.TryParse(text, out digest) && (digest.Algorithm == "sha256" || digest.Algorithm == "sha512");

        /// <summary>Normalizes a full reference; false when it does not parse.</summary>
        public static bool TryNormalize(string text, out string? fullName, out string? tag)
        {
            fullName = null;
            tag = null;
            if (!Reference.TryParse(text, out Reference? parsed, out _))
            {
                return false;
            }

            fullName = parsed!.ToString();
            tag = parsed.Tag;
            return true;
        }

        /// <summary>
        /// True when <paramref name="text"/> cannot be a bare tag: tags are <c>[\w][\w.-]{0,127}</c>, so a
        /// '/', ':' or '@' means a reference (distribution reference grammar).
        /// </summary>
        public static bool LooksLikeReference(string text) => text.IndexOfAny(new[] { '/', ':', '@' }) >= 0;

        private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
    }
}
