using System.Threading.Tasks;
using Xunit;

namespace OciMirror.Integration.Tests.Infrastructure.Security
{
    /// <summary>
    /// An HTTPS registry with htpasswd (bcrypt) basic auth and the corpus, plus a <see cref="WireProxy"/> in
    /// front of it that records every request and Authorization header.
    /// </summary>
    public sealed class BasicAuthRegistryFixture : IAsyncLifetime
    {
        public const string User = "alice";

        public TempDirectory Files { get; } = new TempDirectory("ocimirror-basic");

        public string Password { get; } = TestSecrets.NewPassword("basic");

        public TestPki Pki { get; private set; } = null!;

        public SecureRegistry Registry { get; private set; } = null!;

        /// <summary>The proxy in front of <see cref="Registry"/> (same scheme and certificate).</summary>
        public WireProxy Proxy { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            Pki = TestPki.Create(Files.Combine("pki"));
            string htpasswd = Files.Combine("htpasswd");
            await Htpasswd.WriteAsync(htpasswd, (User, Password)).ConfigureAwait(false);
            Registry = await SecureRegistry.StartAsync(new SecureRegistryOptions { Tls = Pki, HtpasswdFile = htpasswd }).ConfigureAwait(false);
            Proxy = await WireProxy.StartAsync(Registry).ConfigureAwait(false);
        }

        public async Task DisposeAsync()
        {
            if (Proxy != null)
            {
                await Proxy.DisposeAsync().ConfigureAwait(false);
            }

            if (Registry != null)
            {
                await Registry.DisposeAsync().ConfigureAwait(false);
            }

            Files.Dispose();
        }
    }
}
