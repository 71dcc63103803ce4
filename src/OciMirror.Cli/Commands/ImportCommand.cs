using System.CommandLine;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Cli.Output;
using OciMirror.Core.Operations;

namespace OciMirror.Cli.Commands
{
    /// <summary><c>ocimirror import DIR --to HOST[:PORT][/PREFIX] [--scoped] [--ref NAME...]</c>: bundle → registry.</summary>
    internal static class ImportCommand
    {
        public static Command Create(CliConsole console)
        {
            var bundle = new Argument<string>("bundle")
            {
                Description = "The bundle directory (an OCI image layout, ours or one written by skopeo, oras, crane...).",
            };
            var to = new Option<string>("--to", "-t")
            {
                Description = "Destination registry host[:port][/prefix]; each artifact keeps its repository path under the prefix.",
                Required = true,
            };
            var scoped = new Option<bool>("--scoped")
            {
                Description = "Keep the source registry as the first path segment (host/prefix/docker.io/library/nginx), like skopeo sync --scoped.",
            };
            var refs = new Option<string[]>("--ref")
            {
                Description = "Import only this bundle entry (full name, tag or digest); repeatable. Default: every entry.",
            };
            var common = new CommonOptions();

            var command = new Command("import", "Push the content of a bundle directory into a registry, digests unchanged.");
            command.Arguments.Add(bundle);
            command.Options.Add(to);
            command.Options.Add(scoped);
            command.Options.Add(refs);
            common.AddTo(command, withConcurrency: true);

            command.SetAction((parse, cancellationToken) => CommandGuard.RunAsync(console, parse.GetValue(common.Debug), async () =>
            {
                var observer = new ConsoleObserver(console, parse.GetValue(common.Json), common.LogLevelOf(parse), r => r.Destination ?? r.Source ?? r.Input);
                var request = new ImportRequest
                {
                    BundlePath = parse.GetValue(bundle)!,
                    Destination = parse.GetValue(to)!,
                    Scoped = parse.GetValue(scoped),
                    References = parse.GetValue(refs) ?? System.Array.Empty<string>(),
                    Target = await common.CreateAccessOptionsAsync(parse, console, observer, cancellationToken).ConfigureAwait(false),
                    Concurrency = common.ConcurrencyOf(parse),
                };
                OperationSummary summary = await new ImportOperation(request).RunAsync(observer, cancellationToken).ConfigureAwait(false);
                return CommandGuard.Finish(observer, "import", summary);
            }, cancellationToken));
            return command;
        }
    }
}
