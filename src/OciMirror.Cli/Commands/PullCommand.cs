using System.CommandLine;
using OciMirror.Cli.Output;
using OciMirror.Core.Artifacts;
using OciMirror.Core.Diagnostics;

namespace OciMirror.Cli.Commands
{
    /// <summary>
    /// <c>ocimirror pull REF [-o DIR] [--platform P]</c>: the files of an artifact back into a directory by their
    /// titles; one line per file on stdout (<c>written</c> or <c>current</c>, title, digest, size), or JSON Lines.
    /// </summary>
    internal static class PullCommand
    {
        public static Command Create(CliConsole console)
        {
            var source = new Argument<string>("reference")
            {
                Description = "The artifact: registry/repository:tag, …@sha256:digest, or a bundle oci:PATH[:NAME] (a directory or .tar).",
            };
            var output = new Option<string>("--output", "-o")
            {
                Description = "The directory to write into (created when missing); default the current directory. Files are written by their titles; names that are absolute, contain '..', a drive letter or a backslash are refused.",
                DefaultValueFactory = _ => ".",
            };
            var platform = new Option<string?>("--platform")
            {
                Description = "For a multi-platform index: the platform whose files to pull, os/arch[/variant][:os.version].",
            };
            var common = new CommonOptions();

            var command = new Command("pull", "Pull the files of an artifact (pushed by ocimirror push or oras push) into a directory.");
            command.Arguments.Add(source);
            command.Options.Add(output);
            command.Options.Add(platform);
            common.AddTo(command, withConcurrency: true);

            command.SetAction((parse, cancellationToken) => CommandGuard.RunAsync(console, parse.GetValue(common.Debug), async () =>
            {
                var request = new PullRequest
                {
                    Source = parse.GetValue(source)!,
                    OutputDirectory = parse.GetValue(output)!,
                    Concurrency = common.ConcurrencyOf(parse),
                };
                string? wanted = parse.GetValue(platform);
                if (wanted != null)
                {
                    request.Platforms = PlatformArgument.Parse(new[] { wanted });
                }

                bool json = parse.GetValue(common.Json);
                var observer = new ConsoleObserver(console, json, common.LogLevelOf(parse), r => r.Source ?? r.Input);
                request.Access = await common.CreateAccessOptionsAsync(parse, console, observer, cancellationToken).ConfigureAwait(false);
                PullResult result = await new PullOperation(request).RunAsync(observer, cancellationToken).ConfigureAwait(false);
                long bytes = 0;
                int current = 0;
                foreach (PulledFile file in result.Files)
                {
                    console.Output.WriteLine(json ? JsonLines.PulledFile(file) : $"{(file.Skipped ? "current" : "written"),-8} {TerminalText.Escape(file.Title)}  {TerminalText.Escape(file.Digest)}  {ByteSize.Format(file.Size)}");
                    bytes += file.Skipped ? 0 : file.Size;
                    current += file.Skipped ? 1 : 0;
                }

                if (result.Note != null)
                {
                    observer.WriteError("note: " + TerminalText.Escape(result.Note) + ".");
                }

                if (result.Error != null)
                {
                    if (json)
                    {
                        console.Output.WriteLine(JsonLines.PullFailure(result.Source, result.Error));
                    }

                    observer.WriteError(ErrorText.Describe(result.Source, result.Error));
                    return ExitCodes.PartialFailure;
                }

                observer.WriteError(result.Declined
                    ? "pull: declined; nothing written."
                    : $"pull: {result.Files.Count - current} written, {current} already current{(result.UntitledLayers > 0 ? $", {result.UntitledLayers} layers without a title not written" : string.Empty)}; {ByteSize.Format(bytes)} transferred");
                return ExitCodes.Success;
            }, cancellationToken));
            return command;
        }
    }
}
