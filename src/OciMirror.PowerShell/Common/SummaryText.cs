using System.Globalization;
using OciMirror.Core.Diagnostics;
using OciMirror.Core.Operations;

namespace OciMirror.PowerShell.Common
{
    /// <summary>The verbose closing line of the cmdlets that copy: the same counts in the same words for each.</summary>
    internal static class SummaryText
    {
        /// <summary><c>WHAT: 3 copied, 1 skipped, 0 declined, 0 failed; 12.3 MiB transferred[; blobs staged in REPO].</c></summary>
        public static string Of(string what, OperationSummary summary) => string.Format(
            CultureInfo.InvariantCulture,
            "{0}: {1} copied, {2} skipped, {3} declined, {4} failed; {5} transferred{6}.",
            what, summary.Copied, summary.Skipped, summary.Declined, summary.Failed, ByteSize.Format(summary.BytesCopied),
            summary.StagingRepository == null ? string.Empty : "; blobs staged in " + summary.StagingRepository);
    }
}
