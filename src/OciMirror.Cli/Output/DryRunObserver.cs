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
    /// <c>would-copy NAME DIGEST: ACTION</c> (the action says how many blobs and bytes would move); present ones
    /// print as <c>skipped</c>, failures as usual. With <c>--json</c> the result objects (status
    /// <c>declined</c>) are written unchanged.
    /// </summary>
    internal sealed class DryRunObserver : IOperationObserver
    {
        private readonly ConsoleObserver _inner;
        private readonly CliConsole _console;
        private readonly bool _json;
        private readonly Func<ArtifactResult, string> _displayName;
        private readonly ConcurrentDictionary<string, string> _actions = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);

        public DryRunObserver(ConsoleObserver inner, CliConsole console, bool json, Func<ArtifactResult, string> displayName)
        {
            _inner = inner;
            _console = console;
            _json = json;
            _displayName = displayName;
        }

        /// <summary>
        /// The observers of a copying verb whose results name the destination: the console observer (for the
        /// summary and setup logs) and what the engine gets, the same one or, with <paramref name="dryRun"/>, this.
        /// </summary>
        public static (ConsoleObserver Output, IOperationObserver Engine) For(CliConsole console, bool json, LogLevel? logLevel, bool dryRun)
        {
            Func<ArtifactResult, string> display = r => r.Destination ?? r.Source ?? r.Input;
            var output = new ConsoleObserver(console, json, logLevel, display);
            return (output, dryRun ? new DryRunObserver(output, console, json, display) : output);
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
            string action = result.Destination != null && _actions.TryGetValue(result.Destination, out string? a) ? a : "copy";
            lock (_console)
            {
                _console.Output.WriteLine($"would-copy {name}  {result.Digest ?? "-"}  {action}");
                _console.Output.Flush();
            }
        }

        public Task<bool> ShouldProcessAsync(string target, string action, CancellationToken cancellationToken)
        {
            _actions[target] = action;
            return Task.FromResult(false);
        }

        /// <summary>Writes one line to stderr through the console observer.</summary>
        public void WriteError(string line) => _inner.WriteError(line);
    }
}
