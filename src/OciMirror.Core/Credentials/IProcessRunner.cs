using System;
using System.Threading;
using System.Threading.Tasks;

namespace OciMirror.Core.Credentials
{
    /// <summary>Runs a short-lived child process with redirected streams (credential helpers).</summary>
    public interface IProcessRunner
    {
        /// <summary>
        /// Starts <paramref name="executablePath"/> with <paramref name="arguments"/> (no shell, no window),
        /// writes <paramref name="standardInput"/> and closes stdin, and collects stdout and stderr.
        /// </summary>
        /// <exception cref="TimeoutException">The process did not finish within <paramref name="timeout"/>; it has been killed.</exception>
        /// <exception cref="OperationCanceledException">Cancelled; the process has been killed.</exception>
        /// <exception cref="System.ComponentModel.Win32Exception">The process could not be started.</exception>
        /// <exception cref="System.IO.InvalidDataException">The process wrote more than 1 MiB to stdout or to stderr; it has been killed.</exception>
        Task<ProcessRunResult> RunAsync(string executablePath, string arguments, string standardInput, TimeSpan timeout, CancellationToken cancellationToken);
    }
}
