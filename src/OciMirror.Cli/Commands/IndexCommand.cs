using System;
using System.CommandLine;
using System.Linq;
using OciMirror.Cli.Output;
using OciMirror.Core.Artifacts;
using OciMirror.Core.Errors;
using OciMirror.Core.Operations;

namespace OciMirror.Cli.Commands
{
    /// <summary>
    /// <c>ocimirror index create DEST MANIFEST[=PLATFORM]... [--annotation K=V]... [--artifact-type T]</c>: compose an
    /// OCI image index from manifests in registries and bundles and write it with them.
    /// </summary>
    internal static class IndexCommand
    {
        public static Command Create(CliConsole console)
        {
            var command = new Command("index", "Compose OCI image indexes (multi-platform artifacts).");
            command.Subcommands.Add(CreateCommand(console));
            return command;
        }

        private static Command CreateCommand(CliConsole console)
        {
            var destination = new Argument<string>("destination")
            {
                Description = "Where to write the index: registry/repository:tag, or a bundle oci:PATH:registry/repository:tag.",
            };
            var manifests = new Argument<string[]>("manifests")
            {
                Description = "The manifests to list, each LOCATION[=PLATFORM]: a registry reference or oci:PATH[:NAME] (no NAME: the single root of a layout), "
                    + "and the platform of its entry os/arch[/variant][:os.version] (default: from the manifest's image config).",
                Arity = ArgumentArity.OneOrMore,
            };
            var artifactType = new Option<string?>("--artifact-type") { Description = "The artifactType of the index." };
            var annotations = new AnnotationOptions("An index annotation KEY=VALUE; repeatable.");
            var common = new CommonOptions();

            var command = new Command("create", "Create an image index from manifests in registries or bundles (platforms with os.version, annotations) and write it, with the manifests, to a registry or a bundle.");
            command.Arguments.Add(destination);
            command.Arguments.Add(manifests);
            command.Options.Add(artifactType);
            command.Options.Add(annotations.Annotation);
            common.AddTo(command, withConcurrency: true);

            command.SetAction((parse, cancellationToken) => CommandGuard.RunAsync(console, parse.GetValue(common.Debug), async () =>
            {
                IndexCreateRequest request;
                try
                {
                    request = new IndexCreateRequest
                    {
                        Destination = parse.GetValue(destination)!,
                        Manifests = (parse.GetValue(manifests) ?? Array.Empty<string>()).Select(IndexSource.Parse).ToList(),
                        ArtifactType = parse.GetValue(artifactType),
                        Annotations = annotations.ValuesOf(parse),
                        Concurrency = common.ConcurrencyOf(parse),
                    };
                }
                catch (OciException e)
                {
                    throw UsageException.From(e);
                }

                var observer = new ConsoleObserver(console, parse.GetValue(common.Json), common.LogLevelOf(parse), r => r.Destination ?? r.Input);
                request.Access = await common.CreateAccessOptionsAsync(parse, console, observer, cancellationToken).ConfigureAwait(false);
                OperationSummary summary = await new IndexCreateOperation(request).RunAsync(observer, cancellationToken).ConfigureAwait(false);
                return CommandGuard.Finish(observer, "index create", summary);
            }, cancellationToken));
            return command;
        }
    }
}
