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
    /// past failures, carries referrers with their subjects (<c>--no-referrers</c>, <c>--referrer-type</c>, a sync
    /// file's <c>referrers</c> key), and with <c>--dry-run</c> prints the plan without writing.
    /// </summary>
    internal static class SyncCommand
    {
        public static Command Create(CliConsole console)
        {
            var src = new Option<string>("--src", "-s")
            {
                Description = "What to sync: a sync file (.yaml/.yml: skopeo's sync YAML, plus exclude, latest, prereleases, digest-tags, platforms, destination, referrers, repositories), a repository (registry/repo: every tag, or the selection flags), or a bundle (directory, .tar, .tgz, .tar.zst; a split set by its first part or bare name).",
                Required = true,
            };
            var to = new Option<string>("--to", "-t")
            {
                Description = "Where to: a registry host[:port][/prefix] (each repository keeps its path under it), or a bundle (a path: it exists, starts with . / ~, or ends with .tar, .tgz, .tar.zst or .tzst; --to-bundle and --format force it).",
                Required = true,
            };
            var toBundle = new Option<bool>("--to-bundle") { Description = "Read --to as a bundle path even when it looks like a registry." };
            var format = new Option<string?>("--format") { Description = "For a bundle destination: dir, tar, tgz or zst (default: from the extension, as export); implies a bundle." };
            format.AcceptOnlyFromAmong("dir", "tar", "tgz", "zst");
            var splitSize = new Option<string?>("--split-size")
            {
                Description = "For an archive bundle destination: write it as FILE.001, FILE.002, ... of at most SIZE bytes each (K, M, G suffixes, binary: 4095M fits FAT32).",
            };
            var scoped = new Option<bool>("--scoped") { Description = "Keep the source registry as the first path segment under a registry destination; a port's ':' becomes '_'." };
            var dryRun = new Option<bool>("--dry-run") { Description = "Plan only: list and select tags, resolve them, check what the destination has, print what would be copied and the bytes; write nothing." };
            var selection = new SelectionOptions();
            var platforms = new PlatformOptions();
            var referrers = new ReferrerOptions();
            var common = new CommonOptions();
            SideOptions source = SideOptions.Source();
            SideOptions destinationSide = SideOptions.Destination();

            var command = new Command("sync", "Mirror a sync file's registries (skopeo's sync YAML), one repository, or a bundle into a registry or a bundle; plan first, keep going past failures.");
            command.Options.Add(src);
            command.Options.Add(to);
            command.Options.Add(toBundle);
            command.Options.Add(format);
            command.Options.Add(splitSize);
            command.Options.Add(scoped);
            command.Options.Add(dryRun);
            selection.AddTo(command);
            platforms.AddTo(command);
            referrers.AddTo(command);
            common.AddTo(command, withConcurrency: true);
            source.AddTo(command);
            destinationSide.AddTo(command);

            command.SetAction((parse, cancellationToken) => CommandGuard.RunAsync(console, parse.GetValue(common.Debug), async () =>
            {
                string from = parse.GetValue(src)!;
                if (from == "docker" || from == "dir" || from == "yaml")
                {
                    throw new UsageException($"--src takes the source itself (a sync file, a repository or a bundle), not a transport as skopeo's --src {from} does: for example --src sync.yaml.");
                }

                string destination = parse.GetValue(to)!;
                string? formatValue = parse.GetValue(format);
                long? split = ExportCommand.SplitSizeOf(parse.GetValue(splitSize), toStdout: false);
                SyncDestinationKind kind = parse.GetValue(toBundle) || formatValue != null ? SyncDestinationKind.Bundle : SyncEndpoints.DestinationKindOf(destination);
                if (kind == SyncDestinationKind.Registry && split != null)
                {
                    throw new UsageException($"--split-size writes an archive bundle in parts, but --to '{destination}' is a registry; give a file name (mirror.tar.zst) or add --to-bundle.");
                }

                if (kind == SyncDestinationKind.Registry && !DestinationArgument.Check(console, destination))
                {
                    return ExitCodes.UsageOrSetup;
                }

                // Into a bundle every result shares the bundle as its destination: show what each one is.
                var (output, observer) = DryRunObserver.For(console, parse.GetValue(common.Json), common.LogLevelOf(parse), parse.GetValue(dryRun),
                    kind == SyncDestinationKind.Bundle ? DryRunObserver.Source : DryRunObserver.Destination);
                TagSelection tags = selection.Read(parse, DigestTagMode.Include);
                var (sourceAccess, destinationAccess) = await common.CreateSidesAsync(parse, console, source, destinationSide, output, cancellationToken).ConfigureAwait(false);
                var request = new SyncRequest
                {
                    Source = from,
                    Selection = tags.SelectsAll ? null : tags,
                    Destination = destination,
                    DestinationKind = kind,
                    Format = ExportCommand.FormatOf(formatValue),
                    SplitSize = split,
                    Scoped = parse.GetValue(scoped),
                    Platforms = platforms.FilterOf(parse),
                    IncludeReferrers = referrers.IncludeOf(parse),
                    ReferrerArtifactTypes = referrers.TypesOf(parse),
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
