using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Integration.Tests.Bundles;

namespace OciMirror.Integration.Tests.Infrastructure
{
    /// <summary>
    /// The built CLI as a real child process (<c>dotnet ocimirror.dll …</c>), started without waiting, so a
    /// test can run several at once, watch their output as it comes, and stop them with a signal.
    /// </summary>
    public sealed class CliChild : IDisposable
    {
        /// <summary>A hang guard only (never an assertion).</summary>
        private static readonly TimeSpan HangGuard = TimeSpan.FromMinutes(5);

        private readonly Process _process;
        private readonly ConcurrentQueue<string> _stdout = new ConcurrentQueue<string>();
        private readonly ConcurrentQueue<string> _stderr = new ConcurrentQueue<string>();
        private readonly Task _readers;

        private CliChild(Process process, string[] args)
        {
            _process = process;
            Args = args;
            _readers = Task.WhenAll(PumpAsync(process.StandardOutput, _stdout), PumpAsync(process.StandardError, _stderr));
        }

        public string[] Args { get; }

        public string StdOut => string.Join("\n", _stdout);

        public string StdErr => string.Join("\n", _stderr);

        /// <summary>Starts <c>dotnet ocimirror.dll <paramref name="args"/></c> in <paramref name="workingDirectory"/>, stdin closed.</summary>
        public static CliChild Start(string workingDirectory, params string[] args)
        {
            var info = new ProcessStartInfo("dotnet")
            {
                WorkingDirectory = workingDirectory,
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            info.ArgumentList.Add(CliProcess.Dll);
            foreach (string a in args)
            {
                info.ArgumentList.Add(a);
            }

            Process process = Process.Start(info) ?? throw new InvalidOperationException("dotnet could not be started");
            process.StandardInput.Close();
            return new CliChild(process, args);
        }

        /// <summary>Waits until a line of standard output contains <paramref name="text"/>; false when the process ended first.</summary>
        public async Task<bool> WaitForOutputAsync(string text)
        {
            using var guard = new CancellationTokenSource(HangGuard);
            while (!_stdout.Any(l => l.Contains(text, StringComparison.Ordinal)))
            {
                if (_process.HasExited && _readers.IsCompleted)
                {
                    return _stdout.Any(l => l.Contains(text, StringComparison.Ordinal));
                }

                await Task.Delay(20, guard.Token).ConfigureAwait(false);
            }

            return true;
        }

        /// <summary>Sends <paramref name="signal"/> (TERM, INT) with kill(1).</summary>
        public async Task SignalAsync(string signal)
        {
            (int code, string output) = await ExternalProcess.RunAsync(ExternalTool.Require("kill", "procps"), "-" + signal, _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)).ConfigureAwait(false);
            if (code != 0)
            {
                throw new InvalidOperationException("kill failed: " + output);
            }
        }

        /// <summary>SIGKILL: the process dies at once, cleaning up nothing.</summary>
        public void KillHard() => _process.Kill(entireProcessTree: true);

        /// <summary>Waits for the process to end and returns its exit code.</summary>
        public async Task<int> WaitAsync()
        {
            using var guard = new CancellationTokenSource(HangGuard);
            await _process.WaitForExitAsync(guard.Token).ConfigureAwait(false);
            await _readers.ConfigureAwait(false);
            return _process.ExitCode;
        }

        public override string ToString() => $"$ ocimirror {string.Join(' ', Args)}\n{StdOut}\n{StdErr}";

        public void Dispose()
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            _process.Dispose();
        }

        private static async Task PumpAsync(StreamReader reader, ConcurrentQueue<string> lines)
        {
            string? line;
            while ((line = await reader.ReadLineAsync().ConfigureAwait(false)) != null)
            {
                lines.Enqueue(line);
            }
        }
    }
}
