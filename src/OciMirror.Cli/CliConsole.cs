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
    }
}
