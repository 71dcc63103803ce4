using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;

namespace OciMirror.Integration.Tests.Infrastructure
{
    /// <summary>Runs an external program (skopeo) to completion, capturing its output.</summary>
    public static class ExternalProcess
    {
        public static async Task<(int ExitCode, string Output)> RunAsync(string fileName, params string[] arguments)
        {
            var info = new ProcessStartInfo(fileName)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                RedirectStandardInput = true,
                UseShellExecute = false,
            };
            foreach (string a in arguments)
            {
                info.ArgumentList.Add(a);
            }

            using var cancel = new CancellationTokenSource(TimeSpan.FromMinutes(5)); // hang guard, not an assertion
            using Process process = Process.Start(info)!;
            process.StandardInput.Close();
            Task<string> stdout = process.StandardOutput.ReadToEndAsync(cancel.Token);
            Task<string> stderr = process.StandardError.ReadToEndAsync(cancel.Token);
            await process.WaitForExitAsync(cancel.Token).ConfigureAwait(false);
            string output = $"$ {fileName} {string.Join(' ', arguments)}\n{await stdout.ConfigureAwait(false)}{await stderr.ConfigureAwait(false)}";
            return (process.ExitCode, output);
        }
    }
}
