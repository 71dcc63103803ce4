using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using OciMirror.Core.Credentials;
using OciMirror.Core.Errors;
using OciMirror.Core.Registry;
using OciMirror.Integration.Tests.Infrastructure;
using OciMirror.Integration.Tests.Infrastructure.Security;
using Xunit;

namespace OciMirror.Integration.Tests.Security
{
    /// <summary>
    /// HTTPS + htpasswd (bcrypt) basic auth: a wrong password fails once with advice, and the right
    /// password works from every credential source, each for an export and an import. These tests are
    /// about credentials, so they trust the registry with --insecure/SkipTlsVerify (certificates are
    /// <see cref="TlsTests"/>' business; <see cref="SecureRoundTripTests"/> combines both). Sources that
    /// need the process environment through the CLI are in <see cref="CliEnvironmentCredentialTests"/>.
    /// </summary>
    [Collection(BasicAuthRegistryCollection.Name)]
    public sealed class BasicAuthTests
    {
        private readonly BasicAuthRegistryFixture _fixture;

        public BasicAuthTests(BasicAuthRegistryFixture fixture)
        {
            _fixture = fixture;
        }

        private SecureRegistry Registry => _fixture.Registry;

        private string User => BasicAuthRegistryFixture.User;

        private string Password => _fixture.Password;

        private System.Net.Http.Headers.AuthenticationHeaderValue ProbeAuth => SecureProbe.Basic(User, Password);

        [Fact]
        public async Task Cli_WrongPassword_AuthenticationErrorWithAdvice_NoRetryStorm()
        {
            string wrong = TestSecrets.NewPassword("wrong");
            using var work = new TempDirectory();
            _fixture.Proxy.Clear();

            CliResult export = await SecureFlow.ExportAsync(_fixture.Proxy.Host, work.Combine("bundle"), SecureFlow.SmallSet.Take(1), null, "--insecure", "-u", User, "-p", wrong);

            var requests = _fixture.Proxy.Records;
            string wire = string.Join("\n", requests);
            Assert.True(export.ExitCode is 1 or 2, export.ToString());
            Assert.Matches("(?i)authenticat|credential|unauthori", export.StdErr);
            Assert.Contains("hint:", export.StdErr);
            Assert.True(requests.Count <= 3, $"{requests.Count} requests for one reference with a wrong password:\n{wire}");
            Assert.True(requests.Count(q => q.Authorization != null) <= 1, "the rejected password was sent again:\n" + wire);
            Assert.DoesNotContain(wrong, export.StdErr + export.StdOut);
        }

        [Fact]
        public async Task Cli_WrongPassword_Import_FailsOnceWithAdvice()
        {
            using var work = new TempDirectory();
            string bundle = work.Combine("bundle");
            CliResult export = await SecureFlow.ExportAsync(Registry.Host, bundle, SecureFlow.SmallSet.Take(1), null, "--insecure", "-u", User, "-p", Password);
            Assert.True(export.ExitCode == 0, export.ToString());
            _fixture.Proxy.Clear();

            CliResult import = await SecureFlow.ImportAsync(_fixture.Proxy.Host, SecureFlow.NewPrefix("wrongpw"), bundle, null, "--insecure", "-u", User, "-p", TestSecrets.NewPassword("wrong"));

            var requests = _fixture.Proxy.Records;
            Assert.True(import.ExitCode is 1 or 2, import.ToString());
            Assert.Matches("(?i)authenticat|credential|unauthori", import.StdErr);
            Assert.Contains("hint:", import.StdErr);
            Assert.True(requests.Count <= 6, $"{requests.Count} requests for one artifact with a wrong password:\n{string.Join("\n", requests)}");
        }

        [Fact]
        public async Task Cli_NoCredentials_AuthenticationErrorSuggestingHowToLogIn()
        {
            using var work = new TempDirectory();
            string empty = AuthFiles.Write(work.Combine("empty-auth.json"), new JsonObject());

            CliResult r = await SecureFlow.ExportAsync(Registry.Host, work.Combine("bundle"), SecureFlow.SmallSet.Take(1), null, "--insecure", "--authfile", empty);

            Assert.True(r.ExitCode is 1 or 2, r.ToString());
            Assert.Matches("(?i)authenticat|credential|unauthori", r.StdErr);
            Assert.Matches("(?i)hint:.*(-u|--username|login|--authfile|credential)", r.StdErr);
        }

