using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using OciMirror.Core.Errors;
using OciMirror.Core.Model;

namespace OciMirror.Core.Platforms
{
    /// <summary>
    /// A platform asked for with <c>--platform</c> / <c>-Platform</c>:
    /// <c>os/arch[/variant][:os.version][+feature[+feature...]]</c>, for example <c>linux/amd64</c>,
    /// <c>linux/arm64/v8:el9</c> or <c>windows/amd64:10.0.17763.5458+win32k</c>. It matches an index
    /// entry's platform by the image-spec/containerd rules (<see cref="Matches"/>). Immutable.
    /// </summary>
    public sealed class PlatformSpec : IEquatable<PlatformSpec>
    {
        private static readonly Regex NamePart = new Regex(@"^[A-Za-z0-9][A-Za-z0-9._-]*$", RegexOptions.CultureInvariant);

        private PlatformSpec(string text, string os, string architecture, string? variant, string? osVersion, IReadOnlyList<string> osFeatures, string? writtenVariant)
        {
            WrittenVariant = writtenVariant;
            Text = text;
            Os = os;
            Architecture = architecture;
            Variant = variant;
            OsVersion = osVersion;
            OsFeatures = osFeatures;
        }

        /// <summary>The text as the user wrote it (trimmed).</summary>
        public string Text { get; }

        /// <summary>The operating system, normalized (lowercase; <c>macos</c> is <c>darwin</c>).</summary>
        public string Os { get; }

        /// <summary>The architecture, normalized (<c>aarch64</c> is <c>arm64</c>, <c>x86_64</c> is <c>amd64</c>).</summary>
        public string Architecture { get; }

        /// <summary>The variant, normalized (arm64 defaults to <c>v8</c>, arm to <c>v7</c>), or null.</summary>
        public string? Variant { get; }

        /// <summary>The required <c>os.version</c> (compared exactly), or null for any.</summary>
        public string? OsVersion { get; }

        /// <summary>Features every matching entry must list in <c>os.features</c>; empty for none.</summary>
        public IReadOnlyList<string> OsFeatures { get; }

        /// <summary>The variant as written (lowercase), or null when none was written (a default is implied, not stated).</summary>
        private string? WrittenVariant { get; }

        /// <summary>
        /// Parses <c>os/arch[/variant][:os.version][+feature...]</c>. Everything after the first <c>:</c> up to the
        /// first <c>+</c> is the os.version; every <c>+</c> starts a required os.feature.
        /// </summary>
        /// <exception cref="OciException">InvalidReference naming the text and saying what is wrong.</exception>
        public static PlatformSpec Parse(string text)
        {
            string input = (text ?? string.Empty).Trim();
            string rest = input;
            var features = new List<string>();
            int plus = rest.IndexOf('+');
            if (plus >= 0)
            {
                foreach (string feature in rest.Substring(plus + 1).Split('+'))
                {
                    if (feature.Length == 0 || feature.Any(char.IsWhiteSpace))
                    {
                        throw Invalid(input, "an os.feature after '+' is empty or has a space");
                    }

                    features.Add(feature);
                }

                rest = rest.Substring(0, plus);
            }

            string? osVersion = null;
            int colon = rest.IndexOf(':');
            if (colon >= 0)
            {
                osVersion = rest.Substring(colon + 1);
                rest = rest.Substring(0, colon);
                if (osVersion.Length == 0 || osVersion.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
                {
                    throw Invalid(input, "the os.version after ':' is empty or has a space");
                }
            }

            string[] parts = rest.Split('/');
            if (parts.Length < 2 || parts.Length > 3)
            {
                throw Invalid(input, input.Length == 0 ? "it is empty" : "it needs an operating system and an architecture separated by '/'");
            }

            foreach (string part in parts)
            {
                if (!NamePart.IsMatch(part))
                {
                    throw Invalid(input, $"'{part}' is not a valid operating system, architecture or variant (letters, digits, '.', '_', '-')");
                }
            }

            var (architecture, variant) = PlatformNames.Architecture(parts[1], parts.Length == 3 ? parts[2] : null);
            string? written = parts.Length == 3 ? variant : null;
            return new PlatformSpec(input, PlatformNames.Os(parts[0]), architecture, variant, osVersion, features, written);
        }

        /// <summary>Parses every non-blank entry of <paramref name="texts"/>, dropping duplicates.</summary>
        /// <exception cref="OciException">InvalidReference for the first malformed entry.</exception>
        public static IReadOnlyList<PlatformSpec> ParseAll(IEnumerable<string>? texts)
        {
            var specs = new List<PlatformSpec>();
            foreach (string text in texts ?? Array.Empty<string>())
            {
                if (!string.IsNullOrWhiteSpace(text) && !specs.Contains(Parse(text)))
                {
                    specs.Add(Parse(text));
                }
            }

            return specs;
        }

        /// <summary>
        /// True when <paramref name="platform"/> (an index entry's or an image config's) is this platform:
        /// os, architecture and variant equal after normalization (containerd rules: arm64 without variant
        /// is v8, arm without variant is v7); the os.version equal when this spec names one; every os.feature
        /// of this spec listed by the platform. A null platform never matches.
        /// </summary>
        public bool Matches(Platform? platform)
        {
            if (platform == null || !PlatformNames.Same(Os, PlatformNames.Os(platform.Os)))
            {
                return false;
            }

            var (architecture, variant) = PlatformNames.Architecture(platform.Architecture, platform.Variant);
            if (!PlatformNames.Same(Architecture, architecture) || !PlatformNames.Same(Variant, variant))
            {
                return false;
            }

            if (OsVersion != null && !string.Equals(OsVersion, platform.OsVersion, StringComparison.Ordinal))
            {
                return false;
            }

            return OsFeatures.All(f => platform.OsFeatures != null && platform.OsFeatures.Contains(f, StringComparer.Ordinal));
        }

        /// <summary>
        /// The platform to write into an index entry: os and architecture normalized, the variant only when it was
        /// written (normalized), the os.version and os.features as given.
        /// </summary>
        public Platform ToPlatform() => new Platform(Os, Architecture, WrittenVariant, OsVersion, OsFeatures.Count == 0 ? null : OsFeatures);

        /// <summary>The normalized form: <c>os/arch[/variant][:os.version][+feature...]</c>.</summary>
        public override string ToString() =>
            $"{Os}/{Architecture}{(Variant == null ? string.Empty : "/" + Variant)}{(OsVersion == null ? string.Empty : ":" + OsVersion)}{string.Concat(OsFeatures.Select(f => "+" + f))}";

        public bool Equals(PlatformSpec? other) => other != null && string.Equals(ToString(), other.ToString(), StringComparison.Ordinal);

        public override bool Equals(object? obj) => Equals(obj as PlatformSpec);

        public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(ToString());

        private static OciException Invalid(string text, string why) => new OciException(
            OciErrorKind.InvalidReference,
            $"Platform '{text}' is not valid: {why}.")
        {
            Reference = text,
            RecommendedAction = "Write the platform as os/arch[/variant][:os.version], for example linux/amd64, linux/arm64/v8:el9 or windows/amd64:10.0.17763.5458.",
        };
    }
}
