using Xunit;

namespace OciMirror.Integration.Tests.Infrastructure.Security
{
    /// <summary>Tests sharing the HTTPS registry.</summary>
    [CollectionDefinition(Name)]
    public sealed class TlsRegistryCollection : ICollectionFixture<TlsRegistryFixture>
    {
        public const string Name = "security: https registry";
    }

    /// <summary>Tests sharing the HTTPS + htpasswd registry.</summary>
    [CollectionDefinition(Name)]
    public sealed class BasicAuthRegistryCollection : ICollectionFixture<BasicAuthRegistryFixture>
    {
        public const string Name = "security: basic auth registry";
    }

    /// <summary>Tests sharing the HTTPS + token auth registry and its issuer.</summary>
    [CollectionDefinition(Name)]
    public sealed class TokenRegistryCollection : ICollectionFixture<TokenRegistryFixture>
    {
        public const string Name = "security: token auth registry";
    }

    /// <summary>
    /// Tests that set process environment variables (PATH for a credential helper the CLI must find,
    /// DOCKER_CONFIG) or install and run helper scripts through the CLI. They run alone, after the
    /// parallel collections, so no other test sees the changed environment.
    /// </summary>
    [CollectionDefinition(Name, DisableParallelization = true)]
    public sealed class ProcessEnvironmentCollection : ICollectionFixture<BasicAuthRegistryFixture>
    {
        public const string Name = "security: process environment";
    }
}
