using Xunit;

namespace OciMirror.Integration.Tests.Infrastructure.Security
{
    /// <summary>Tests sharing the HTTPS + htpasswd registry.</summary>
    [CollectionDefinition(Name)]
    public sealed class BasicAuthRegistryCollection : ICollectionFixture<BasicAuthRegistryFixture>
    {
        public const string Name = "security: basic auth registry";
    }
}
