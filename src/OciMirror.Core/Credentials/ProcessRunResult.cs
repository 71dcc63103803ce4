namespace OciMirror.Core.Credentials
{
    /// <summary>
    /// What a finished child process produced. The output of a credential helper contains secrets, so
    /// <see cref="ToString"/> shows only the exit code and the lengths.
    /// </summary>
    public sealed class ProcessRunResult
    {
        public ProcessRunResult(int exitCode, string standardOutput, string standardError)
        {
            ExitCode = exitCode;
            StandardOutput = standardOutput ?? string.Empty;
            StandardError = standardError ?? string.Empty;
        }

        /// <summary>The process exit code.</summary>
        public int ExitCode { get; }

        /// <summary>Everything written to stdout (may contain secrets).</summary>
        public string StandardOutput { get; }

        /// <summary>Everything written to stderr.</summary>
        public string StandardError { get; }

        public override string ToString() =>
            $"exit code {ExitCode}, {StandardOutput.Length} chars on stdout, {StandardError.Length} chars on stderr";
    }
}
