using System.CommandLine;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Cli.Output;
using OciMirror.Core.Archive;
using OciMirror.Core.Operations;
using OciMirror.Core.Volumes;

namespace OciMirror.Cli.Commands
{
    /// <summary>
    /// <c>ocimirror export REF... -o DIR|FILE.tar|FILE.tgz|FILE.tar.zst|- [--format dir|tar|tgz|zst]
    /// [--split-size SIZE] [--from-file FILE|-] [--platform P]... [--filter-index] [--preserve-digests]</c>:
    /// registry → bundle. The format follows the extension unless <c>--format</c> says otherwise; <c>-o -</c>
    /// streams the archive to stdout (tar unless <c>--format tgz|zst</c>) and then every other line,
    /// results included, goes to stderr; <c>--split-size</c> writes FILE.001, FILE.002, … of at most SIZE bytes.
    /// </summary>
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
                Description = "The bundle: a directory (OCI image layout), FILE.tar, FILE.tgz/FILE.tar.gz, FILE.tar.zst/FILE.tzst, or '-' for stdout (a tar, or --format tgz|zst). An existing bundle is updated: entries already in it are skipped.",
                Required = true,
            };
            var format = new Option<string?>("--format")
            {
                Description = "dir, tar, tgz or zst; overrides the extension of -o. Default: from the extension (.tar, .tgz/.tar.gz, .tar.zst/.tzst, else dir); tar for '-o -'.",
            };
            format.AcceptOnlyFromAmong("dir", "tar", "tgz", "zst");
            var splitSize = new Option<string?>("--split-size")
            {
                Description = "Write the archive as FILE.001, FILE.002, ... of at most SIZE bytes each (K, M, G suffixes, binary: 4095M fits FAT32, whose files stay under 4 GiB). Not with a directory or '-o -'.",
            };
            var fromFile = new Option<string?>("--from-file", "-f")
            {
                Description = "Also read references from FILE, one per line ('-' for stdin); blank and '#' lines are ignored.",
            };
            var platforms = new PlatformOptions();
            var common = new CommonOptions();

            var command = new Command("export", "Copy images and artifacts from registries into a bundle (OCI image layout as a directory, .tar, .tgz, .tar.zst, split volumes, or an archive stream on stdout), blobs stored once.");
            command.Arguments.Add(references);
            command.Options.Add(output);
            command.Options.Add(format);
            command.Options.Add(splitSize);
            command.Options.Add(fromFile);
            platforms.AddTo(command);
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

                var platformFilter = platforms.FilterOf(parse);
                string bundle = parse.GetValue(output)!;
                bool toStdout = bundle == BundleArgument.StandardStream;
                ArchiveFormat? archiveFormat = FormatOf(parse.GetValue(format));
                long? split = SplitSizeOf(parse.GetValue(splitSize), toStdout);
                if (toStdout)
                {
                    archiveFormat ??= ArchiveFormat.Tar;
                    if (archiveFormat == ArchiveFormat.Directory)
                    {
                        throw new UsageException("-o - writes an archive to stdout: use --format tar, tgz or zst, not dir.");
                    }

                    if (console.OutputIsTerminal)
                    {
                        throw new UsageException("refusing to write an archive to a terminal: redirect stdout to a file or pipe it (| ocimirror import - --to HOST).");
                    }
                }

                // With -o -, stdout carries the archive: results go to stderr with everything else.
                CliConsole results = toStdout ? console.WithResultsOnError() : console;
                var observer = new ConsoleObserver(results, parse.GetValue(common.Json), common.LogLevelOf(parse), r => r.Source ?? r.Input);
                var request = new ExportRequest
                {
                    References = refs,
                    BundlePath = bundle,
                    Format = archiveFormat,
                    SplitSize = split,
                    Platforms = platformFilter,
                    Source = await common.CreateAccessOptionsAsync(parse, console, observer, cancellationToken).ConfigureAwait(false),
                    Concurrency = common.ConcurrencyOf(parse),
                };

                OperationSummary summary;
                if (toStdout)
                {
                    // Not disposed: stdout belongs to the process; flushed so a pipe reader gets the last bytes.
                    var stdout = new BufferedStream(console.OpenStandardOutput(), 1 << 16);
                    request.OutputStream = stdout;
                    summary = await new ExportOperation(request).RunAsync(observer, cancellationToken).ConfigureAwait(false);
                    try
                    {
                        await stdout.FlushAsync(cancellationToken).ConfigureAwait(false);
                    }
                    catch (IOException) when (summary.Failed > 0 || summary.Copied == 0)
                    {
                        // The archive failed (full disk, broken pipe) and each artifact says so; a completed
                        // archive was flushed before its artifacts were reported, so nothing is lost here.
                    }
                }
                else
                {
                    summary = await new ExportOperation(request).RunAsync(observer, cancellationToken).ConfigureAwait(false);
                }

                return CommandGuard.Finish(observer, "export", summary);
            }, cancellationToken));
            return command;
        }

        /// <summary>The engine format for a <c>--format</c> value; null leaves it to the extension.</summary>
        internal static ArchiveFormat? FormatOf(string? value) => value switch
        {
            "dir" => ArchiveFormat.Directory,
            "tar" => ArchiveFormat.Tar,
            "tgz" => ArchiveFormat.TarGzip,
            "zst" => ArchiveFormat.TarZstd,
            _ => null,
        };

        /// <summary>The <c>--split-size</c> value in bytes, or null when not given.</summary>
        /// <exception cref="UsageException">Not a size, too small, or given with <c>-o -</c>.</exception>
        internal static long? SplitSizeOf(string? value, bool toStdout)
        {
            if (value == null)
            {
                return null;
            }

            if (toStdout)
            {
                throw new UsageException("--split-size writes numbered files; a stream on stdout (-o -) cannot be split. Export to a file instead.");
            }

            return SplitSize.TryParse(value, out long bytes, out string? error) ? bytes : throw new UsageException("--split-size: " + error);
        }
    }
}
