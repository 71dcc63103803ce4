using System.CommandLine;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Cli.Output;
using OciMirror.Core.Operations;

namespace OciMirror.Cli.Commands
{
    /// <summary><c>ocimirror export REF... -o DIR [--from-file FILE|-]</c>: registry → bundle directory.</summary>
    internal static class ExportCommand
    {
        public static Command Create(CliConsole console)
        {
            var references = new Argument<string[]>("references")
            {
                Description = "References to export (registry/repository:tag or @sha256:digest).",
                Arity = ArgumentArity.ZeroOrMore,
            };
            var output = new Option<string>("--output", "-o")
            {
                Description = "The bundle directory (an OCI image layout); created when missing, reused when it is a bundle.",
                Required = true,
            };
            var fromFile = new Option<string?>("--from-file", "-f")
            {
                Description = "Also read references from FILE, one per line ('-' for stdin); blank and '#' lines are ignored.",
            };
            var common = new CommonOptions();

            var command = new Command("export", "Copy images and artifacts from registries into a bundle directory (OCI image layout), blobs stored once.");
            command.Arguments.Add(references);
            command.Options.Add(output);
            command.Options.Add(fromFile);
            common.AddTo(command, withConcurrency: true);

            command.SetAction((parse, cancellationToken) => CommandGuard.RunAsync(console, parse.GetValue(common.Debug), async () =>
            {
                foreach (string argument in parse.GetValue(references) ?? System.Array.Empty<string>())
                {
                    if (argument.StartsWith("-", System.StringComparison.Ordinal) && argument != "-")
                    {
                        throw new UsageException($"unknown option '{argument}'.");
                    }
                }

                if (parse.GetValue(fromFile) == "-" && parse.GetValue(common.PasswordStdin))
                {
                    throw new UsageException("--from-file - and --password-stdin both want standard input; put the references in a file.");
                }

                var refs = await ReferenceInput.ReadAsync(parse.GetValue(references), parse.GetValue(fromFile), console.Input, cancellationToken).ConfigureAwait(false);
                if (refs.Count == 0)
                {
                    throw new UsageException("no references to export: give them as arguments or with --from-file.");
                }

                var observer = new ConsoleObserver(console, parse.GetValue(common.Json), common.LogLevelOf(parse), r => r.Source ?? r.Input);
                var request = new ExportRequest
                {
                    References = refs,
                    BundlePath = parse.GetValue(output)!,
                    Source = await common.CreateAccessOptionsAsync(parse, console, observer, cancellationToken).ConfigureAwait(false),
                    Concurrency = common.ConcurrencyOf(parse),
                };
                OperationSummary summary = await new ExportOperation(request).RunAsync(observer, cancellationToken).ConfigureAwait(false);
                return CommandGuard.Finish(observer, "export", summary);
            }, cancellationToken));
            return command;
        }
    }
}
