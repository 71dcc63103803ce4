using System.CommandLine;
using System.IO;
using OciMirror.Cli.Output;
using OciMirror.Core.Operations;

namespace OciMirror.Cli.Commands
{
    /// <summary>
    /// <c>ocimirror verify BUNDLE|- [--json]</c>: hashes every blob and checks every reference. Prints one line
    /// per entry and one per bad blob or layout problem (with <c>--json</c>, one report object) on stdout and
    /// a summary on stderr. Exit 0 valid, 1 damaged, 2 when the path cannot be read as a bundle at all.
    /// </summary>
    internal static class VerifyCommand
    {
        public static Command Create(CliConsole console)
        {
            var options = new BundleReadOptions();
            var command = new Command("verify", "Verify a bundle (directory, .tar, .tgz, .tar.zst, split volumes, or '-' for stdin): hash every blob, check every reference. Exit 0 valid, 1 damaged, 2 unusable.");
            options.AddTo(command);

            command.SetAction((parse, cancellationToken) => CommandGuard.RunAsync(console, parse.GetValue(options.Debug), async () =>
            {
                bool json = parse.GetValue(options.Json);
                var observer = new ConsoleObserver(console, json, options.LogLevelOf(parse), r => r.Input);
                (string path, Stream? input) = BundleArgument.Open(console, parse.GetValue(options.Bundle)!);
                var request = new BundleRequest { BundlePath = path, InputStream = input };
                BundleVerifyReport report = await new BundleVerifyOperation(request).RunAsync(observer, cancellationToken).ConfigureAwait(false);

                if (json)
                {
                    console.Output.WriteLine(BundleJson.Report(report));
                }
                else
                {
                    foreach (string line in BundleText.Report(report))
                    {
                        console.Output.WriteLine(line);
                    }
                }

                console.Output.Flush();
                observer.WriteError(BundleText.Summary(report));
                return report.IsValid ? ExitCodes.Success : ExitCodes.PartialFailure;
            }, cancellationToken));
            return command;
        }
    }
}
