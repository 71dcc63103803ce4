using System.Collections.Generic;
using System.CommandLine;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Cli.Output;
using OciMirror.Core.Diagnostics;
using OciMirror.Core.Errors;
using OciMirror.Core.Operations;
using OciMirror.Core.Selection;

namespace OciMirror.Cli.Commands
{
    /// <summary>
    /// <c>ocimirror tags REPO [--include P...] [--exclude P...] [--include-regex R...] [--exclude-regex R...]
    /// [--semver RANGE] [--latest N] [--prereleases] [--digest-tags MODE] [--digests]</c>: one full reference per
    /// line (tab, digest with --digests), ready for <c>ocimirror export --from-file -</c>.
    /// </summary>
    internal static class TagsCommand
    {
        public static Command Create(CliConsole console)
        {
            var repository = new Argument<string>("repository")
            {
                Description = "The repository (nginx, ghcr.io/org/app); a tag or digest in it is ignored.",
            };
            var selection = new SelectionOptions();
            var digests = new Option<bool>("--digests")
            {
                Description = "Also resolve each tag's digest (one request per tag).",
            };
            var common = new CommonOptions();

            var command = new Command("tags", "List the tags of a repository, optionally selected by wildcards, regular expressions, a semver range, latest-N and digest-tag handling.");
            command.Arguments.Add(repository);
            selection.AddTo(command);
            command.Options.Add(digests);
            common.AddTo(command, withConcurrency: false);

            command.SetAction((parse, cancellationToken) => CommandGuard.RunAsync(console, parse.GetValue(common.Debug), async () =>
            {
                bool json = parse.GetValue(common.Json);
                var log = new ConsoleObserver(console, json, common.LogLevelOf(parse), r => r.Input);
                var request = new TagListRequest
                {
                    Repository = parse.GetValue(repository)!,
                    Selection = selection.Read(parse, DigestTagMode.Include),
                    ResolveDigests = parse.GetValue(digests),
                    Source = await common.CreateAccessOptionsAsync(parse, console, log, cancellationToken).ConfigureAwait(false),
                };
                IReadOnlyList<TagInfo> tags;
                try
                {
                    tags = await new TagListOperation(request).RunAsync(log, cancellationToken).ConfigureAwait(false);
                }
                catch (OciException e) when (e.Kind != OciErrorKind.InvalidReference && e.Kind != OciErrorKind.Cancelled && !cancellationToken.IsCancellationRequested)
                {
                    // The one reference of this verb failed (not found, denied, unreachable): exit 1, like a failed export reference.
                    log.WriteError(ErrorText.Describe(request.Repository, e));
                    return ExitCodes.PartialFailure;
                }

                foreach (TagInfo tag in tags)
                {
                    console.Output.WriteLine(json ? JsonLines.Tag(tag) : tag.Digest == null ? TerminalText.Escape(tag.Reference) : TerminalText.Escape(tag.Reference) + "\t" + TerminalText.Escape(tag.Digest));
                }

                console.Output.Flush();
                return ExitCodes.Success;
            }, cancellationToken));
            return command;
        }
    }
}
