using System;
using System.Management.Automation;
using OciMirror.PowerShell.Errors;

namespace OciMirror.PowerShell.Common
{
    /// <summary>The check shared by -NoReferrers and -ReferrerArtifactType of Export-OciArtifact and Import-OciArtifact.</summary>
    internal static class ReferrerParameters
    {
        /// <summary>Id of the terminating error for both parameters given at once.</summary>
        public const string ConflictId = "OciReferrerParametersConflict";

        /// <summary>The error for -NoReferrers together with -ReferrerArtifactType; null when they agree.</summary>
        public static OciErrorInfo? Check(bool noReferrers, string[]? artifactTypes)
        {
            if (!noReferrers || artifactTypes == null || artifactTypes.Length == 0)
            {
                return null;
            }

            var conflict = new ArgumentException("-NoReferrers and -ReferrerArtifactType contradict each other: -NoReferrers carries no referrer at all.", "ReferrerArtifactType");
            return new OciErrorInfo(conflict, ConflictId, ErrorCategory.InvalidArgument, string.Join(",", artifactTypes), "Give -NoReferrers to leave referrers out, or -ReferrerArtifactType to keep only some types, not both.");
        }
    }
}
