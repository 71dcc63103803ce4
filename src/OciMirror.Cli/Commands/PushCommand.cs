using System;
using System.CommandLine;
using System.Linq;
using OciMirror.Cli.Output;
using OciMirror.Core.Artifacts;
using OciMirror.Core.Errors;
using OciMirror.Core.Files;
using OciMirror.Core.Operations;

namespace OciMirror.Cli.Commands
{
    /// <summary>
    /// <c>ocimirror push REF FILE[:MEDIATYPE]... [--artifact-type T] [--config FILE[:MEDIATYPE]] [--annotation K=V]...
    /// [--annotation-file FILE] [--subject REF]</c>: files and directories as one artifact, the shape oras users type.
    /// </summary>
    internal static class PushCommand
    {
        public static Command Create(CliConsole console)
        {
            var destination = new Argument<string>("reference")
            {
                Description = "Where to push: registry/repository[:tag] (tag default latest), or a bundle oci:PATH:registry/repository:tag (a directory, .tar or .tgz).",
            };
            var files = new Argument<string[]>("files")
            {
                Description = "Files and directories, each FILE[:MEDIATYPE] (default application/vnd.oci.image.layer.v1.tar; directories are packed as tar+gzip). Pulled back by their names (org.opencontainers.image.title).",
                Arity = ArgumentArity.ZeroOrMore,
            };
            var artifactType = new Option<string?>("--artifact-type") { Description = "The artifactType of the manifest (default application/vnd.unknown.artifact.v1 without --config)." };
            var config = new Option<string?>("--config") { Description = "A config file FILE[:MEDIATYPE] (default type application/vnd.unknown.config.v1+json); without it the config is the empty JSON object {} (application/vnd.oci.empty.v1+json)." };
            var annotationFile = new Option<string?>("--annotation-file") { Description = "oras annotation file: {\"$manifest\": {...}, \"$config\": {...}, \"FILE\": {...}}." };
            var subject = new Option<string?>("--subject") { Description = "Attach the artifact to this manifest (OCI 1.1 subject): a tag or digest in the destination repository (or bundle)." };
            var annotations = new AnnotationOptions("A manifest annotation KEY=VALUE; repeatable.");
            var common = new CommonOptions();

            var command = new Command("push", "Push files and directories as one OCI artifact to a registry or a bundle (the ORAS files-as-artifacts workflow).");
            command.Arguments.Add(destination);
            command.Arguments.Add(files);
            command.Options.Add(artifactType);
            command.Options.Add(config);
            command.Options.Add(annotations.Annotation);
            command.Options.Add(annotationFile);
            command.Options.Add(subject);
            common.AddTo(command, withConcurrency: true);

            command.SetAction((parse, cancellationToken) => CommandGuard.RunAsync(console, parse.GetValue(common.Debug), async () =>
            {
                PushRequest request;
                try
                {
                    request = new PushRequest
                    {
                        Destination = parse.GetValue(destination)!,
                        Files = (parse.GetValue(files) ?? Array.Empty<string>()).Select(PushFile.Parse).ToList(),
                        ArtifactType = parse.GetValue(artifactType),
                        Config = parse.GetValue(config) is string c ? PushFile.Parse(c) : null,
                        Annotations = annotations.ValuesOf(parse),
                        AnnotationFile = parse.GetValue(annotationFile),
                        Subject = parse.GetValue(subject),
                        Concurrency = common.ConcurrencyOf(parse),
                    };
                }
                catch (OciException e)
                {
                    throw UsageException.From(e);
                }

                var observer = new ConsoleObserver(console, parse.GetValue(common.Json), common.LogLevelOf(parse), r => r.Destination ?? r.Input);
                request.Access = await common.CreateAccessOptionsAsync(parse, console, observer, cancellationToken).ConfigureAwait(false);
                OperationSummary summary = await new PushOperation(request).RunAsync(observer, cancellationToken).ConfigureAwait(false);
                return CommandGuard.Finish(observer, "push", summary);
            }, cancellationToken));
            return command;
        }
    }
}
