using Xunit;

namespace OciMirror.Integration.Tests.Infrastructure.Security
{
    /// <summary>Tests sharing the HTTPS + token auth registry and its issuer.</summary>
    [CollectionDefinition(Name)]
    public sealed class TokenRegistryCollection : ICollectionFixture<TokenRegistryFixture>
    {
        public const string Name = "security: token auth registry";
    }
}
