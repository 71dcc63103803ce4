using System.CommandLine;
using OciMirror.Core.Diagnostics;

namespace OciMirror.Cli.Commands
{
    /// <summary>
    /// The options of the verbs that only read a bundle (<c>ls</c>, <c>verify</c>): no registry access, so
    /// none of the registry options, only <c>--json</c>, <c>--verbose</c> and <c>--debug</c>.
    /// </summary>
    internal sealed class BundleReadOptions
    {
        public Argument<string> Bundle { get; } = new Argument<string>("bundle")
        {
            Description = "The bundle: a directory (OCI image layout), a .tar, .tgz, .tar.zst (.tar.xz, .tar.bz2) file, the first part or bare name of split volumes (FILE.001), or '-' to read an archive stream from stdin.",
        };

        public Option<bool> Json { get; } = new Option<bool>("--json")
        {
            Description = "Machine-readable output on stdout.",
        };

        public Option<bool> Verbose { get; } = new Option<bool>("--verbose", "-v")
        {
            Description = "Write the engine log to stderr.",
        };

        public Option<bool> Debug { get; } = new Option<bool>("--debug")
        {
            Description = "Like --verbose, with debug detail.",
        };

        public void AddTo(Command command)
        {
            command.Arguments.Add(Bundle);
            command.Options.Add(Json);
            command.Options.Add(Verbose);
            command.Options.Add(Debug);
        }

        public LogLevel? LogLevelOf(ParseResult parse) =>
            parse.GetValue(Debug) ? LogLevel.Debug : parse.GetValue(Verbose) ? LogLevel.Verbose : (LogLevel?)null;
    }
}