        [Fact]
        public async Task Cli_ExplicitUsernameAndPassword_ExportAndImportWork()
        {
            await SecureFlow.RoundTripAsync(Registry, ProbeAuth, Registry.Host, SecureFlow.SmallSet, "explicit", null, "--insecure", "-u", User, "-p", Password);
        }

        [Fact]
        public async Task Cli_PasswordStdin_ExportAndImportWork()
        {
            await SecureFlow.RoundTripAsync(Registry, ProbeAuth, Registry.Host, SecureFlow.SmallSet, "stdin", Password + "\n", "--insecure", "-u", User, "--password-stdin");
        }

        [Fact]
        public async Task Cli_AuthFile_DockerConfigAuthField_ExportAndImportWork()
        {
            using var work = new TempDirectory();
            string config = AuthFiles.Write(work.Combine("config.json"), new JsonObject { [Registry.Host] = AuthFiles.AuthEntry(User, Password) });

            await SecureFlow.RoundTripAsync(Registry, ProbeAuth, Registry.Host, SecureFlow.SmallSet, "authfile", null, "--insecure", "--authfile", config);
        }

        [Fact]
        public async Task Cli_AuthFile_PodmanNamespaceKeys_MostSpecificKeyWins()
        {
            using var work = new TempDirectory();
            string prefix = SecureFlow.NewPrefix("podns");
            var auths = new JsonObject
            {
                [Registry.Host] = AuthFiles.AuthEntry(User, TestSecrets.NewPassword("hostlevelwrong")),
                [Registry.Host + "/corpus"] = AuthFiles.AuthEntry(User, Password),
                [Registry.Host + "/" + prefix] = AuthFiles.AuthEntry(User, Password),
            };
            string authJson = AuthFiles.Write(work.Combine("auth.json"), auths);
            string bundle = work.Combine("bundle");

            CliResult export = await SecureFlow.ExportAsync(Registry.Host, bundle, SecureFlow.SmallSet, null, "--insecure", "--authfile", authJson);
            Assert.True(export.ExitCode == 0, export.ToString());
            CliResult import = await SecureFlow.ImportAsync(Registry.Host, prefix, bundle, null, "--insecure", "--authfile", authJson);
            Assert.True(import.ExitCode == 0, import.ToString());

            await SecureFlow.AssertImportedAsync(Registry, ProbeAuth, prefix, SecureFlow.SmallSet);
        }

        [Fact]
        public async Task Core_DockerConfigEnvironmentVariable_AuthField_ExportAndImportWork()
        {
            using var work = new TempDirectory();
            var env = new IsolatedCredentialEnvironment(work.Combine("machine"));
            string dockerConfig = work.Combine("docker-config");
            AuthFiles.Write(Path.Combine(dockerConfig, "config.json"), new JsonObject { [Registry.Host] = AuthFiles.AuthEntry(User, Password) });
            env["DOCKER_CONFIG"] = dockerConfig;

            await CoreRoundTripAsync(work, env, "dockerconfig");
        }

        [Fact]
        public async Task Core_PodmanAuthJsonInXdgRuntimeDir_NamespaceKey_ExportAndImportWork()
        {
            using var work = new TempDirectory();
            var env = new IsolatedCredentialEnvironment(work.Combine("machine"));
            string runtime = work.Combine("run-user");
            string prefix = SecureFlow.NewPrefix("podman");
            AuthFiles.Write(Path.Combine(runtime, "containers", "auth.json"), new JsonObject
            {
                [Registry.Host] = AuthFiles.AuthEntry(User, TestSecrets.NewPassword("hostlevelwrong")),
                [Registry.Host + "/corpus"] = AuthFiles.AuthEntry(User, Password),
                [Registry.Host + "/" + prefix + "/corpus"] = AuthFiles.AuthEntry(User, Password),
            });
            env["XDG_RUNTIME_DIR"] = runtime;

            await CoreRoundTripAsync(work, env, prefix, prefixIsFinal: true);
        }

