using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Threading.Tasks;
using OciMirror.Cli.Output;
using OciMirror.Core.Errors;
using OciMirror.Core.Operations;
using OciMirror.Core.References;

namespace OciMirror.Cli.Commands
{
    /// <summary>
    /// <c>ocimirror copy SRC... --to HOST[:PORT][/PREFIX] [--scoped]</c> and <c>ocimirror copy SRC DESTREF</c>:
    /// registry → registry through the copy engine, nothing on disk. <c>--src-…</c>/<c>--dest-…</c> give each
    /// side its own credentials and TLS; <c>--dry-run</c> prints the plan and writes nothing.
    /// </summary>
    internal static class CopyCommand
    {
        public static Command Create(CliConsole console)
        {
            var references = new Argument<string[]>("references")
            {
                Description = "Source references (registry/repository:tag or @sha256:digest); with no --to, exactly two: SRC and the destination reference DESTREF (host/repo[:tag]; without a tag the source's is kept).",
                Arity = ArgumentArity.ZeroOrMore,
            };
            var to = new Option<string?>("--to", "-t")
            {
                Description = "Destination registry host[:port][/prefix]; each reference keeps its repository path under the prefix.",
            };
            var scoped = new Option<bool>("--scoped")
            {
                Description = "Keep the source registry as the first path segment under --to (host/prefix/docker.io/library/nginx); a port's ':' becomes '_'.",
            };
            var fromFile = new Option<string?>("--from-file", "-f")
            {
                Description = "Also read source references from FILE, one per line ('-' for stdin); blank and '#' lines are ignored.",
            };
            var dryRun = new Option<bool>("--dry-run")
            {
                Description = "Plan only: resolve every reference, check what the destination has, print what would be copied and how many bytes; write nothing.",
            };
            var platforms = new PlatformOptions();
            var common = new CommonOptions();
            SideOptions source = SideOptions.Source();
            SideOptions destination = SideOptions.Destination();

            var command = new Command("copy", "Copy images and artifacts from registries to a registry, streamed and verified, digests unchanged; source and destination each with their own credentials and TLS (--src-*, --dest-*).");
            command.Arguments.Add(references);
            command.Options.Add(to);
            command.Options.Add(scoped);
            command.Options.Add(fromFile);
            command.Options.Add(dryRun);
            platforms.AddTo(command);
            common.AddTo(command, withConcurrency: true);
            source.AddTo(command);
            destination.AddTo(command);

            command.SetAction((parse, cancellationToken) => CommandGuard.RunAsync(console, parse.GetValue(common.Debug), async () =>
            {
                if (parse.GetValue(fromFile) == "-" && common.ReadsStdin(parse, source, destination))
                {
                    throw new UsageException("--from-file - and a --*password-stdin flag both want standard input; put the references or the password in a file.");
                }

                string? target = parse.GetValue(to);
                (IReadOnlyList<string> refs, string? destinationReference) = await ReadSourcesAsync(console, parse.GetValue(references), parse.GetValue(fromFile), target, cancellationToken).ConfigureAwait(false);
                if (target != null && !CheckDestination(console, target))
                {
                    return ExitCodes.UsageOrSetup;
                }

                var (output, observer) = DryRunObserver.For(console, parse.GetValue(common.Json), common.LogLevelOf(parse), parse.GetValue(dryRun));
                var (sourceAccess, destinationAccess) = await common.CreateSidesAsync(parse, console, source, destination, output, cancellationToken).ConfigureAwait(false);
                var request = new CopyRequest
                {
                    References = refs,
                    Destination = target,
                    DestinationReference = destinationReference,
                    Scoped = parse.GetValue(scoped),
                    Platforms = platforms.FilterOf(parse),
                    Source = sourceAccess,
                    Target = destinationAccess,
                    Concurrency = common.ConcurrencyOf(parse),
                };
                OperationSummary summary = await new CopyOperation(request).RunAsync(observer, cancellationToken).ConfigureAwait(false);
                return CommandGuard.Finish(output, "copy", summary, parse.GetValue(dryRun));
            }, cancellationToken));
            return command;
        }

        /// <summary>The source references and, without <c>--to</c>, the destination reference (the second of exactly two arguments).</summary>
        /// <exception cref="UsageException">No references, or no <c>--to</c> and not exactly SRC DESTREF.</exception>
        private static async Task<(IReadOnlyList<string> Sources, string? DestinationReference)> ReadSourcesAsync(CliConsole console, string[]? arguments, string? fromFile, string? to, System.Threading.CancellationToken cancellationToken)
        {
            foreach (string argument in arguments ?? Array.Empty<string>())
            {
                if (argument.StartsWith("-", StringComparison.Ordinal) && argument != "-")
                {
                    throw new UsageException($"unknown option '{argument}'.");
                }
            }

            if (to == null)
            {
                if (arguments?.Length != 2 || fromFile != null)
                {
                    throw new UsageException("copy needs --to HOST[:PORT][/PREFIX] for its references, or exactly two arguments: SRC DESTREF.");
                }

                return (new[] { arguments[0] }, arguments[1]);
            }

            IReadOnlyList<string> refs = await ReferenceInput.ReadAsync(arguments, fromFile, console.Input, cancellationToken).ConfigureAwait(false);
            if (refs.Count == 0)
            {
                throw new UsageException("no references to copy: give them as arguments or with --from-file.");
            }

            return (refs, null);
        }

        /// <summary>Checks <c>--to</c> first, so a bad value says how to write it (exit 2).</summary>
        private static bool CheckDestination(CliConsole console, string destination)
        {
            try
            {
                RegistryDestination.Parse(destination);
                return true;
            }
            catch (OciException e)
            {
                console.Error.WriteLine(ErrorText.InvalidDestination(e));
                return false;
            }
        }
    }
}
