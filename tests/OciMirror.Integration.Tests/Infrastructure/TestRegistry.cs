using System;
using System.Threading.Tasks;
using OciMirror.Integration.Tests.Infrastructure.Fake;

namespace OciMirror.Integration.Tests.Infrastructure
{
    /// <summary>Starts the registry of a <see cref="RegistryKind"/>.</summary>
    public static class TestRegistry
    {
        public static async Task<ITestRegistry> StartAsync(RegistryKind kind) => kind switch
        {
            RegistryKind.Distribution => new Distribution(await RegistryInstance.StartAsync().ConfigureAwait(false)),
            RegistryKind.Fake => await FakeRegistry.StartAsync().ConfigureAwait(false),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };

        private sealed class Distribution : ITestRegistry
        {
            private readonly RegistryInstance _instance;

            public Distribution(RegistryInstance instance) => _instance = instance;

            public RegistryKind Kind => RegistryKind.Distribution;

            public string Host => _instance.Host;

            public Uri BaseUri => _instance.BaseUri;

            public bool HasReferrersApi => false;

            public ValueTask DisposeAsync() => _instance.DisposeAsync();
        }
    }
}
