using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using OciMirror.Core.Credentials;
using OciMirror.Core.Registry;
using OciMirror.Core.Registry.Auth;
using OciMirror.Integration.Tests.Infrastructure;
using OciMirror.Integration.Tests.Infrastructure.Security;
using Xunit;

namespace OciMirror.Integration.Tests.Security
{
    /// <summary>
    /// Secrets of a basic-auth registry (the password, the base64 <c>user:password</c> of the header and
    /// of config.json, a rejected password) appear in no output: CLI stdout and stderr with --verbose
    /// --debug, and every log line, result and exception of the Core observer.
    /// </summary>
    [Collection(BasicAuthRegistryCollection.Name)]
    public sealed class BasicAuthSecretsTests
    {
        private readonly BasicAuthRegistryFixture _fixture;

        public BasicAuthSecretsTests(BasicAuthRegistryFixture fixture)
        {
            _fixture = fixture;
        }

        private string User => BasicAuthRegistryFixture.User;

        [Fact]
        public async Task Cli_VerboseDebugExportImport_AndFailures_NeverShowCredentials()
        {
            string wrong = TestSecrets.NewPassword("wrongsecret");
            string host = _fixture.Proxy.Host;
            using var work = new TempDirectory();
            string bundle = work.Combine("bundle");
            string config = AuthFiles.Write(work.Combine("config.json"), new JsonObject { [host] = AuthFiles.AuthEntry(User, _fixture.Password) });
            _fixture.Proxy.Clear();
            var runs = new List<CliResult>();

            runs.Add(await SecureFlow.ExportAsync(host, bundle, SecureFlow.SmallSet, _fixture.Password + "\n", "--insecure", "-u", User, "--password-stdin", "--verbose", "--debug"));
            Assert.True(runs[^1].ExitCode == 0, runs[^1].ToString());
            runs.Add(await SecureFlow.ImportAsync(host, SecureFlow.NewPrefix("secret"), bundle, null, "--insecure", "--authfile", config, "--verbose", "--debug", "--json"));
            Assert.True(runs[^1].ExitCode == 0, runs[^1].ToString());
            runs.Add(await SecureFlow.ExportAsync(host, work.Combine("bundle2"), SecureFlow.SmallSet, null, "--insecure", "-u", User, "-p", wrong, "--verbose", "--debug", "--json"));
            Assert.NotEqual(0, runs[^1].ExitCode);
            runs.Add(await SecureFlow.ImportAsync(host, SecureFlow.NewPrefix("secret"), bundle, wrong + "\n", "--insecure", "-u", User, "--password-stdin", "--debug"));
            Assert.NotEqual(0, runs[^1].ExitCode);

            var sent = _fixture.Proxy.Records.Where(q => q.Credentials != null).Select(q => ("Authorization sent on the wire", q.Credentials!)).Distinct().ToList();
            Assert.NotEmpty(sent); // the oracle saw the credentials, so searching for them means something
            Assert.True(runs.Sum(r => r.StdErr.Split('\n').Length) > 40, "the debug log was expected to be long");
            SecretScan.AssertNoneLeaked(
                runs.SelectMany((r, i) => new[] { ($"run {i} stdout", r.StdOut), ($"run {i} stderr", r.StdErr) }),
                new[] { ("password", _fixture.Password), ("basic auth string", SecretScan.BasicAuth(User, _fixture.Password)), ("rejected password", wrong), ("rejected basic auth string", SecretScan.BasicAuth(User, wrong)) }.Concat(sent));
        }

        [Fact]
        public async Task Core_ObserverCapturesEverything_NoCredentialsInLogsResultsOrExceptions()
        {
            string wrong = TestSecrets.NewPassword("wrongsecret");
            string host = _fixture.Proxy.Host;
            using var work = new TempDirectory();
            var env = new IsolatedCredentialEnvironment(work.Combine("machine"));
            AuthFiles.Write(System.IO.Path.Combine(env.Home, ".docker", "config.json"), new JsonObject { [host] = AuthFiles.AuthEntry(User, _fixture.Password) });
            var observer = new CapturingObserver();
            RegistryAccessOptions Good() => new RegistryAccessOptions { SkipTlsVerify = true, Credentials = new CredentialResolver(new CredentialResolverOptions { Log = observer }, env) };
            RegistryAccessOptions Bad() => new RegistryAccessOptions { SkipTlsVerify = true, Credentials = new StaticCredentialProvider(new RegistryCredential(User, wrong)) };
            _fixture.Proxy.Clear();
            string bundle = work.Combine("bundle");

            var export = await SecureFlow.CoreExportAsync(host, bundle, SecureFlow.SmallSet, Good(), observer);
            SecureFlow.AssertSucceeded(export, observer, "export");
            var import = await SecureFlow.CoreImportAsync(host, SecureFlow.NewPrefix("coresecret"), bundle, Good(), observer);
            SecureFlow.AssertSucceeded(import, observer, "import");
            var failing = new CapturingObserver();
            var failedExport = await SecureFlow.CoreExportAsync(host, work.Combine("bundle2"), SecureFlow.SmallSet, Bad(), failing);
            var failedImport = await SecureFlow.CoreImportAsync(host, SecureFlow.NewPrefix("coresecret"), bundle, Bad(), failing);
            Assert.Contains(failing.Results, r => r.Error != null);

            var exceptions = new[] { failedExport.Thrown, failedImport.Thrown }.Where(e => e != null).Select(e => e!.ToString())
                .Concat(failing.Results.Where(r => r.Error != null).Select(r => r.Error!.ToString() + " " + r.Error.RecommendedAction));
            Assert.Contains(observer.Lines, l => l.StartsWith("Verbose: ", System.StringComparison.Ordinal));
            Assert.Contains(observer.Lines, l => l.StartsWith("Debug: ", System.StringComparison.Ordinal));
            var sent = _fixture.Proxy.Records.Where(q => q.Credentials != null).Select(q => ("Authorization sent on the wire", q.Credentials!)).Distinct().ToList();
            Assert.NotEmpty(sent);
            SecretScan.AssertNoneLeaked(
                new[] { ("observer", observer.Text), ("observer of the failing runs", failing.Text), ("exceptions", string.Join("\n", exceptions)) },
                new[] { ("password", _fixture.Password), ("basic auth string", SecretScan.BasicAuth(User, _fixture.Password)), ("rejected password", wrong), ("rejected basic auth string", SecretScan.BasicAuth(User, wrong)) }.Concat(sent));
        }
    }
}
