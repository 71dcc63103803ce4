using System;
using System.Management.Automation;
using OciMirror.Core.Errors;
using OciMirror.Core.Selection;
using OciMirror.PowerShell.Errors;

namespace OciMirror.PowerShell.Common
{
    /// <summary>Turns the tag selection parameters of Get-OciTag and Sync-OciRegistry into Core's <see cref="TagSelection"/>.</summary>
    internal static class SelectionParameters
    {
        /// <summary>The selection; <paramref name="latest"/> 0 means none, <paramref name="digestTag"/> null means Include.</summary>
        public static TagSelection Build(string[]? include, string[]? exclude, string[]? includeRegex, string[]? excludeRegex, string? semVer, int latest, bool includePrerelease, string? digestTag) => new TagSelection
        {
            Include = include ?? Array.Empty<string>(),
            Exclude = exclude ?? Array.Empty<string>(),
            IncludeRegex = includeRegex ?? Array.Empty<string>(),
            ExcludeRegex = excludeRegex ?? Array.Empty<string>(),
            SemverRange = string.IsNullOrWhiteSpace(semVer) ? null : semVer,
            Latest = latest > 0 ? latest : (int?)null,
            Prereleases = includePrerelease,
            DigestTags = ParseDigestTag(digestTag) ?? DigestTagMode.Include,
        };

        /// <summary>Include, Exclude or WithImages (the -DigestTag ValidateSet, any case); null for null.</summary>
        public static DigestTagMode? ParseDigestTag(string? value) =>
            string.IsNullOrEmpty(value) ? (DigestTagMode?)null : (DigestTagMode)Enum.Parse(typeof(DigestTagMode), value, ignoreCase: true);

        /// <summary>The terminating error for an invalid regular expression or range.</summary>
        public static OciErrorInfo InvalidSelection(FormatException e) =>
            new OciErrorInfo(e, ErrorMapper.ErrorId(OciErrorKind.InvalidConfiguration), ErrorCategory.InvalidArgument, null,
                "Fix the -IncludeRegex, -ExcludeRegex or -SemVer value named in the message.");
    }
}
