using System;
using System.Management.Automation;
using OciMirror.Core.Diagnostics;

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
            RecommendedAction = recommendedAction == null ? null : TerminalText.Escape(recommendedAction);
            Message = TerminalText.Escape(exception.Message);
        }

        public Exception Exception { get; }

        /// <summary>Stable PascalCase id (no digests, no paths); PowerShell appends <c>,&lt;cmdlet class&gt;</c>.</summary>
        public string ErrorId { get; }

        public ErrorCategory Category { get; }

        /// <summary>The input the error is about (the reference as typed, the bundle path, the destination).</summary>
        public object? TargetObject { get; }

        /// <summary>What to try next, escaped for the terminal; shown by <c>$Error[0].ErrorDetails.RecommendedAction</c>.</summary>
        public string? RecommendedAction { get; }

        /// <summary>
        /// The message PowerShell displays (<c>ErrorDetails.Message</c>): the exception's message with control
        /// characters escaped (<see cref="TerminalText"/>), because it may quote a name from a bundle or a
        /// registry. <c>$Error[0].Exception.Message</c> keeps the raw text for scripts.
        /// </summary>
        public string Message { get; }

        public ErrorRecord ToErrorRecord()
        {
            return new ErrorRecord(Exception, ErrorId, Category, TargetObject)
            {
                ErrorDetails = new ErrorDetails(Message) { RecommendedAction = RecommendedAction ?? string.Empty },
            };
        }
    }
}
