using System;
using System.Diagnostics;
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
    /// Broken credential inputs give clear errors that name the file or helper and never echo content:
    /// a config.json that is not JSON, an <c>auth</c> that is not base64, a helper that is missing, hangs
    /// or prints garbage. Helpers run through the Core API with a private PATH and a short timeout.
    /// </summary>
    [Collection(BasicAuthRegistryCollection.Name)]
    public sealed class BrokenCredentialInputTests
    {
        private readonly BasicAuthRegistryFixture _fixture;

        public BrokenCredentialInputTests(BasicAuthRegistryFixture fixture)
        {
            _fixture = fixture;
        }

        private string Host => _fixture.Registry.Host;

        [Fact]
        public async Task Cli_AuthFileNotJson_ErrorNamesTheFile_AndDoesNotQuoteIt()
        {
            using var work = new TempDirectory();
            string secretish = SecretScan.BasicAuth("alice", _fixture.Password);
            string path = work.Combine("broken-config.json");
            File.WriteAllText(path, "{\"auths\": {\"" + Host + "\": {\"auth\": \"" + secretish + "\"");

            CliResult r = await SecureFlow.ExportAsync(Host, work.Combine("bundle"), SecureFlow.SmallSet.Take(1), null, "--insecure", "--authfile", path);

            Assert.True(r.ExitCode is 1 or 2, r.ToString());
            Assert.Contains(path, r.StdErr);
            Assert.Matches("(?i)json", r.StdErr);
            Assert.DoesNotContain(secretish, r.StdErr + r.StdOut);
        }

        [Fact]
        public async Task Cli_AuthFieldNotBase64_ErrorNamesFileAndKey_NotTheValue()
        {
            using var work = new TempDirectory();
            string junk = "%%not*base64*" + Guid.NewGuid().ToString("N");
            string path = AuthFiles.Write(work.Combine("config.json"), new JsonObject { [Host] = new JsonObject { ["auth"] = junk } });

            CliResult r = await SecureFlow.ExportAsync(Host, work.Combine("bundle"), SecureFlow.SmallSet.Take(1), null, "--insecure", "--authfile", path);

            Assert.True(r.ExitCode is 1 or 2, r.ToString());
            Assert.Contains(path, r.StdErr);
            Assert.Matches("(?i)base64", r.StdErr);
            Assert.DoesNotContain(junk, r.StdErr + r.StdOut);
        }

        [Fact]
        public async Task Cli_MissingExplicitAuthFile_ErrorNamesTheFile()
        {
            using var work = new TempDirectory();
            string path = work.Combine("no-such-auth.json");

            CliResult r = await SecureFlow.ExportAsync(Host, work.Combine("bundle"), SecureFlow.SmallSet.Take(1), null, "--insecure", "--authfile", path);

            Assert.True(r.ExitCode is 1 or 2, r.ToString());
            Assert.Contains(path, r.StdErr);
        }

        [Fact]
        public async Task Core_DockerConfigNotJson_FailureNamesTheFile()
        {
            using var work = new TempDirectory();
            var env = new IsolatedCredentialEnvironment(work.Combine("machine"));
            string config = Path.Combine(env.Home, ".docker", "config.json");
            Directory.CreateDirectory(Path.GetDirectoryName(config)!);
            File.WriteAllText(config, "this is not json at all");

            OciException error = await FailingExportAsync(work, env, TimeSpan.FromSeconds(20));

            Assert.Contains(config, error.Message);
            Assert.Equal(config, error.Path);
            Assert.False(string.IsNullOrEmpty(error.RecommendedAction));
        }

        [Fact]
        public async Task Core_HelperMissing_ClearErrorNamingTheHelper()
        {
            using var work = new TempDirectory();
            var env = new IsolatedCredentialEnvironment(work.Combine("machine"));
            AuthFiles.Write(Path.Combine(env.Home, ".docker", "config.json"), new JsonObject(), credHelpers: new JsonObject { [Host] = "absent" });

            OciException error = await FailingExportAsync(work, env, TimeSpan.FromSeconds(20));

            Assert.Contains("docker-credential-absent", error.Message);
            Assert.Contains(Host, error.Message);
            Assert.False(string.IsNullOrEmpty(error.RecommendedAction));
        }

        [Fact]
        public async Task Core_HelperHangs_StoppedAfterTheTimeout_TimeoutError()
        {
            using var work = new TempDirectory();
            var env = new IsolatedCredentialEnvironment(work.Combine("machine"));
            await HelperScripts.InstallAsync(env.Bin, "hang", "exec sleep 60");
            AuthFiles.Write(Path.Combine(env.Home, ".docker", "config.json"), new JsonObject(), credHelpers: new JsonObject { [Host] = "hang" });
            var clock = Stopwatch.StartNew();

            OciException error = await FailingExportAsync(work, env, TimeSpan.FromSeconds(1));

            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"the hanging helper was not stopped ({clock.Elapsed})"); // hang guard, the helper sleeps 60 s
            Assert.Equal(OciErrorKind.Timeout, error.Kind);
            Assert.Contains("docker-credential-hang", error.Message);
        }

        [Fact]
        public async Task Core_HelperPrintsGarbage_ClearErrorNamingTheHelper_WithoutTheOutput()
        {
            using var work = new TempDirectory();
            var env = new IsolatedCredentialEnvironment(work.Combine("machine"));
            string garbage = "garbage-" + Guid.NewGuid().ToString("N");
            await HelperScripts.InstallAsync(env.Bin, "garbage", "echo '}{ " + garbage + "'");
            AuthFiles.Write(Path.Combine(env.Home, ".docker", "config.json"), new JsonObject(), credHelpers: new JsonObject { [Host] = "garbage" });

            OciException error = await FailingExportAsync(work, env, TimeSpan.FromSeconds(20));

            Assert.Contains("docker-credential-garbage", error.Message);
            Assert.DoesNotContain(garbage, error.ToString());
        }

        [Fact]
        public async Task Core_HelperSaysCredentialsNotFound_AnonymousThenAuthenticationError()
        {
            using var work = new TempDirectory();
            var env = new IsolatedCredentialEnvironment(work.Combine("machine"));
            string calls = work.Combine("calls.log");
            await HelperScripts.InstallAsync(env.Bin, "empty", HelperScripts.Protocol("some-other-registry.example", "x", "y", calls));
            AuthFiles.Write(Path.Combine(env.Home, ".docker", "config.json"), new JsonObject(), credsStore: "empty");

            OciException error = await FailingExportAsync(work, env, TimeSpan.FromSeconds(20));

            Assert.Equal(OciErrorKind.AuthenticationFailed, error.Kind);
            Assert.True(File.Exists(calls), "the credsStore helper was not asked");
        }

        private async Task<OciException> FailingExportAsync(TempDirectory work, IsolatedCredentialEnvironment env, TimeSpan helperTimeout)
        {
            var observer = new CapturingObserver();
            var options = new RegistryAccessOptions
            {
                SkipTlsVerify = true,
                Credentials = new CredentialResolver(new CredentialResolverOptions { HelperTimeout = helperTimeout, Log = observer }, env),
            };
            var run = await SecureFlow.CoreExportAsync(Host, work.Combine("bundle"), SecureFlow.SmallSet.Take(1), options, observer);
            return SecureFlow.SingleFailure(run, "broken credential input");
        }
    }
}
