using Xunit;

namespace OciMirror.PowerShell.Hosted.Tests.Support
{
    /// <summary>The test classes that share one seeded registry (and its runspace) run one after the other.</summary>
    [CollectionDefinition(Name)]
    public sealed class RegistryCollection : ICollectionFixture<SeededRegistry>
    {
        public const string Name = "seeded registry";
    }
}
