using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Diagnostics;
using OciMirror.Core.Operations;

namespace OciMirror.Cli.Output
{
    /// <summary>
    /// <c>--dry-run</c>: answers every "may I write?" with no, so the engine plans (lists, selects, resolves,
    /// checks what the destination has) and writes nothing. Each reference that would be copied is printed as
    /// <c>would-copy NAME DIGEST ACTION</c> (the action says how many blobs and bytes would move); present ones
    /// print as <c>skipped</c>, failures as usual; a referrer that would be carried ends with <c>referrer of DIGEST</c>. With <c>--json</c> the result objects (status
    /// <c>declined</c>) are written unchanged. Names and actions are escaped for the terminal (they may quote a
    /// registry, a sync file or a bundle path) and written through the console observer's lock.
    /// </summary>
    internal sealed class DryRunObserver : IOperationObserver
    {
        private readonly ConsoleObserver _inner;
        private readonly bool _json;
        private readonly Func<ArtifactResult, string> _displayName;
        private readonly ConcurrentDictionary<string, string> _actions = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);

        /// <param name="displayName">
        /// The name a result is shown under; it must be the target the engine asks about in ShouldProcess (the
        /// destination of a copy or an import, the source of an export), so that the line carries that action.
        /// </param>
        public DryRunObserver(ConsoleObserver inner, bool json, Func<ArtifactResult, string> displayName)
        {
            _inner = inner;
            _json = json;
            _displayName = displayName;
        }

        /// <summary>The name of a result of a copy or an import: where it goes.</summary>
        public static string Destination(ArtifactResult result) => result.Destination ?? result.Source ?? result.Input;

        /// <summary>The name of a result of an export: what it is (every result shares the bundle as its destination).</summary>
        public static string Source(ArtifactResult result) => result.Source ?? result.Input;

        /// <summary>
        /// The observers of a copying verb: the console observer (for the summary and setup logs) and what the
        /// engine gets, the same one or, with <paramref name="dryRun"/>, this. Results are shown by <paramref name="displayName"/>.
        /// </summary>
        public static (ConsoleObserver Output, IOperationObserver Engine) For(CliConsole console, bool json, LogLevel? logLevel, bool dryRun, Func<ArtifactResult, string> displayName)
        {
            var output = new ConsoleObserver(console, json, logLevel, displayName);
            return (output, dryRun ? new DryRunObserver(output, json, displayName) : output);
        }

        public void Log(LogLevel level, string message) => _inner.Log(level, message);

        public void OnProgress(ProgressSnapshot progress) => _inner.OnProgress(progress);

        public void OnArtifactCompleted(ArtifactResult result)
        {
            if (_json || result.Status != ArtifactStatus.Declined)
            {
                _inner.OnArtifactCompleted(result);
                return;
            }

            string name = _displayName(result);
            string action = _actions.TryGetValue(name, out string? a) ? a : "copy";
            string referrerOf = result.ReferrerOf != null ? "  referrer of " + TerminalText.Escape(result.ReferrerOf) : string.Empty;
            _inner.WriteOutput($"would-copy {TerminalText.Escape(name)}  {TerminalText.Escape(result.Digest ?? "-")}  {TerminalText.Escape(action)}{referrerOf}");
        }

        public Task<bool> ShouldProcessAsync(string target, string action, CancellationToken cancellationToken)
        {
            _actions[target] = action;
            return Task.FromResult(false);
        }
    }
}
