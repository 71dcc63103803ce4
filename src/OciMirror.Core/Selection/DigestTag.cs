using System.Text.RegularExpressions;
using OciMirror.Core.Model;

namespace OciMirror.Core.Selection
{
    /// <summary>
    /// Tags that name another manifest by digest: cosign's signatures, attestations and SBOMs
    /// (<c>sha256-&lt;hex&gt;.sig</c>, <c>.att</c>, <c>.sbom</c>) and the referrers tag schema of the
    /// distribution spec v1.1 (<c>sha256-&lt;hex&gt;</c>, an index of the referrers of that digest).
    /// </summary>
    public static class DigestTag
    {
        private static readonly Regex Pattern = new Regex(
            @"^(?<alg>sha256|sha512)-(?<hex>[a-f0-9]{64}|[a-f0-9]{128})(?:\.(?:sig|att|sbom))?$",
            RegexOptions.CultureInvariant | RegexOptions.Compiled);

        /// <summary>True when <paramref name="tag"/> is a digest tag; <paramref name="subject"/> is the digest it names.</summary>
        public static bool TryParse(string? tag, out Digest subject)
        {
            subject = default;
            Match match = Pattern.Match(tag ?? string.Empty);
            return match.Success && Digest.TryParse(match.Groups["alg"].Value + ":" + match.Groups["hex"].Value, out subject);
        }

        /// <summary>True when <paramref name="tag"/> is a digest tag.</summary>
        public static bool IsDigestTag(string? tag) => TryParse(tag, out _);
    }
}
