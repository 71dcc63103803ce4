using System;
using System.Collections.Generic;
using System.Text;
using OciMirror.Core.Model;
using OciMirror.Core.Selection;

namespace OciMirror.Core.Referrers
{
    /// <summary>
    /// The tag names that point at referrers without the referrers API: the referrers tag schema of
    /// distribution-spec 1.1 (<c>sha256-&lt;hex&gt;</c>, an image index listing the referrers of that digest) and
    /// cosign's digest tags (<c>sha256-&lt;hex&gt;.sig</c>, <c>.att</c>, <c>.sbom</c>: a signature, attestation or
    /// SBOM manifest of that digest, found by its tag alone).
    /// </summary>
    public static class ReferrerTags
    {
        /// <summary>The cosign digest-tag suffixes, in the order they are looked up.</summary>
        public static readonly IReadOnlyList<string> DigestTagSuffixes = DigestTag.Suffixes;

        /// <summary>
        /// The referrers tag of <paramref name="subject"/> (spec "Referrers Tag Schema"): the algorithm
        /// truncated to 32 characters, '-', the encoded part truncated to 64, any character a tag cannot hold
        /// replaced by '-'. <c>sha256:abc…</c> → <c>sha256-abc…</c>.
        /// </summary>
        public static string TagSchemaTag(Digest subject)
        {
            if (subject.IsEmpty)
            {
                throw new ArgumentException("A digest is required.", nameof(subject));
            }

            string algorithm = Truncate(subject.Algorithm, 32);
            string encoded = Truncate(subject.Encoded, 64);
            var tag = new StringBuilder(algorithm.Length + 1 + encoded.Length);
            foreach (char c in algorithm + "-" + encoded)
            {
                tag.Append(IsTagChar(c) ? c : '-');
            }

            return tag.ToString();
        }

        /// <summary>The cosign digest tags of <paramref name="subject"/>: <c>sha256-&lt;hex&gt;.sig</c>, <c>.att</c>, <c>.sbom</c>.</summary>
        public static IReadOnlyList<string> DigestTags(Digest subject)
        {
            string stem = TagSchemaTag(subject);
            var tags = new List<string>(DigestTagSuffixes.Count);
            foreach (string suffix in DigestTagSuffixes)
            {
                tags.Add(stem + suffix);
            }

            return tags;
        }

        /// <summary>True for a cosign digest tag of a sha256 or sha512 digest (<c>sha256-&lt;64 hex&gt;.sig</c>…).</summary>
        public static bool IsDigestTag(string? tag) => TryParseSubject(tag, out _, out string? suffix) && suffix != null;

        /// <summary>True for a referrers tag of a sha256 or sha512 digest (<c>sha256-&lt;64 hex&gt;</c>, no suffix).</summary>
        public static bool IsTagSchemaTag(string? tag) => TryParseSubject(tag, out _, out string? suffix) && suffix == null;

        /// <summary>
        /// Reads the subject of a referrers tag or cosign digest tag (<see cref="DigestTag.TryParse(string, out Digest, out string)"/>,
        /// the one parser): <paramref name="subject"/> is the full digest, <paramref name="suffix"/> ".sig", ".att",
        /// ".sbom" or null for the referrers tag itself.
        /// </summary>
        public static bool TryParseSubject(string? tag, out Digest subject, out string? suffix) => DigestTag.TryParse(tag, out subject, out suffix);

        private static string Truncate(string value, int length) => value.Length <= length ? value : value.Substring(0, length);

        // Tag grammar (distribution-spec "Pulling manifests"): [a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}.
        private static bool IsTagChar(char c) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-';
    }
}
