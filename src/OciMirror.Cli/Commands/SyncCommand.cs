using System.CommandLine;
using OciMirror.Cli.Output;
using OciMirror.Core.Operations;
using OciMirror.Core.Selection;

namespace OciMirror.Cli.Commands
{
    /// <summary>
    /// <c>ocimirror sync --src FILE|REPO|BUNDLE --to DEST</c>: a declarative sync. The source is a sync file
    /// (skopeo's sync YAML plus OciMirror's keys), one repository (every tag, or the selection flags), or a
    /// bundle; the destination a registry <c>host[:port][/prefix]</c> or a bundle. Plans first, keeps going
    /// past failures, and with <c>--dry-run</c> prints the plan without writing.
    /// </summary>
    internal static class SyncCommand
    {
        public static Command Create(CliConsole console)
        {
            var src = new Option<string>("--src", "-s")
            {
                Description = "What to sync: a sync file (.yaml/.yml: skopeo's sync YAML, plus exclude, latest, prereleases, digest-tags, platforms, destination, repositories), a repository (registry/repo: every tag, or the selection flags), or a bundle (directory, .tar, .tgz).",
                Required = true,
            };
            var to = new Option<string>("--to", "-t")
            {
                Description = "Where to: a registry host[:port][/prefix] (each repository keeps its path under it), or a bundle (a path: it exists, starts with . / ~, or ends with .tar/.tgz; --to-bundle forces it).",
                Required = true,
            };
            var toBundle = new Option<bool>("--to-bundle") { Description = "Read --to as a bundle path even when it looks like a registry." };
            var format = new Option<string?>("--format") { Description = "For a bundle destination: dir, tar or tgz (default: from the extension)." };
            format.AcceptOnlyFromAmong("dir", "tar", "tgz");
            var scoped = new Option<bool>("--scoped") { Description = "Keep the source registry as the first path segment under a registry destination; a port's ':' becomes '_'." };
            var dryRun = new Option<bool>("--dry-run") { Description = "Plan only: list and select tags, resolve them, check what the destination has, print what would be copied and the bytes; write nothing." };
            var selection = new SelectionOptions();
            var platforms = new PlatformOptions();
            var common = new CommonOptions();
            SideOptions source = SideOptions.Source();
            SideOptions destination = SideOptions.Destination();

            var command = new Command("sync", "Mirror a sync file's registries (skopeo's sync YAML), one repository, or a bundle into a registry or a bundle; plan first, keep going past failures.");
            command.Options.Add(src);
            command.Options.Add(to);
            command.Options.Add(toBundle);
            command.Options.Add(format);
            command.Options.Add(scoped);
            command.Options.Add(dryRun);
            selection.AddTo(command);
            platforms.AddTo(command);
            common.AddTo(command, withConcurrency: true);
            source.AddTo(command);
            destination.AddTo(command);

            command.SetAction((parse, cancellationToken) => CommandGuard.RunAsync(console, parse.GetValue(common.Debug), async () =>
            {
                string from = parse.GetValue(src)!;
                if (from == "docker" || from == "dir" || from == "yaml")
                {
                    throw new UsageException($"--src takes the source itself (a sync file, a repository or a bundle), not a transport as skopeo's --src {from} does: for example --src sync.yaml.");
                }

                var (output, observer) = DryRunObserver.For(console, parse.GetValue(common.Json), common.LogLevelOf(parse), parse.GetValue(dryRun));
                TagSelection tags = selection.Read(parse, DigestTagMode.Include);
                var (sourceAccess, destinationAccess) = await common.CreateSidesAsync(parse, console, source, destination, output, cancellationToken).ConfigureAwait(false);
                string? formatValue = parse.GetValue(format);
                var request = new SyncRequest
                {
                    Source = from,
                    Selection = tags.SelectsAll ? null : tags,
                    Destination = parse.GetValue(to)!,
                    DestinationKind = parse.GetValue(toBundle) || formatValue != null ? SyncDestinationKind.Bundle : SyncDestinationKind.Auto,
                    Format = ExportCommand.FormatOf(formatValue),
                    Scoped = parse.GetValue(scoped),
                    Platforms = platforms.FilterOf(parse),
                    SourceAccess = sourceAccess,
                    TargetAccess = destinationAccess,
                    Concurrency = common.ConcurrencyOf(parse),
                };
                OperationSummary summary = await new SyncOperation(request).RunAsync(observer, cancellationToken).ConfigureAwait(false);
                return CommandGuard.Finish(output, "sync", summary, parse.GetValue(dryRun));
            }, cancellationToken));
            return command;
        }
    }
}
