using OciMirror.Core.Errors;
using OciMirror.Core.Platforms;

namespace OciMirror.Cli
{
    /// <summary>Parses <c>--platform</c> values into a Core filter, turning a malformed one into a usage error.</summary>
    internal static class PlatformArgument
    {
        /// <exception cref="UsageException">A malformed platform.</exception>
        public static PlatformFilter Parse(string[]? platforms, bool filterIndex = false, bool preserveDigests = false)
        {
            try
            {
                return PlatformFilter.Parse(platforms, filterIndex, preserveDigests);
            }
            catch (OciException e)
            {
                throw UsageException.From(e);
            }
        }
    }
}
