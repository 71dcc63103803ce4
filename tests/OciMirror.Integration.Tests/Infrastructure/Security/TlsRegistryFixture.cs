using System.Threading.Tasks;
using Xunit;

namespace OciMirror.Integration.Tests.Infrastructure.Security
{
    /// <summary>An HTTPS registry (test CA, no auth) with the corpus; the PKI files live in <see cref="Files"/>.</summary>
    public sealed class TlsRegistryFixture : IAsyncLifetime
    {
        public TempDirectory Files { get; } = new TempDirectory("ocimirror-tls");

        public TestPki Pki { get; private set; } = null!;

        public SecureRegistry Registry { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            Pki = TestPki.Create(Files.Combine("pki"));
            Registry = await SecureRegistry.StartAsync(new SecureRegistryOptions { Tls = Pki }).ConfigureAwait(false);
        }

        public async Task DisposeAsync()
        {
            if (Registry != null)
            {
                await Registry.DisposeAsync().ConfigureAwait(false);
            }

            Files.Dispose();
        }
    }
}
