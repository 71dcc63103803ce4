using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using OciMirror.Core.Content;
using OciMirror.Core.Errors;
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
    /// Token auth (distribution <c>auth.token</c>) with the issuer inside the test: challenge parsing,
    /// scope caching (token requests counted), refresh tokens (identity tokens), expiry, the 401 retry,
    /// partial grants and POST <c>grant_type=password</c>. The registry is HTTPS; these tests trust it with
    /// --insecure / SkipTlsVerify (certificates are tested elsewhere) and go through the wire proxy.
    /// </summary>
    [Collection(TokenRegistryCollection.Name)]
    public sealed class TokenAuthTests
    {
        private readonly TokenRegistryFixture _fixture;

        public TokenAuthTests(TokenRegistryFixture fixture)
        {
            _fixture = fixture;
            fixture.Reset();
        }

        private TokenIssuer Issuer => _fixture.Issuer;

        private string Host => _fixture.Proxy.Host;

        private string User => TokenRegistryFixture.User;

        private string Password => _fixture.Password;

        private Func<string, System.Net.Http.Headers.AuthenticationHeaderValue?> ProbeAuth => repository => SecureProbe.Bearer(Issuer, repository);

        [Fact]
        public async Task Cli_ExportAndImport_OneTokenRequestPerScopeSet()
        {
            var tags = new[] { CorpusSeed.Corpus.Tag(CorpusBuilder.Alpha, "oci-1"), CorpusSeed.Corpus.Tag(CorpusBuilder.Alpha, "multi"), CorpusSeed.Corpus.Tag(CorpusBuilder.Beta, "v2"), CorpusSeed.Corpus.Tag(CorpusBuilder.Gamma, "thing") };
            using var work = new TempDirectory();
            string bundle = work.Combine("bundle");

            CliResult export = await SecureFlow.ExportAsync(Host, bundle, tags, Password + "\n", "--insecure", "-u", User, "--password-stdin");

            Assert.True(export.ExitCode == 0, export + "\n" + string.Join("\n", Issuer.Requests));
            SecureFlow.AssertBundle(bundle, tags);
            var exportRequests = Issuer.Requests;
            Assert.All(exportRequests, q => Assert.True(q.Method == "GET" && q.Status == 200 && q.Account == User && q.Service == Issuer.Service, q.ToString()));
            AssertEachScopeSetOnce(exportRequests);
            foreach (string repository in new[] { CorpusBuilder.Alpha, CorpusBuilder.Beta, CorpusBuilder.Gamma })
            {
                Assert.Contains(exportRequests, q => q.Scopes.Contains("repository:" + repository + ":pull"));
            }

            Issuer.ClearRequests();
            string prefix = SecureFlow.NewPrefix("token");
            CliResult import = await SecureFlow.ImportAsync(Host, prefix, bundle, Password + "\n", "--insecure", "-u", User, "--password-stdin");

            Assert.True(import.ExitCode == 0, import + "\n" + string.Join("\n", Issuer.Requests));
            await SecureFlow.AssertImportedAsync(_fixture.Registry, null, prefix, tags, ProbeAuth);
            var importRequests = Issuer.Requests;
            AssertEachScopeSetOnce(importRequests);
            Assert.Contains(importRequests, q => q.Scopes.Any(s => s.StartsWith("repository:" + prefix + "/" + CorpusBuilder.Alpha + ":", StringComparison.Ordinal) && s.Contains("push", StringComparison.Ordinal)));
        }

        [Fact]
        public async Task Cli_Import_SharedBlobAcrossRepositories_MountScopesInOneTokenRequest()
        {
            // The base layer is in every image: importing alpha and beta makes the second repository mount it from the first.
            var tags = new[] { CorpusSeed.Corpus.Tag(CorpusBuilder.Alpha, "oci-1"), CorpusSeed.Corpus.Tag(CorpusBuilder.Beta, "v2") };
            using var work = new TempDirectory();
            string bundle = work.Combine("bundle");
            CliResult export = await SecureFlow.ExportAsync(Host, bundle, tags, null, "--insecure", "-u", User, "-p", Password);
            Assert.True(export.ExitCode == 0, export.ToString());
            Issuer.ClearRequests();
            _fixture.Proxy.Clear();
            string prefix = SecureFlow.NewPrefix("mount");

            CliResult import = await SecureFlow.ImportAsync(Host, prefix, bundle, null, "--insecure", "-u", User, "-p", Password, "--concurrency", "1");

            Assert.True(import.ExitCode == 0, import.ToString());
            await SecureFlow.AssertImportedAsync(_fixture.Registry, null, prefix, tags, ProbeAuth);
            var mounts = _fixture.Proxy.Records.Where(r => r.Method == "POST" && r.PathAndQuery.Contains("mount=", StringComparison.Ordinal)).ToList();
            Assert.True(mounts.Count > 0, "no cross-repository mount was attempted:\n" + string.Join("\n", _fixture.Proxy.Records));
            Assert.True(mounts.All(m => m.Status == 201), "mounts were not granted:\n" + string.Join("\n", mounts));
            Assert.Contains(Issuer.Requests, q => q.Scopes.Select(s => s.Split(':')[1]).Distinct().Count() >= 2);
        }

        [Fact]
        public async Task Cli_ReadOnlyUser_PartialGrant_ExportWorks_ImportFailsClearly()
        {
            using var work = new TempDirectory();
            string bundle = work.Combine("bundle");
            var tags = SecureFlow.SmallSet.Take(1).ToList();

            CliResult export = await SecureFlow.ExportAsync(Host, bundle, tags, null, "--insecure", "-u", TokenRegistryFixture.Reader, "-p", _fixture.ReaderPassword);
            Assert.True(export.ExitCode == 0, export.ToString());
            Issuer.ClearRequests();
            _fixture.Proxy.Clear();

            CliResult import = await SecureFlow.ImportAsync(Host, SecureFlow.NewPrefix("readonly"), bundle, null, "--insecure", "-u", TokenRegistryFixture.Reader, "-p", _fixture.ReaderPassword);

            // Each refused request is retried at most once with a fresh token: no more than two upload
            // starts and two token requests per blob of the artifact.
            int blobs = CorpusSeed.Corpus.ClosureOf(tags[0]).Count - 1;
            string wire = string.Join("\n", _fixture.Proxy.Records) + "\ntoken requests:\n" + string.Join("\n", Issuer.Requests);
            Assert.True(import.ExitCode is 1 or 2, import.ToString());
            Assert.Matches("(?i)denied|permission|not allowed|authenticat|unauthori", import.StdErr);
            Assert.Contains("hint:", import.StdErr);
            Assert.True(Issuer.Requests.Count <= 2 * blobs, "token requests for one refused artifact:\n" + wire);
            Assert.True(_fixture.Proxy.Records.Count(r => r.Method == "POST") <= 2 * blobs, "upload starts for one refused artifact:\n" + wire);
        }

        [Fact]
        public async Task Cli_WrongPassword_TokenServiceRefuses_OneTokenRequest()
        {
            using var work = new TempDirectory();

            CliResult export = await SecureFlow.ExportAsync(Host, work.Combine("bundle"), SecureFlow.SmallSet.Take(1), null, "--insecure", "-u", User, "-p", TestSecrets.NewPassword("wrong"));

            Assert.True(export.ExitCode is 1 or 2, export.ToString());
            Assert.Matches("(?i)authenticat|credential|unauthori", export.StdErr);
            Assert.Contains("hint:", export.StdErr);
            Assert.Single(Issuer.Requests);
        }

        [Fact]
        public async Task Cli_IdentityTokenInConfigJson_UsesPostRefreshTokenFlow()
        {
            using var work = new TempDirectory();
            string refresh = Issuer.CreateRefreshToken(User);
            string config = AuthFiles.Write(work.Combine("config.json"), new JsonObject
            {
                [Host] = new JsonObject { ["auth"] = SecretScan.BasicAuth(User, string.Empty), ["identitytoken"] = refresh },
            });

            await SecureFlow.RoundTripScopedAsync(_fixture.Registry, ProbeAuth, Host, SecureFlow.SmallSet, "identity", null, "--insecure", "--authfile", config);

            var requests = Issuer.Requests;
            Assert.NotEmpty(requests);
            Assert.All(requests, q => Assert.True(q.Method == "POST" && q.GrantType == "refresh_token" && q.Status == 200, q.ToString()));
        }

        [Fact]
        public async Task Cli_TokenServiceRefusesGet_FallsBackToPostPasswordGrant()
        {
            Issuer.RefuseGet = true;
            using var work = new TempDirectory();

            CliResult export = await SecureFlow.ExportAsync(Host, work.Combine("bundle"), SecureFlow.SmallSet.Take(1), null, "--insecure", "-u", User, "-p", Password);

            Assert.True(export.ExitCode == 0, export + "\n" + string.Join("\n", Issuer.Requests));
            Assert.Contains(Issuer.Requests, q => q.Method == "POST" && q.GrantType == "password" && q.Status == 200);
        }

        [Fact]
        public async Task Core_TokenReused_UntilShortExpiresInRunsOut_ThenRefreshed()
        {
            string scope = "repository:" + CorpusBuilder.Alpha + ":pull";
            using RegistryClient client = NewClient();
            var alpha = (ITagLister)client.GetRepository(Reference.ParseRepository(Host + "/" + CorpusBuilder.Alpha));

            // Long-lived tokens: three calls, one token request.
            for (int i = 0; i < 3; i++)
            {
                Assert.Contains("oci-1", await alpha.ListTagsAsync(default));
            }

            Assert.Equal(1, Issuer.Requests.Count(q => q.ScopeKey == scope));

            // A 2 s token is used while fresh and fetched again once it has run out.
            using RegistryClient shortLived = NewClient();
            Issuer.ClearRequests();
            Issuer.ExpiresInSeconds = 2;
            var beta = (ITagLister)shortLived.GetRepository(Reference.ParseRepository(Host + "/" + CorpusBuilder.Alpha));
            await beta.ListTagsAsync(default);
            await beta.ListTagsAsync(default);
            Assert.Equal(1, Issuer.Requests.Count(q => q.ScopeKey == scope));
            await Task.Delay(TimeSpan.FromSeconds(2.2));
            await beta.ListTagsAsync(default);
            Assert.Equal(2, Issuer.Requests.Count(q => q.ScopeKey == scope));
        }

        [Fact]
        public async Task Core_TokenRejectedByRegistry_ExactlyOne401RetryWithAFreshToken()
        {
            using RegistryClient client = NewClient();
            var alpha = (ITagLister)client.GetRepository(Reference.ParseRepository(Host + "/" + CorpusBuilder.Alpha));
            var beta = (ITagLister)client.GetRepository(Reference.ParseRepository(Host + "/" + CorpusBuilder.Beta));
            await alpha.ListTagsAsync(default); // learns the challenge: later requests send tokens up front
            Issuer.ClearRequests();
            _fixture.Proxy.Clear();
            Issuer.IssueRejectedTokens(1);

            IReadOnlyList<string> tags = await beta.ListTagsAsync(default);

            Assert.Contains("v2", tags);
            string scope = "repository:" + CorpusBuilder.Beta + ":pull";
            Assert.Equal(2, Issuer.Requests.Count(q => q.ScopeKey == scope));
            var wire = _fixture.Proxy.Records.Where(r => r.PathAndQuery.Contains("/" + CorpusBuilder.Beta + "/tags/list", StringComparison.Ordinal)).ToList();
            Assert.True(wire.Count == 2 && wire[0].Status == 401 && wire[1].Status == 200, string.Join("\n", wire));
            Assert.NotEqual(wire[0].Credentials, wire[1].Credentials);
        }

        [Fact]
        public async Task Core_RegistryKeepsRejectingTokens_FailsAfterOneRetry_NoStorm()
        {
            using RegistryClient client = NewClient();
            var alpha = (ITagLister)client.GetRepository(Reference.ParseRepository(Host + "/" + CorpusBuilder.Alpha));
            var gamma = (ITagLister)client.GetRepository(Reference.ParseRepository(Host + "/" + CorpusBuilder.Gamma));
            await alpha.ListTagsAsync(default);
            Issuer.ClearRequests();
            _fixture.Proxy.Clear();
            Issuer.IssueRejectedTokens(100);

            var error = await Assert.ThrowsAsync<OciException>(() => gamma.ListTagsAsync(default));

            Assert.Equal(OciErrorKind.AuthenticationFailed, error.Kind);
            Assert.True(Issuer.Requests.Count <= 2, string.Join("\n", Issuer.Requests));
            Assert.True(_fixture.Proxy.Records.Count <= 2, string.Join("\n", _fixture.Proxy.Records));
            Issuer.IssueRejectedTokens(0);
        }

        private RegistryClient NewClient() => new RegistryClient(new RegistryAccessOptions
        {
            SkipTlsVerify = true,
            Credentials = new StaticCredentialProvider(new RegistryCredential(User, Password)),
        });

        private static void AssertEachScopeSetOnce(IReadOnlyList<TokenRequestRecord> requests)
        {
            var repeated = requests.GroupBy(q => q.ScopeKey).Where(g => g.Count() > 1).Select(g => $"{g.Count()} × [{g.Key}]").ToList();
            Assert.True(repeated.Count == 0, "token requests repeated for the same scopes (cache not used):\n" + string.Join("\n", repeated) + "\nall:\n" + string.Join("\n", requests));
        }
    }
}
