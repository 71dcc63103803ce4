using System;
using System.Collections.Generic;
using System.Linq;
using OciMirror.Core.Content;
using OciMirror.Core.Model;
using OciMirror.Core.References;

namespace OciMirror.Core.Layout
{
    /// <summary>
    /// The names of a Hauler store (the OCI layout inside <c>haul.tar.zst</c>). Hauler writes every entry
    /// with <c>org.opencontainers.image.ref.name</c> = the repository path and tag without registry, and
    /// <c>io.containerd.image.name</c> = the full name (images) and a <c>kind</c> annotation
    /// (<c>dev.hauler/image</c>, <c>imageIndex</c>, <c>sigs</c>, <c>atts</c>, <c>sboms</c>,
    /// <c>referrers/&lt;hex&gt;</c>; <c>dev.cosignproject.cosign/…</c> before Hauler 1.2). A signature,
    /// attestation or SBOM entry carries the name of the image it belongs to, not its own: read as they are,
    /// they would take the image's tag. So, as Hauler itself does when it copies a store to a registry,
    /// they get cosign's tag <c>sha256-&lt;subject hex&gt;.sig|.att|.sbom</c> in the image's repository (the
    /// subject from <c>hauler.dev/subject-digest</c>, else the image entry of the same name), and OCI 1.1
    /// referrers go to that repository by digest, untagged (the registry indexes them by their subject).
    /// Stores without kind annotations are left alone.
    /// </summary>
    internal static class HaulerNames
    {
        public const string KindAnnotation = "kind";

        public const string SubjectDigestAnnotation = "hauler.dev/subject-digest";

        private const string Prefix = "dev.hauler/", LegacyPrefix = "dev.cosignproject.cosign/";

        private static readonly (string Kind, string Suffix)[] CosignKinds = { ("sigs", ".sig"), ("atts", ".att"), ("sboms", ".sbom") };

        /// <summary>The entries with Hauler's naming applied; <paramref name="entries"/> itself when no entry has a Hauler kind.</summary>
        public static IReadOnlyList<BundleEntry> Apply(IReadOnlyList<BundleEntry> entries)
        {
            if (!entries.Any(e => KindOf(e) != null))
            {
                return entries;
            }

            var images = new Dictionary<string, Digest>(StringComparer.Ordinal);
            foreach (BundleEntry entry in entries)
            {
                string? kind = KindOf(entry);
                if ((kind == "image" || kind == "imageIndex") && entry.FullName != null && !images.ContainsKey(entry.FullName))
                {
                    images[entry.FullName] = entry.Descriptor.Digest;
                }
            }

            return entries.Select(e => Rename(e, images)).ToList();
        }

        private static BundleEntry Rename(BundleEntry entry, Dictionary<string, Digest> images)
        {
            string? kind = KindOf(entry);
            if (kind == null || entry.FullName == null || !Reference.TryParse(entry.FullName, out Reference? name, out _))
            {
                return entry;
            }

            string repository = name!.Name;
            if (kind.StartsWith("referrers", StringComparison.Ordinal))
            {
                return new BundleEntry(entry.Descriptor, repository + "@" + entry.Descriptor.Digest, null);
            }

            foreach ((string cosignKind, string suffix) in CosignKinds)
            {
                if (kind == cosignKind || kind.StartsWith(cosignKind + "/", StringComparison.Ordinal))
                {
                    Digest? subject = Digest.TryParse(entry.Descriptor.GetAnnotation(SubjectDigestAnnotation), out Digest annotated) ? annotated
                        : images.TryGetValue(entry.FullName, out Digest image) ? image : (Digest?)null;
                    if (subject == null)
                    {
                        return new BundleEntry(entry.Descriptor, repository + "@" + entry.Descriptor.Digest, null);
                    }

                    string tag = subject.Value.Algorithm + "-" + subject.Value.Encoded + suffix;
                    return new BundleEntry(entry.Descriptor, repository + ":" + tag, tag);
                }
            }

            return entry;
        }

        /// <summary>The kind after the <c>dev.hauler/</c> (or legacy) prefix, or null when the entry has no Hauler kind.</summary>
        private static string? KindOf(BundleEntry entry)
        {
            string? kind = entry.Descriptor.GetAnnotation(KindAnnotation);
            if (kind == null)
            {
                return null;
            }

            return kind.StartsWith(Prefix, StringComparison.Ordinal) ? kind.Substring(Prefix.Length)
                : kind.StartsWith(LegacyPrefix, StringComparison.Ordinal) ? kind.Substring(LegacyPrefix.Length)
                : null;
        }
    }
}
