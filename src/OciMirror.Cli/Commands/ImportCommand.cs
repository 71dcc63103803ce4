using System.CommandLine;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Cli.Output;
using OciMirror.Core.Diagnostics;
using OciMirror.Core.Errors;
using OciMirror.Core.Operations;
using OciMirror.Core.References;

namespace OciMirror.Cli.Commands
{
    /// <summary>
    /// <c>ocimirror import DIR|FILE.tar|FILE.tgz|FILE.tar.zst|FILE.001|- --to HOST[:PORT][/PREFIX] [--scoped] [--ref NAME...] [--tag TAG] [--platform P]... [--staging-repo NAME] [--staging-limit SIZE]</c>:
    /// bundle → registry; <c>-</c> reads an archive stream from stdin in one pass.
    /// </summary>
    internal static class ImportCommand
    {
        public static Command Create(CliConsole console)
        {
            var bundle = new Argument<string>("bundle")
            {
                Description = "The bundle: a directory (OCI image layout), a .tar, .tgz, .tar.zst (.tar.xz, .tar.bz2) file, the first part or bare name of split volumes (FILE.001), ours or written by skopeo, oras, crane, docker save, Hauler; or '-' to read an archive stream from stdin.",
            };
            var to = new Option<string>("--to", "-t")
            {
                Description = "Destination registry host[:port][/prefix]; each artifact keeps its repository path under the prefix.",
                Required = true,
            };
            var scoped = new Option<bool>("--scoped")
            {
                Description = "Keep the source registry as the first path segment (host/prefix/docker.io/library/nginx), like skopeo sync --scoped; a port's ':' becomes '_' (lab.local_5000).",
            };
            var refs = new Option<string[]>("--ref")
            {
                Description = "Import only this bundle entry (full name, tag or digest); repeatable. Default: every entry.",
            };
            var staging = new Option<string?>("--staging-repo")
            {
                Description = "Repository on the destination where a one-pass import (a compressed archive or '-') uploads blobs before index.json names them; default PREFIX/ocimirror-staging. Nothing is tagged there.",
            };
            var tag = new Option<string?>("--tag")
            {
                Description = "Tag what is imported with this tag instead of the entry's own (for example the single untagged root of a layout, or the one --platform chosen from it); needs exactly one entry (see --ref).",
            };
            var platforms = new PlatformOptions();
            var stagingLimit = new Option<string?>("--staging-limit")
            {
                Description = "One-pass imports: upload at most this much of blobs that no manifest read so far names (8GiB by default; 0 for no limit); a blob past it is only verified, and an artifact that needs it fails. Units: K, M, G, T (binary).",
            };
            var common = new CommonOptions();

            var command = new Command("import", "Push the content of a bundle (directory, .tar, .tgz, .tar.zst, split volumes, or an archive stream on stdin) into a registry, digests unchanged.");
            command.Arguments.Add(bundle);
            command.Options.Add(to);
            command.Options.Add(scoped);
            command.Options.Add(refs);
            command.Options.Add(staging);
            command.Options.Add(tag);
            platforms.AddTo(command);
            command.Options.Add(stagingLimit);
            common.AddTo(command, withConcurrency: true);

            command.SetAction((parse, cancellationToken) => CommandGuard.RunAsync(console, parse.GetValue(common.Debug), async () =>
            {
                if (parse.GetValue(bundle) == BundleArgument.StandardStream && parse.GetValue(common.PasswordStdin))
                {
                    throw new UsageException("'import -' and --password-stdin both want standard input; put the password in an auth file (--authfile).");
                }

                // Checked first, before stdin is read: Core reports a bad destination with the kind of a bad
                // reference, whose hint ("write the reference as ...") would send the user the wrong way.
                string destination = parse.GetValue(to)!;
                try
                {
                    RegistryDestination.Parse(destination);
                }
                catch (OciException e)
                {
                    console.Error.WriteLine(ErrorText.InvalidDestination(e));
                    return ExitCodes.UsageOrSetup;
                }

                string? importTag = parse.GetValue(tag);
                if (importTag != null && !Reference.IsValidTag(importTag))
                {
                    throw new UsageException($"--tag '{importTag}' is not a valid tag (letters, digits, '_', '.', '-'; at most 128; not starting with '.' or '-').");
                }

                var platformFilter = platforms.FilterOf(parse);
                long limit = ImportRequest.DefaultStagingLimit;
                string? limitText = parse.GetValue(stagingLimit);
                if (limitText != null && !ByteSize.TryParse(limitText, out limit))
                {
                    throw new UsageException($"--staging-limit '{limitText}' is not a size: give a number of bytes with an optional K, M, G or T suffix (binary units), for example 20G, or 0 for no limit.");
                }

                var observer = new ConsoleObserver(console, parse.GetValue(common.Json), common.LogLevelOf(parse), r => r.Destination ?? r.Source ?? r.Input);
                var access = await common.CreateAccessOptionsAsync(parse, console, observer, cancellationToken).ConfigureAwait(false);
                (string bundlePath, Stream? input) = BundleArgument.Open(console, parse.GetValue(bundle)!);
                var request = new ImportRequest
                {
                    BundlePath = bundlePath,
                    InputStream = input,
                    Destination = destination,
                    Scoped = parse.GetValue(scoped),
                    StagingRepository = parse.GetValue(staging),
                    Tag = importTag,
                    Platforms = platformFilter,
                    StagingLimit = limit,
                    References = parse.GetValue(refs) ?? System.Array.Empty<string>(),
                    Target = access,
                    Concurrency = common.ConcurrencyOf(parse),
                };
                OperationSummary summary = await new ImportOperation(request).RunAsync(observer, cancellationToken).ConfigureAwait(false);
                return CommandGuard.Finish(observer, "import", summary);
            }, cancellationToken));
            return command;
        }
    }
}
