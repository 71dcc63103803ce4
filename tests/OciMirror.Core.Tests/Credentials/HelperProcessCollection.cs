using Xunit;

namespace OciMirror.Core.Tests.Credentials
{
    /// <summary>
    /// Tests that write helper scripts and run them share one collection so they never run in parallel:
    /// a script written while another thread forks can fail to exec with ETXTBSY ("text file busy").
    /// </summary>
    [CollectionDefinition(Name)]
    public sealed class HelperProcessCollection
    {
        public const string Name = "Credential helper processes";
    }
}
