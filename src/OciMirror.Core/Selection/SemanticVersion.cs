using System;
using System.Globalization;

namespace OciMirror.Core.Selection
{
    /// <summary>
    /// A semantic version as Masterminds/semver v3 reads one with <c>NewVersion</c> (the parser skopeo's
    /// <c>images-by-semver</c> and regsync apply to tags): an optional <c>v</c>, one to three numeric parts
    /// (missing ones are 0, leading zeros accepted), an optional pre-release (<c>-rc.1</c>) and optional
    /// build metadata (<c>+build.5</c>). Precedence follows semver.org §11: build metadata never counts.
    /// Immutable.
    /// </summary>
    public sealed class SemanticVersion : IComparable<SemanticVersion>
    {
        private SemanticVersion(ulong major, ulong minor, ulong patch, string prerelease, string metadata, string original)
        {
            Major = major;
            Minor = minor;
            Patch = patch;
            Prerelease = prerelease;
            Metadata = metadata;
            Original = original;
        }

        public ulong Major { get; }

        public ulong Minor { get; }

        public ulong Patch { get; }

        /// <summary>The pre-release identifiers without the dash (<c>rc.1</c>), or empty.</summary>
        public string Prerelease { get; }

        /// <summary>The build metadata without the plus (<c>build.5</c>), or empty.</summary>
        public string Metadata { get; }

        /// <summary>The text this was parsed from.</summary>
        public string Original { get; }

        /// <summary>True when the version has a pre-release part.</summary>
        public bool IsPrerelease => Prerelease.Length != 0;

        /// <summary>Parses <paramref name="text"/> like Masterminds' <c>NewVersion</c>; null when it is not a version.</summary>
        public static SemanticVersion? TryParse(string? text)
        {
            var scanner = new VersionScanner(text ?? string.Empty);
            if (!scanner.TryReadNumbers(allowWildcards: false, out ulong?[] parts, out _)
                || !scanner.TryReadSuffixes(out string prerelease, out string metadata)
                || !scanner.AtEnd
                || !IsValidPrerelease(prerelease))
            {
                return null;
            }

            return new SemanticVersion(parts[0] ?? 0, parts[1] ?? 0, parts[2] ?? 0, prerelease, metadata, text!);
        }

        /// <summary>
        /// Parses a registry tag. Tags cannot hold '+', so a tag's first '_' stands for it, the convention Helm
        /// uses for chart versions pushed as OCI tags (<c>1.2.3_build.5</c> is <c>1.2.3+build.5</c>). Null for a
        /// tag that is not a version (<c>latest</c>, <c>1.25-alpine3.20</c> is a pre-release, not null).
        /// </summary>
        public static SemanticVersion? TryParseTag(string? tag)
        {
            if (string.IsNullOrEmpty(tag))
            {
                return null;
            }

            int underscore = tag!.IndexOf('_');
            SemanticVersion? version = TryParse(underscore < 0 ? tag : tag.Substring(0, underscore) + "+" + tag.Substring(underscore + 1));
            return version == null ? null : new SemanticVersion(version.Major, version.Minor, version.Patch, version.Prerelease, version.Metadata, tag);
        }

        /// <summary>Builds a version from its parts (used for constraint bounds).</summary>
        internal static SemanticVersion Create(ulong major, ulong minor, ulong patch, string prerelease) =>
            new SemanticVersion(major, minor, patch, prerelease, string.Empty, string.Empty);

        /// <summary>Semver precedence: negative, zero or positive. Build metadata is ignored.</summary>
        public int CompareTo(SemanticVersion? other)
        {
            if (other == null)
            {
                return 1;
            }

            int c = Major.CompareTo(other.Major);
            c = c != 0 ? c : Minor.CompareTo(other.Minor);
            c = c != 0 ? c : Patch.CompareTo(other.Patch);
            if (c != 0)
            {
                return c;
            }

            if (!IsPrerelease || !other.IsPrerelease)
            {
                // A release outranks any pre-release of the same numbers.
                return IsPrerelease == other.IsPrerelease ? 0 : IsPrerelease ? -1 : 1;
            }

            return ComparePrerelease(Prerelease, other.Prerelease);
        }

        /// <summary><c>major.minor.patch[-pre][+meta]</c>, without the <c>v</c> the original may have had.</summary>
        public override string ToString() =>
            string.Format(CultureInfo.InvariantCulture, "{0}.{1}.{2}", Major, Minor, Patch)
            + (IsPrerelease ? "-" + Prerelease : string.Empty)
            + (Metadata.Length != 0 ? "+" + Metadata : string.Empty);

        /// <summary>Compares two dot-separated pre-release strings identifier by identifier (semver.org §11.4).</summary>
        internal static int ComparePrerelease(string left, string right)
        {
            string[] a = left.Split('.');
            string[] b = right.Split('.');
            for (int i = 0; i < Math.Max(a.Length, b.Length); i++)
            {
                int c = CompareIdentifier(i < a.Length ? a[i] : string.Empty, i < b.Length ? b[i] : string.Empty);
                if (c != 0)
                {
                    return c;
                }
            }

            return 0;
        }

        /// <summary>True when every identifier is non-empty and a numeric one has no leading zero.</summary>
        internal static bool IsValidPrerelease(string prerelease)
        {
            if (prerelease.Length == 0)
            {
                return true;
            }

            foreach (string part in prerelease.Split('.'))
            {
                if (part.Length == 0 || (IsDigits(part) && part.Length > 1 && part[0] == '0'))
                {
                    return false;
                }
            }

            return true;
        }

        private static int CompareIdentifier(string a, string b)
        {
            if (string.Equals(a, b, StringComparison.Ordinal))
            {
                return 0;
            }

            // A missing identifier ranks lower (1.0.0-rc < 1.0.0-rc.1).
            if (a.Length == 0 || b.Length == 0)
            {
                return a.Length == 0 ? -1 : 1;
            }

            bool aNumber = TryNumber(a, out ulong x);
            bool bNumber = TryNumber(b, out ulong y);
            if (aNumber && bNumber)
            {
                return x.CompareTo(y);
            }

            // Numeric identifiers rank below alphanumeric ones; alphanumerics compare as bytes.
            if (aNumber != bNumber)
            {
                return aNumber ? -1 : 1;
            }

            return Math.Sign(string.CompareOrdinal(a, b));
        }

        /// <summary>An identifier made only of digits that fits in 64 bits (Go's ParseUint); longer digit runs compare as text.</summary>
        private static bool TryNumber(string s, out ulong value)
        {
            value = 0;
            return IsDigits(s) && ulong.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out value);
        }

        internal static bool IsDigits(string s)
        {
            foreach (char c in s)
            {
                if (c < '0' || c > '9')
                {
                    return false;
                }
            }

            return s.Length > 0;
        }
    }
}
