using Xunit;

namespace OciMirror.Integration.Tests.Infrastructure.Security
{
    /// <summary>Tests sharing the HTTPS registry.</summary>
    [CollectionDefinition(Name)]
    public sealed class TlsRegistryCollection : ICollectionFixture<TlsRegistryFixture>
    {
        public const string Name = "security: https registry";
    }
}
