using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using OciMirror.Cli.Output;
using OciMirror.Core.Operations;

namespace OciMirror.Cli.Commands
{
    /// <summary>
    /// <c>ocimirror ls BUNDLE|- [--json]</c>: one row per entry of the bundle (reference, digest, platforms,
    /// size, type); with <c>--json</c>, one JSON object per entry. Exit 0, or 2 when the path is not a bundle.
    /// </summary>
    internal static class ListCommand
    {
        public static Command Create(CliConsole console)
        {
            var options = new BundleReadOptions();
            var command = new Command("ls", "List the artifacts of a bundle (directory, .tar, .tgz, .tar.zst, split volumes, or '-' for stdin): reference, digest, platforms, size.");
            options.AddTo(command);

            command.SetAction((parse, cancellationToken) => CommandGuard.RunAsync(console, parse.GetValue(options.Debug), async () =>
            {
                bool json = parse.GetValue(options.Json);
                var log = new ConsoleObserver(console, json, options.LogLevelOf(parse), r => r.Input);
                (string path, Stream? input) = BundleArgument.Open(console, parse.GetValue(options.Bundle)!);
                var request = new BundleRequest { BundlePath = path, InputStream = input };
                IReadOnlyList<BundleArtifactInfo> entries = await new BundleListOperation(request).RunAsync(log, cancellationToken).ConfigureAwait(false);

                IEnumerable<string> lines = json ? System.Linq.Enumerable.Select(entries, BundleJson.Entry) : BundleText.Table(entries);
                foreach (string line in lines)
                {
                    console.Output.WriteLine(line);
                }

                console.Output.Flush();
                return ExitCodes.Success;
            }, cancellationToken));
            return command;
        }
    }
}
