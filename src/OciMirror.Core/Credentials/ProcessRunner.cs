using System;
using System.Diagnostics;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace OciMirror.Core.Credentials
{
    /// <summary>
    /// <see cref="IProcessRunner"/> over <see cref="Process"/>: no shell, no window, all three streams
    /// redirected, stdout and stderr read asynchronously, the exit awaited through the Exited event.
    /// On timeout or cancellation the process is killed and its streams are abandoned rather than awaited,
    /// because a grandchild (a shell script's <c>sleep</c>) can hold the pipes open after the kill.
    /// </summary>
    public sealed class ProcessRunner : IProcessRunner
    {
        /// <summary>The most characters read from stdout or from stderr (1 MiB); more kills the process.</summary>
        internal const int MaxOutputLength = 1024 * 1024;

        /// <summary>The shared instance; the runner holds no state.</summary>
        public static readonly ProcessRunner Instance = new ProcessRunner();

        /// <inheritdoc />
        public async Task<ProcessRunResult> RunAsync(string executablePath, string arguments, string standardInput, TimeSpan timeout, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var startInfo = new ProcessStartInfo(executablePath, arguments ?? string.Empty)
            {
                UseShellExecute = false,
                CreateNoWindow = true,
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                StandardOutputEncoding = Encoding.UTF8,
                StandardErrorEncoding = Encoding.UTF8,
            };

            using var process = new Process { StartInfo = startInfo, EnableRaisingEvents = true };
            var exited = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            process.Exited += (_, __) => exited.TrySetResult(true);
            await StartAsync(process, cancellationToken).ConfigureAwait(false);
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            if (timeout.TotalMilliseconds < int.MaxValue)
            {
                limit.CancelAfter(timeout); // larger values (TimeSpan.MaxValue) mean no limit; CancelAfter rejects them
            }

            try
            {
                // Capped: a helper is a PATH executable, and a runaway one must not fill the memory of a
                // PowerShell host (Azure Automation gives 400 MB) before the timeout.
                var overflow = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
                Task<string> stdout = ReadCappedAsync(process.StandardOutput, "standard output", overflow);
                Task<string> stderr = ReadCappedAsync(process.StandardError, "standard error", overflow);
                Task writeInput = WriteInputAsync(process.StandardInput, standardInput ?? string.Empty);
                if (process.HasExited)
                {
                    exited.TrySetResult(true);
                }

                Task all = Task.WhenAll(exited.Task, stdout, stderr, writeInput);
                Task stop = Task.Delay(Timeout.Infinite, limit.Token);
                Task first = await Task.WhenAny(all, stop, overflow.Task).ConfigureAwait(false);
                if (first == overflow.Task)
                {
                    Kill(process);
                    Observe(all);
                    string stream = await overflow.Task.ConfigureAwait(false) ? "standard output" : "standard error";
                    throw new InvalidDataException($"The process wrote more than {MaxOutputLength / (1024 * 1024)} MiB to its {stream} and was killed.");
                }

                if (first != all)
                {
                    Kill(process);
                    Observe(all);
                    cancellationToken.ThrowIfCancellationRequested();
                    throw new TimeoutException($"The process did not finish within {timeout.TotalSeconds:0.###} s and was killed.");
                }

                await all.ConfigureAwait(false);
                string output = await stdout.ConfigureAwait(false);
                string error = await stderr.ConfigureAwait(false);
                return new ProcessRunResult(process.ExitCode, output, error);
            }
            finally
            {
                limit.Cancel(); // releases the Task.Delay registration
            }
        }

        /// <summary>Reads <paramref name="reader"/> to its end; past <see cref="MaxOutputLength"/> characters, completes <paramref name="overflow"/> and throws.</summary>
        private static async Task<string> ReadCappedAsync(StreamReader reader, string name, TaskCompletionSource<bool> overflow)
        {
            var text = new StringBuilder();
            var buffer = new char[8192];
            int n;
            while ((n = await reader.ReadAsync(buffer, 0, buffer.Length).ConfigureAwait(false)) > 0)
            {
                if (text.Length + n > MaxOutputLength)
                {
                    overflow.TrySetResult(name == "standard output");
                    throw new InvalidDataException($"The process wrote more than {MaxOutputLength / (1024 * 1024)} MiB to its {name}.");
                }

                text.Append(buffer, 0, n);
            }

            return text.ToString();
        }

        private static async Task WriteInputAsync(StreamWriter input, string text)
        {
            try
            {
                await input.WriteAsync(text).ConfigureAwait(false);
                await input.FlushAsync().ConfigureAwait(false);
                input.Close();
            }
            catch (IOException)
            {
                // The process exited without reading stdin (broken pipe); its exit code and output tell why.
            }
            catch (ObjectDisposedException)
            {
            }
        }

        private static void Kill(Process process)
        {
            try
            {
                if (!process.HasExited)
                {
                    process.Kill();
                }
            }
            catch (InvalidOperationException)
            {
                // Already gone.
            }
            catch (System.ComponentModel.Win32Exception)
            {
                // Exiting or access denied; nothing more we can do.
            }
        }

        /// <summary>
        /// Starts the process, retrying briefly on ETXTBSY ("text file busy", errno 26): Linux refuses to exec
        /// a file that any process holds open for writing, which a concurrent fork can do for a moment right
        /// after a helper script was written (a package upgrade, or tests writing helper scripts).
        /// </summary>
        private static async Task StartAsync(Process process, CancellationToken cancellationToken)
        {
            const int TextFileBusy = 26;
            for (int attempt = 1; ; attempt++)
            {
                try
                {
                    process.Start();
                    return;
                }
                catch (System.ComponentModel.Win32Exception e) when (e.NativeErrorCode == TextFileBusy && attempt < 5)
                {
                    await Task.Delay(20 * attempt, cancellationToken).ConfigureAwait(false);
                }
            }
        }

        private static void Observe(Task task) => task.ContinueWith(t => _ = t.Exception, TaskScheduler.Default);
    }
}