        [Fact]
        public async Task Core_CredentialHelperFromCredHelpers_ExportAndImportWork()
        {
            using var work = new TempDirectory();
            var env = new IsolatedCredentialEnvironment(work.Combine("machine"));
            string calls = work.Combine("helper-calls.log");
            await HelperScripts.InstallAsync(env.Bin, "test", HelperScripts.Protocol(Registry.Host, User, Password, calls));
            string dockerConfig = work.Combine("docker-config");
            AuthFiles.Write(Path.Combine(dockerConfig, "config.json"), new JsonObject(), credHelpers: new JsonObject { [Registry.Host] = "test" });
            env["DOCKER_CONFIG"] = dockerConfig;

            await CoreRoundTripAsync(work, env, "helper");

            Assert.True(File.Exists(calls), "the credential helper was never called");
            Assert.All(File.ReadAllLines(calls), l => Assert.Equal(Registry.Host, l));
        }

        [Fact]
        public async Task Core_CredsStore_UsedWhenNoOtherSourceHasTheRegistry()
        {
            using var work = new TempDirectory();
            var env = new IsolatedCredentialEnvironment(work.Combine("machine"));
            string calls = work.Combine("helper-calls.log");
            await HelperScripts.InstallAsync(env.Bin, "desktop", HelperScripts.Protocol(Registry.Host, User, Password, calls));
            AuthFiles.Write(Path.Combine(env.Home, ".docker", "config.json"), new JsonObject { [Registry.Host] = new JsonObject() }, credsStore: "desktop");

            await CoreRoundTripAsync(work, env, "credsstore");

            Assert.True(File.Exists(calls), "credsStore 'desktop' was never asked");
        }

        [Fact]
        public async Task Core_NoCredentialAnywhere_AuthenticationFailedWithRecommendedAction()
        {
            using var work = new TempDirectory();
            var env = new IsolatedCredentialEnvironment(work.Combine("machine"));
            var observer = new CapturingObserver();
            var options = new RegistryAccessOptions { SkipTlsVerify = true, Credentials = new CredentialResolver(new CredentialResolverOptions(), env) };

            var run = await SecureFlow.CoreExportAsync(Registry.Host, work.Combine("bundle"), SecureFlow.SmallSet.Take(1), options, observer);

            OciException error = SecureFlow.SingleFailure(run, "anonymous against htpasswd");
            Assert.Equal(OciErrorKind.AuthenticationFailed, error.Kind);
            Assert.Equal(Registry.Host, error.Registry);
            Assert.False(string.IsNullOrEmpty(error.RecommendedAction), error.ToString());
        }

        /// <summary>Export the small set and import it back under a prefix, with the resolver on <paramref name="env"/>. TLS: skip-verify (TLS itself is tested elsewhere).</summary>
        private async Task CoreRoundTripAsync(TempDirectory work, IsolatedCredentialEnvironment env, string label, bool prefixIsFinal = false)
        {
            string bundle = work.Combine("bundle");
            var observer = new CapturingObserver();
            RegistryAccessOptions Options() => new RegistryAccessOptions
            {
                SkipTlsVerify = true,
                Credentials = new CredentialResolver(new CredentialResolverOptions { Log = observer, HelperTimeout = System.TimeSpan.FromSeconds(20) }, env),
            };

            var export = await SecureFlow.CoreExportAsync(Registry.Host, bundle, SecureFlow.SmallSet, Options(), observer);
            SecureFlow.AssertSucceeded(export, observer, "export");
            SecureFlow.AssertBundle(bundle, SecureFlow.SmallSet);

            string prefix = prefixIsFinal ? label : SecureFlow.NewPrefix(label);
            var import = await SecureFlow.CoreImportAsync(Registry.Host, prefix, bundle, Options(), observer);
            SecureFlow.AssertSucceeded(import, observer, "import");
            await SecureFlow.AssertImportedAsync(Registry, ProbeAuth, prefix, SecureFlow.SmallSet);
        }
    }
}
