using System;
using System.Text.RegularExpressions;
using OciMirror.Core.Errors;
using OciMirror.Core.References;

namespace OciMirror.Core.Artifacts
{
    /// <summary>
    /// Where an artifact is read from or written to by <c>push</c>, <c>pull</c> and <c>index create</c>: a registry
    /// reference (<c>registry.corp.local/team/app:v1</c>), or a bundle written <c>oci:PATH[:NAME]</c> or
    /// <c>oci:PATH@DIGEST</c> (skopeo's transport prefix; <c>oci-archive:</c> is accepted too) where PATH is a
    /// layout directory, a .tar or (written only) a .tgz, and NAME selects or names an entry: a full reference, a tag,
    /// a digest, or nothing for the single root of a layout. The path ends at the first ':' after an optional
    /// Windows drive (<c>oci:C:\bundles\x:corp.local/app:v1</c>), so a path containing ':' cannot be named. Immutable.
    /// </summary>
    public sealed class ArtifactLocation
    {
        /// <summary>The prefix that marks a bundle.</summary>
        public const string BundlePrefix = "oci:";

        private const string ArchivePrefix = "oci-archive:";
        private static readonly Regex Drive = new Regex(@"^[A-Za-z]:[\\/]", RegexOptions.CultureInvariant);
        private static readonly Regex PinnedDigest = new Regex(@"@(sha256|sha512):[0-9a-f]+$", RegexOptions.CultureInvariant);

        private ArtifactLocation(string text, Reference? reference, string? bundlePath, string bundleName)
        {
            Text = text;
            Reference = reference;
            BundlePath = bundlePath;
            BundleName = bundleName;
        }

        /// <summary>The location as written.</summary>
        public string Text { get; }

        /// <summary>True for a bundle (<see cref="BundlePath"/>), false for a registry (<see cref="Reference"/>).</summary>
        public bool IsBundle => BundlePath != null;

        /// <summary>The registry reference (tag defaulting to <c>latest</c>), or null for a bundle.</summary>
        public Reference? Reference { get; }

        /// <summary>The bundle path, or null for a registry.</summary>
        public string? BundlePath { get; }

        /// <summary>The entry name in the bundle (a full reference, tag or digest); empty for none.</summary>
        public string BundleName { get; }

        /// <summary>Parses a location.</summary>
        /// <exception cref="OciException">InvalidReference: an empty bundle path or a malformed registry reference.</exception>
        public static ArtifactLocation Parse(string text)
        {
            string input = (text ?? string.Empty).Trim();
            string? rest = input.StartsWith(BundlePrefix, StringComparison.Ordinal) ? input.Substring(BundlePrefix.Length)
                : input.StartsWith(ArchivePrefix, StringComparison.Ordinal) ? input.Substring(ArchivePrefix.Length)
                : null;
            if (rest == null)
            {
                return new ArtifactLocation(input, References.Reference.Parse(input), null, string.Empty);
            }

            string path = rest;
            string name = string.Empty;
            Match pinned = PinnedDigest.Match(rest);
            int start = Drive.IsMatch(rest) ? 2 : 0;
            int colon = rest.IndexOf(':', start);
            if (pinned.Success && (colon < 0 || colon > pinned.Index))
            {
                path = rest.Substring(0, pinned.Index);
                name = rest.Substring(pinned.Index + 1);
            }
            else if (colon >= 0)
            {
                path = rest.Substring(0, colon);
                name = rest.Substring(colon + 1);
            }

            if (path.Trim().Length == 0)
            {
                throw new OciException(OciErrorKind.InvalidReference, $"Bundle location '{input}' has no path.")
                {
                    Reference = input,
                    RecommendedAction = "Write a bundle as oci:PATH[:NAME], for example oci:./bundle:corp.local/team/app:v1.",
                };
            }

            return new ArtifactLocation(input, null, path, name.Trim());
        }

        /// <summary>The same bundle location with another path (a front end's resolved, absolute path); a registry location is returned as it is.</summary>
        public ArtifactLocation WithBundlePath(string path) =>
            IsBundle ? new ArtifactLocation(BundlePrefix + path + (BundleName.Length == 0 ? string.Empty : ":" + BundleName), null, path, BundleName) : this;

        /// <summary>The registry reference or <c>oci:PATH[:NAME]</c>; parses back to the same location.</summary>
        public override string ToString() => IsBundle ? BundlePrefix + BundlePath + (BundleName.Length == 0 ? string.Empty : ":" + BundleName) : Reference!.ToString();
    }
}
