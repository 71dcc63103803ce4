using System;
using System.Management.Automation;

namespace OciMirror.PowerShell.Errors
{
    /// <summary>
    /// Everything needed to build an <see cref="ErrorRecord"/>: exception, stable id, category, target
    /// object and recommended action. Crosses the <see cref="Common.ICmdletSink"/> seam instead of an
    /// <see cref="ErrorRecord"/>, whose stub in the PowerShellStandard reference assembly stores nothing.
    /// </summary>
    internal sealed class OciErrorInfo
    {
        public OciErrorInfo(Exception exception, string errorId, ErrorCategory category, object? targetObject, string? recommendedAction)
        {
            Exception = exception ?? throw new ArgumentNullException(nameof(exception));
            ErrorId = errorId ?? throw new ArgumentNullException(nameof(errorId));
            Category = category;
            TargetObject = targetObject;
            RecommendedAction = recommendedAction;
        }

        public Exception Exception { get; }

        /// <summary>Stable PascalCase id (no digests, no paths); PowerShell appends <c>,&lt;cmdlet class&gt;</c>.</summary>
        public string ErrorId { get; }

        public ErrorCategory Category { get; }

        /// <summary>The input the error is about (the reference as typed, the bundle path, the destination).</summary>
        public object? TargetObject { get; }

        /// <summary>What to try next; shown by <c>$Error[0].ErrorDetails.RecommendedAction</c>.</summary>
        public string? RecommendedAction { get; }

        public ErrorRecord ToErrorRecord()
        {
            var record = new ErrorRecord(Exception, ErrorId, Category, TargetObject);
            if (!string.IsNullOrEmpty(RecommendedAction))
            {
                record.ErrorDetails = new ErrorDetails(Exception.Message) { RecommendedAction = RecommendedAction };
            }

            return record;
        }
    }
}
