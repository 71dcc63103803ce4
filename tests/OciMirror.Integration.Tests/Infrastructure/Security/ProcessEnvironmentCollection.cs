using Xunit;

namespace OciMirror.Integration.Tests.Infrastructure.Security
{
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
