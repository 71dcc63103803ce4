using System.Linq;
using System.Threading.Tasks;
using OciMirror.Core.Content;
using OciMirror.Core.References;
using OciMirror.Core.Registry;
using OciMirror.Core.Registry.Auth;
using OciMirror.Integration.Tests.Corpus;
using OciMirror.Integration.Tests.Infrastructure;
using OciMirror.Integration.Tests.Infrastructure.Security;
using Xunit;

namespace OciMirror.Integration.Tests.Security
{
    /// <summary>
    /// A cached token revoked behind the client's back: the issuer rotates its signing key and the
    /// registry is restarted trusting only the new one, so the token the client holds is now rejected.
    /// The next request sends it, gets 401, fetches exactly one fresh token and succeeds.
    /// </summary>
    public sealed class TokenKeyRotationTests
    {
        [Fact]
        public async Task CachedTokenRevokedByKeyRotation_OneRetryWithFreshToken()
        {
            using var files = new TempDirectory("ocimirror-rotate");
            var pki = TestPki.Create(files.Combine("pki"));
            await using TokenIssuer issuer = await TokenIssuer.StartAsync();
            string password = TestSecrets.NewPassword("rotate");
            issuer.AddUser("alice", password);
            var options = new SecureRegistryOptions { Tls = pki, Token = issuer.RegistrySettings(files.Combine("signer-1.pem")) };
            await using SecureRegistry registry = await SecureRegistry.StartAsync(options);
            using var client = new RegistryClient(new RegistryAccessOptions
            {
                SkipTlsVerify = true,
                Credentials = new StaticCredentialProvider(new RegistryCredential("alice", password)),
            });
            var alpha = (ITagLister)client.GetRepository(Reference.ParseRepository(registry.Host + "/" + CorpusBuilder.Alpha));
            Assert.Contains("oci-1", await alpha.ListTagsAsync(default));
            Assert.Contains("oci-1", await alpha.ListTagsAsync(default));
            Assert.Single(issuer.Requests);

            issuer.RotateSigningKey();
            await registry.RestartAsync(new SecureRegistryOptions { Tls = pki, Token = issuer.RegistrySettings(files.Combine("signer-2.pem")) });

            Assert.Contains("oci-1", await alpha.ListTagsAsync(default));
            Assert.True(issuer.Requests.Count == 2, string.Join("\n", issuer.Requests));
            Assert.All(issuer.Requests, q => Assert.Equal(200, q.Status));
        }
    }
}
