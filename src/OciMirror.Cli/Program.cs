using System;
using System.CommandLine;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Cli.Commands;
using OciMirror.Cli.Output;

namespace OciMirror.Cli
{
    /// <summary>The <c>ocimirror</c> entry point: parses the command line and runs one verb.</summary>
    internal static class Program
    {
        private static async Task<int> Main(string[] args)
        {
            using var cancel = new CancellationTokenSource();
            using var stop = new StopSignals(cancel);
            var console = new CliConsole(Console.In, Console.Out, Console.Error, !Console.IsErrorRedirected)
            {
                OpenBinaryInput = Console.OpenStandardInput,
                OpenBinaryOutput = StandardOutput.Open,
                OutputIsTerminal = !Console.IsOutputRedirected,
                InputIsTerminal = !Console.IsInputRedirected,
            };
            int code = await RunAsync(args, console, cancel.Token).ConfigureAwait(false);
            return code == ExitCodes.Cancelled && stop.Terminated ? ExitCodes.Terminated : code;
        }

        /// <summary>Runs the CLI in-process with the given streams; progress is never drawn (stderr is not a terminal).</summary>
        internal static Task<int> RunAsync(string[] args, TextReader stdin, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken) =>
            RunAsync(args, stdin, stdout, stderr, errorIsTerminal: false, cancellationToken);

        /// <summary>Runs the CLI: exit code 0 all done, 1 some references failed, 2 usage or setup error, 3 internal error, 130 cancelled (Main turns it into 143 after SIGTERM).</summary>
        internal static Task<int> RunAsync(string[] args, TextReader stdin, TextWriter stdout, TextWriter stderr, bool errorIsTerminal, CancellationToken cancellationToken) =>
            RunAsync(args, new CliConsole(stdin, stdout, stderr, errorIsTerminal), cancellationToken);

        /// <summary>Runs the CLI on <paramref name="console"/> (which may carry binary stdin/stdout for bundles streamed through pipes).</summary>
        internal static async Task<int> RunAsync(string[] args, CliConsole console, CancellationToken cancellationToken)
        {
            TextWriter stdout = console.Output;
            TextWriter stderr = console.Error;
            RootCommand root = CreateRootCommand(console);
            ParseResult parse = root.Parse(args);
            if (parse.Errors.Count > 0)
            {
                foreach (var error in parse.Errors)
                {
                    stderr.WriteLine(ErrorText.Usage(error.Message));
                }

                return ExitCodes.UsageOrSetup;
            }

            var invocation = new InvocationConfiguration
            {
                Output = stdout,
                Error = stderr,
                EnableDefaultExceptionHandler = false,
                ProcessTerminationTimeout = null, // Main owns Ctrl+C and SIGTERM (StopSignals).
            };
            return await parse.InvokeAsync(invocation, cancellationToken).ConfigureAwait(false);
        }

        internal static RootCommand CreateRootCommand(CliConsole console)
        {
            var root = new RootCommand(
                "ocimirror: mirror OCI registries into bundles (OCI image layouts: directories, .tar, .tgz, .tar.zst, split volumes, or a pipe) and back, or registry to registry (copy, sync), digests unchanged.\n"
                + "Exit codes: 0 all done, 1 some references failed, 2 usage or setup error, 3 internal error, 130 cancelled (Ctrl+C), 143 terminated (SIGTERM).\n"
                + "A cancelled or terminated export keeps what finished: its bundle names the artifacts reported as copied.");
            root.Subcommands.Add(ExportCommand.Create(console));
            root.Subcommands.Add(ImportCommand.Create(console));
            root.Subcommands.Add(CopyCommand.Create(console));
            root.Subcommands.Add(SyncCommand.Create(console));
            root.Subcommands.Add(TagsCommand.Create(console));
            root.Subcommands.Add(ListCommand.Create(console));
            root.Subcommands.Add(VerifyCommand.Create(console));
            root.Subcommands.Add(PushCommand.Create(console));
            root.Subcommands.Add(PullCommand.Create(console));
            root.Subcommands.Add(IndexCommand.Create(console));
            return root;
        }
    }
}
