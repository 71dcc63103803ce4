using System.Management.Automation;
using OciMirror.Core.Diagnostics;

namespace OciMirror.PowerShell.Common
{
    /// <summary>
    /// One progress update, already validated for <see cref="ProgressRecord"/>: non-empty activity and
    /// status, percent in 0–100 or -1. Crosses the <see cref="ICmdletSink"/> seam instead of a
    /// <see cref="ProgressRecord"/> so tests can read it.
    /// </summary>
    internal sealed class OciProgressInfo
    {
        public OciProgressInfo(int activityId, string activity, string statusDescription, int percentComplete, bool completed)
        {
            ActivityId = activityId;
            Activity = activity;
            StatusDescription = statusDescription;
            PercentComplete = percentComplete;
            Completed = completed;
        }

        public int ActivityId { get; }

        /// <summary>Never empty (the ProgressRecord constructor throws on an empty activity).</summary>
        public string Activity { get; }

        /// <summary>Never empty (the ProgressRecord setter throws on an empty status).</summary>
        public string StatusDescription { get; }

        /// <summary>Bytes done versus known, for example "12.3 MiB of 31.0 MiB"; null when unknown.</summary>
        public string? CurrentOperation { get; set; }

        /// <summary>0–100, or -1 when unknown (a value over 100 makes ProgressRecord throw).</summary>
        public int PercentComplete { get; }

        /// <summary>True for the record that removes the bar (RecordType Completed).</summary>
        public bool Completed { get; }

        public ProgressRecord ToProgressRecord()
        {
            // Activity and status may name artifacts read from a bundle: escaped for the terminal.
            var record = new ProgressRecord(ActivityId, TerminalText.Escape(Activity), TerminalText.Escape(StatusDescription))
            {
                PercentComplete = PercentComplete,
                RecordType = Completed ? ProgressRecordType.Completed : ProgressRecordType.Processing,
            };
            if (!string.IsNullOrEmpty(CurrentOperation))
            {
                record.CurrentOperation = TerminalText.Escape(CurrentOperation);
            }

            return record;
        }
    }
}
