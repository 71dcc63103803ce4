using System.Threading.Tasks;
using Xunit;

namespace OciMirror.Integration.Tests.Infrastructure.Security
{
    /// <summary>
    /// An HTTPS registry with token auth whose realm is an in-test <see cref="TokenIssuer"/> on plain HTTP
    /// (so that these token-flow tests do not depend on how TLS settings reach another host; the HTTPS
    /// realm is covered by <see cref="Security.SecureRoundTripTests"/>), the corpus, and a <see cref="WireProxy"/>.
    /// Users: <see cref="User"/> (pull and push) and <see cref="Reader"/> (pull only: partial grants).
    /// Tests of one collection share it; each resets the issuer's knobs with <see cref="Reset"/>.
    /// </summary>
    public sealed class TokenRegistryFixture : IAsyncLifetime
    {
        public const string User = "alice";
        public const string Reader = "reader";

        public TempDirectory Files { get; } = new TempDirectory("ocimirror-token");

        public string Password { get; } = TestSecrets.NewPassword("token");

        public string ReaderPassword { get; } = TestSecrets.NewPassword("reader");

        public TestPki Pki { get; private set; } = null!;

        public TokenIssuer Issuer { get; private set; } = null!;

        public SecureRegistry Registry { get; private set; } = null!;

        public WireProxy Proxy { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            Pki = TestPki.Create(Files.Combine("pki"));
            Issuer = await TokenIssuer.StartAsync().ConfigureAwait(false);
            Issuer.AddUser(User, Password);
            Issuer.AddUser(Reader, ReaderPassword, readOnly: true);
            Registry = await SecureRegistry.StartAsync(new SecureRegistryOptions { Tls = Pki, Token = Issuer.RegistrySettings(Files.Combine("token-signer.pem")) }).ConfigureAwait(false);
            Proxy = await WireProxy.StartAsync(Registry).ConfigureAwait(false);
        }

        /// <summary>Default issuer settings and empty request logs.</summary>
        public void Reset()
        {
            Issuer.ExpiresInSeconds = 300;
            Issuer.RefuseGet = false;
            Issuer.IssueRejectedTokens(0);
            Issuer.ClearRequests();
            Proxy.Clear();
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

            if (Issuer != null)
            {
                await Issuer.DisposeAsync().ConfigureAwait(false);
            }

            Files.Dispose();
        }
    }
}
