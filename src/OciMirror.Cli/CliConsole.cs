using System;
using System.IO;

namespace OciMirror.Cli
{
    /// <summary>
    /// The standard streams of one invocation. Commands never touch <see cref="System.Console"/> so that
    /// tests can run the CLI in-process with their own readers and writers.
    /// </summary>
    internal sealed class CliConsole
    {
        public CliConsole(TextReader input, TextWriter output, TextWriter error, bool errorIsTerminal)
        {
            Input = input;
            Output = output;
            Error = error;
            ErrorIsTerminal = errorIsTerminal;
        }

        /// <summary>Standard input (references with <c>--from-file -</c>, the password with <c>--password-stdin</c>).</summary>
        public TextReader Input { get; }

        /// <summary>Results: one line (or one JSON object) per artifact or tag.</summary>
        public TextWriter Output { get; }

        /// <summary>Errors, the engine log and progress.</summary>
        public TextWriter Error { get; }

        /// <summary>True when stderr is a terminal: only then is progress drawn.</summary>
        public bool ErrorIsTerminal { get; }

        /// <summary>
        /// Opens standard input as bytes, for a bundle read from a pipe (<c>import -</c>, <c>ls -</c>,
        /// <c>verify -</c>). The caller does not dispose it. Null when the invocation has no binary stdin.
        /// </summary>
        public Func<Stream>? OpenBinaryInput { get; init; }

        /// <summary>
        /// Opens standard output as bytes, for an archive written to a pipe (<c>export -o -</c>). The caller
        /// flushes but does not dispose it. Null when the invocation has no binary stdout.
        /// </summary>
        public Func<Stream>? OpenBinaryOutput { get; init; }

        /// <summary>True when stdout is a terminal: an archive is never written to one.</summary>
        public bool OutputIsTerminal { get; init; }

        /// <summary>True when stdin is a terminal: a bundle is never read from one (it would wait silently).</summary>
        public bool InputIsTerminal { get; init; }

        /// <summary>The same streams with results sent to stderr: stdout carries an archive (<c>export -o -</c>).</summary>
        public CliConsole WithResultsOnError() => new CliConsole(Input, Error, Error, ErrorIsTerminal)
        {
            OpenBinaryInput = OpenBinaryInput,
            OpenBinaryOutput = OpenBinaryOutput,
            OutputIsTerminal = OutputIsTerminal,
            InputIsTerminal = InputIsTerminal,
        };

        /// <summary>Binary stdin, or a usage error when this invocation has none or it is a terminal.</summary>
        public Stream OpenStandardInput()
        {
            if (InputIsTerminal)
            {
                throw new UsageException("'-' reads a bundle from standard input, which is a terminal: pipe an archive into it (ocimirror export -o - … | ocimirror import - --to HOST) or redirect a file (< bundle.tar).");
            }

            return OpenBinaryInput?.Invoke() ?? throw new UsageException("'-' (standard input) is not available in this invocation.");
        }

        /// <summary>Binary stdout, or a usage error when this invocation has none.</summary>
        public Stream OpenStandardOutput() =>
            OpenBinaryOutput?.Invoke() ?? throw new UsageException("'-o -' (standard output) is not available in this invocation.");
    }
}
