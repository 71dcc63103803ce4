using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using OciMirror.Core.Registry;
using OciMirror.Core.Registry.Auth;
using OciMirror.Integration.Tests.Infrastructure;
using OciMirror.Integration.Tests.Infrastructure.Security;
using Xunit;

namespace OciMirror.Integration.Tests.Security
{
    /// <summary>
    /// Secrets of a token-auth registry — the password, the base64 user:password sent to the token
    /// service, every access and refresh token the issuer handed out, the identity token of config.json —
    /// appear in no CLI output (--verbose --debug) and in nothing the Core observer captured.
    /// </summary>
    [Collection(TokenRegistryCollection.Name)]
    public sealed class TokenSecretsTests
    {
        private readonly TokenRegistryFixture _fixture;

        public TokenSecretsTests(TokenRegistryFixture fixture)
        {
            _fixture = fixture;
            fixture.Reset();
        }

        private string User => TokenRegistryFixture.User;

        [Fact]
        public async Task Cli_VerboseDebugExportImport_PasswordAndTokensNeverShown()
        {
            string host = _fixture.Proxy.Host;
            using var work = new TempDirectory();
            string bundle = work.Combine("bundle");
            string refresh = _fixture.Issuer.CreateRefreshToken(User);
            string config = AuthFiles.Write(work.Combine("config.json"), new JsonObject { [host] = new JsonObject { ["identitytoken"] = refresh, ["auth"] = SecretScan.BasicAuth(User, string.Empty) } });
            string wrong = TestSecrets.NewPassword("wrongsecret");
            var runs = new List<CliResult>
            {
                await SecureFlow.ExportAsync(host, bundle, SecureFlow.SmallSet, _fixture.Password + "\n", "--insecure", "-u", User, "--password-stdin", "--verbose", "--debug"),
            };
            Assert.True(runs[^1].ExitCode == 0, runs[^1].ToString());
            runs.Add(await SecureFlow.ImportAsync(host, SecureFlow.NewPrefix("tsecret"), bundle, null, "--insecure", "-u", User, "-p", _fixture.Password, "--verbose", "--debug", "--json"));
            Assert.True(runs[^1].ExitCode == 0, runs[^1].ToString());
            runs.Add(await SecureFlow.ImportAsync(host, SecureFlow.NewPrefix("tsecret"), bundle, null, "--insecure", "--authfile", config, "--verbose", "--debug"));
            Assert.True(runs[^1].ExitCode == 0, runs[^1].ToString());
            runs.Add(await SecureFlow.ExportAsync(host, work.Combine("bundle2"), SecureFlow.SmallSet, null, "--insecure", "-u", User, "-p", wrong, "--debug"));
            Assert.NotEqual(0, runs[^1].ExitCode);

            var issued = _fixture.Issuer.IssuedSecrets;
            Assert.NotEmpty(issued);
            var sent = _fixture.Proxy.Records.Where(q => q.Credentials != null).Select(q => q.Credentials!).Distinct().ToList();
            Assert.NotEmpty(sent);
            SecretScan.AssertNoneLeaked(
                runs.SelectMany((r, i) => new[] { ($"run {i} stdout", r.StdOut), ($"run {i} stderr", r.StdErr) }),
                Secrets(wrong, refresh).Concat(issued.Select(t => ("issued token", t))).Concat(sent.Select(c => ("bearer sent on the wire", c))));
        }

        [Fact]
        public async Task Core_ObserverCapturesEverything_NoPasswordOrTokens()
        {
            string host = _fixture.Proxy.Host;
            using var work = new TempDirectory();
            string bundle = work.Combine("bundle");
            var observer = new CapturingObserver();
            RegistryAccessOptions Options(string password) => new RegistryAccessOptions { SkipTlsVerify = true, Credentials = new StaticCredentialProvider(new RegistryCredential(User, password)) };
            string wrong = TestSecrets.NewPassword("wrongsecret");

            SecureFlow.AssertSucceeded(await SecureFlow.CoreExportAsync(host, bundle, SecureFlow.SmallSet, Options(_fixture.Password), observer), observer, "export");
            SecureFlow.AssertSucceeded(await SecureFlow.CoreImportAsync(host, SecureFlow.NewPrefix("ctsecret"), bundle, Options(_fixture.Password), observer), observer, "import");
            var failing = new CapturingObserver();
            var failed = await SecureFlow.CoreExportAsync(host, work.Combine("bundle2"), SecureFlow.SmallSet, Options(wrong), failing);
            Assert.True(failed.Thrown != null || failing.Results.Any(r => r.Error != null), failing.Text);

            string exceptions = (failed.Thrown?.ToString() ?? string.Empty) + "\n" + string.Join("\n", failing.Results.Where(r => r.Error != null).Select(r => r.Error!.ToString()));
            var issued = _fixture.Issuer.IssuedSecrets;
            Assert.NotEmpty(issued);
            Assert.Contains(observer.Lines, l => l.StartsWith("Debug: ", System.StringComparison.Ordinal));
            SecretScan.AssertNoneLeaked(
                new[] { ("observer", observer.Text), ("observer of the failing run", failing.Text), ("exceptions", exceptions) },
                Secrets(wrong, null).Concat(issued.Select(t => ("issued token", t))));
        }

        private IEnumerable<(string, string)> Secrets(string wrong, string? refresh)
        {
            yield return ("password", _fixture.Password);
            yield return ("basic auth string", SecretScan.BasicAuth(User, _fixture.Password));
            yield return ("rejected password", wrong);
            yield return ("rejected basic auth string", SecretScan.BasicAuth(User, wrong));
            if (refresh != null)
            {
                yield return ("identity token", refresh);
            }
        }
    }
}
