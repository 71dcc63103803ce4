using OciMirror.Cli.Output;
using OciMirror.Core.Errors;
using OciMirror.Core.References;

namespace OciMirror.Cli
{
    /// <summary>
    /// The registry destination of <c>import</c>, <c>copy</c> and <c>sync</c> (<c>--to HOST[:PORT][/PREFIX]</c>),
    /// checked before anything else happens: Core reports a bad destination with the kind of a bad reference,
    /// whose hint ("write the reference as …") would send the user the wrong way.
    /// </summary>
    internal static class DestinationArgument
    {
        /// <summary>True when <paramref name="destination"/> parses; otherwise writes the error and its hint to stderr (the verb then exits 2).</summary>
        public static bool Check(CliConsole console, string destination)
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
