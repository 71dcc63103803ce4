using System.IO;

namespace OciMirror.Cli
{
    /// <summary>
    /// The bundle argument of <c>import</c>, <c>ls</c> and <c>verify</c>: a path (directory, archive file,
    /// split set; the engine recognizes the format by content) or <c>-</c> for standard input (an archive
    /// stream, its compression detected by magic bytes).
    /// </summary>
    internal static class BundleArgument
    {
        public const string StandardStream = "-";

        /// <summary>The display name and, for <c>-</c>, binary stdin (not to be disposed by the caller).</summary>
        public static (string Path, Stream? Stream) Open(CliConsole console, string argument) =>
            argument == StandardStream ? ("-", console.OpenStandardInput()) : (argument, null);
    }
}
