using System.Collections.Generic;
using System.Text.RegularExpressions;
using OciMirror.Core.Model;

namespace OciMirror.Core.Selection
{
    /// <summary>
    /// Tags that name another manifest by digest: cosign's signatures, attestations and SBOMs
    /// (<c>sha256-&lt;hex&gt;.sig</c>, <c>.att</c>, <c>.sbom</c>) and the referrers tag schema of the
    /// distribution spec v1.1 (<c>sha256-&lt;hex&gt;</c>, an index of the referrers of that digest). The one
    /// parser of such tags: tag selection uses it, and so does referrer discovery (Referrers.ReferrerTags).
    /// </summary>
    public static class DigestTag
    {
        /// <summary>The cosign digest-tag suffixes, in the order they are looked up.</summary>
        public static readonly IReadOnlyList<string> Suffixes = new[] { ".sig", ".att", ".sbom" };

        private static readonly Regex Pattern = new Regex(
            @"^(?<alg>sha256|sha512)-(?<hex>[a-f0-9]{64}|[a-f0-9]{128})(?<suffix>\.(?:sig|att|sbom))?$",
            RegexOptions.CultureInvariant | RegexOptions.Compiled);

        /// <summary>True when <paramref name="tag"/> is a digest tag; <paramref name="subject"/> is the digest it names.</summary>
        public static bool TryParse(string? tag, out Digest subject) => TryParse(tag, out subject, out _);

        /// <summary>
        /// True when <paramref name="tag"/> is a digest tag: <paramref name="subject"/> is the full digest it names
        /// (a sha512 tag of the spec's schema holds only 64 hex characters and never parses), <paramref name="suffix"/>
        /// ".sig", ".att", ".sbom", or null for the referrers tag schema's index tag itself.
        /// </summary>
        public static bool TryParse(string? tag, out Digest subject, out string? suffix)
        {
            subject = default;
            suffix = null;
            Match match = Pattern.Match(tag ?? string.Empty);
            if (!match.Success || !Digest.TryParse(match.Groups["alg"].Value + ":" + match.Groups["hex"].Value, out subject))
            {
                return false;
            }

            suffix = match.Groups["suffix"].Success ? match.Groups["suffix"].Value : null;
            return true;
        }

        /// <summary>True when <paramref name="tag"/> is a digest tag (cosign's or the referrers tag schema's).</summary>
        public static bool IsDigestTag(string? tag) => TryParse(tag, out _);
    }
}
