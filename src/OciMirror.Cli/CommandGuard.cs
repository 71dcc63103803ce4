using OciMirror.Core.Diagnostics;
using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Cli.Output;
using OciMirror.Core.Errors;
using OciMirror.Core.Operations;

namespace OciMirror.Cli
{
    /// <summary>
    /// Runs a command body and maps its outcome to an exit code: an <see cref="OperationSummary"/> with
    /// failures is 1, an <see cref="OciException"/> thrown before or instead of per-artifact results (an
    /// unusable bundle, an invalid destination) or a <see cref="UsageException"/> is 2, Ctrl+C is 130,
    /// anything else is an internal error (3).
    /// </summary>
    internal static class CommandGuard
    {
        public static async Task<int> RunAsync(CliConsole console, bool debug, Func<Task<int>> body, CancellationToken cancellationToken)
        {
            try
            {
                return await body().ConfigureAwait(false);
            }
            catch (UsageException e)
            {
                console.Error.WriteLine(ErrorText.Usage(e.Message));
                return ExitCodes.UsageOrSetup;
            }
            catch (OciException e) when (e.Kind == OciErrorKind.Cancelled || cancellationToken.IsCancellationRequested)
            {
                console.Error.WriteLine("cancelled.");
                return ExitCodes.Cancelled;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                console.Error.WriteLine("cancelled.");
                return ExitCodes.Cancelled;
            }
            catch (OciException e)
            {
                console.Error.WriteLine(ErrorText.Describe(e.Path ?? e.Reference, e));
                return ExitCodes.UsageOrSetup;
            }
            catch (Exception e)
            {
                console.Error.WriteLine("error: internal error: " + e.GetType().Name + ": " + TerminalText.Escape(e.Message));
                console.Error.WriteLine(debug
                    ? TerminalText.EscapeLines(e.ToString())
                    : "  hint: this is a bug; please report it with the output of the same command run with --debug.");
                return ExitCodes.InternalError;
            }
        }

        /// <summary>
        /// The summary of a <c>--dry-run</c> (nothing was written: every artifact to copy was declined) on stderr;
        /// 0, or 1 when some reference failed already while planning.
        /// </summary>
        public static int FinishDryRun(ConsoleObserver observer, string verb, OperationSummary summary)
        {
            long toMove = summary.Results.Where(r => r.Status == ArtifactStatus.Declined).Sum(r => r.MissingBytes);
            observer.WriteError($"{verb} --dry-run: {summary.Declined} to copy ({ByteSize.Format(toMove)} to transfer), {summary.Skipped} present, {summary.Failed} failed; nothing was written");
            return summary.Failed > 0 ? ExitCodes.PartialFailure : ExitCodes.Success;
        }

        /// <summary><see cref="FinishDryRun"/> or <see cref="Finish"/>.</summary>
        public static int Finish(ConsoleObserver observer, string verb, OperationSummary summary, bool dryRun) =>
            dryRun ? FinishDryRun(observer, verb, summary) : Finish(observer, verb, summary);

        /// <summary>Writes the one-line summary to stderr and returns 0, or 1 when some artifact failed.</summary>
        public static int Finish(ConsoleObserver observer, string verb, OperationSummary summary)
        {
            string text = $"{verb}: {summary.Copied} copied, {summary.Skipped} skipped, {summary.Failed} failed"
                + (summary.Declined > 0 ? $", {summary.Declined} declined" : string.Empty)
                + $"; {ByteSize.Format(summary.BytesCopied)} transferred"
                + (summary.StagingRepository != null ? $"; blobs staged in {summary.StagingRepository}" : string.Empty);
            observer.WriteError(text);
            return summary.Failed > 0 ? ExitCodes.PartialFailure : ExitCodes.Success;
        }
    }
}
