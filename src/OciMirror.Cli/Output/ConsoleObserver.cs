using System;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Diagnostics;
using OciMirror.Core.Operations;

namespace OciMirror.Cli.Output
{
    /// <summary>
    /// Renders an operation for the console. Results go to stdout (one human line, or one JSON object with
    /// <c>--json</c>); failures, warnings, the engine log (with --verbose/--debug) and progress (only when
    /// stderr is a terminal) go to stderr. Safe to call from any thread: every write takes one lock.
    /// </summary>
    internal sealed class ConsoleObserver : IOperationObserver
    {
        private readonly object _gate = new object();
        private readonly CliConsole _console;
        private readonly bool _json;
        private readonly LogLevel? _logLevel;
        private readonly Func<ArtifactResult, string> _displayName;
        private readonly ProgressLine? _progress;

        /// <param name="displayName">The reference to show for a result (export: the source; import: the destination).</param>
        public ConsoleObserver(CliConsole console, bool json, LogLevel? logLevel, Func<ArtifactResult, string> displayName)
        {
            _console = console;
            _json = json;
            _logLevel = logLevel;
            _displayName = displayName;
            _progress = console.ErrorIsTerminal ? new ProgressLine() : null;
        }

        public void Log(LogLevel level, string message)
        {
            if (!ShouldLog(level))
            {
                return;
            }

            string prefix = level switch
            {
                LogLevel.Warning => "warning: ",
                LogLevel.Debug => "debug: ",
                _ => "verbose: ",
            };
            WriteError(prefix + TerminalText.Escape(message));
        }

        public void OnProgress(ProgressSnapshot progress)
        {
            if (_progress == null)
            {
                return;
            }

            lock (_gate)
            {
                _progress.Update(_console.Error, progress);
            }
        }

        public void OnArtifactCompleted(ArtifactResult result)
        {
            string name = TerminalText.Escape(_displayName(result));
            lock (_gate)
            {
                _progress?.Clear(_console.Error);
                if (_json)
                {
                    _console.Output.WriteLine(JsonLines.Artifact(result));
                    _console.Output.Flush();
                }
                else if (result.Status != ArtifactStatus.Failed)
                {
                    _console.Output.WriteLine($"{JsonLines.StatusName(result.Status),-8} {name}  {TerminalText.Escape(result.Digest ?? "-")}  {ByteSize.Format(result.Size)}"
                        + (result.Note == null ? string.Empty : "  (" + TerminalText.Escape(result.Note) + ")"));
                    _console.Output.Flush();
                }

                if (result.Status == ArtifactStatus.Failed)
                {
                    string text = result.Error != null
                        ? ErrorText.Describe(_displayName(result), result.Error)
                        : "error: " + name + ": failed";
                    _console.Error.WriteLine(text);
                    _console.Error.Flush();
                }
            }
        }

        /// <summary>The CLI has no -WhatIf/-Confirm: every change is allowed.</summary>
        public Task<bool> ShouldProcessAsync(string target, string action, CancellationToken cancellationToken) => Task.FromResult(true);

        /// <summary>Writes one line to stderr, clearing the progress line first. Escape text from a bundle or registry before (see <see cref="TerminalText"/>).</summary>
        public void WriteError(string line)
        {
            lock (_gate)
            {
                _progress?.Clear(_console.Error);
                _console.Error.WriteLine(line);
                _console.Error.Flush();
            }
        }

        private bool ShouldLog(LogLevel level)
        {
            if (level == LogLevel.Warning)
            {
                return true;
            }

            return _logLevel switch
            {
                LogLevel.Debug => true,
                LogLevel.Verbose => level == LogLevel.Verbose,
                _ => false,
            };
        }
    }
}
