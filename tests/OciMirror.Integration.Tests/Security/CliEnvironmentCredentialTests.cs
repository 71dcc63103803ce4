using System;
using System.IO;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using OciMirror.Integration.Tests.Infrastructure;
using OciMirror.Integration.Tests.Infrastructure.Security;
using Xunit;

namespace OciMirror.Integration.Tests.Security
{
    /// <summary>
    /// Credential sources the CLI finds through the process environment: DOCKER_CONFIG,
    /// REGISTRY_AUTH_FILE, and a credential helper on PATH. They change process-wide variables, so they
    /// run in <see cref="ProcessEnvironmentCollection"/> (alone). Each does an export and an import.
    /// </summary>
    [Collection(ProcessEnvironmentCollection.Name)]
    public sealed class CliEnvironmentCredentialTests
    {
        private readonly BasicAuthRegistryFixture _fixture;

        public CliEnvironmentCredentialTests(BasicAuthRegistryFixture fixture)
        {
            _fixture = fixture;
        }

        private SecureRegistry Registry => _fixture.Registry;

        private System.Net.Http.Headers.AuthenticationHeaderValue ProbeAuth => SecureProbe.Basic(BasicAuthRegistryFixture.User, _fixture.Password);

        [Fact]
        public async Task DockerConfigVariable_ConfigJsonAuth_ExportAndImportWork()
        {
            using var work = new TempDirectory();
            string dockerConfig = work.Combine("docker");
            AuthFiles.Write(Path.Combine(dockerConfig, "config.json"), new JsonObject { [Registry.Host] = AuthFiles.AuthEntry(BasicAuthRegistryFixture.User, _fixture.Password) });
            using var env = Isolated(work).Set("DOCKER_CONFIG", dockerConfig);

            await SecureFlow.RoundTripAsync(Registry, ProbeAuth, Registry.Host, SecureFlow.SmallSet, "envdocker", null, "--insecure");
        }

        [Fact]
        public async Task RegistryAuthFileVariable_WinsOverDockerConfig()
        {
            using var work = new TempDirectory();
            string dockerConfig = work.Combine("docker");
            AuthFiles.Write(Path.Combine(dockerConfig, "config.json"), new JsonObject { [Registry.Host] = AuthFiles.AuthEntry(BasicAuthRegistryFixture.User, TestSecrets.NewPassword("stale")) });
            string authFile = AuthFiles.Write(work.Combine("auth.json"), new JsonObject { [Registry.Host] = AuthFiles.AuthEntry(BasicAuthRegistryFixture.User, _fixture.Password) });
            using var env = Isolated(work).Set("DOCKER_CONFIG", dockerConfig).Set("REGISTRY_AUTH_FILE", authFile);

            await SecureFlow.RoundTripAsync(Registry, ProbeAuth, Registry.Host, SecureFlow.SmallSet, "envauthfile", null, "--insecure");
        }

        [Fact]
        public async Task CredentialHelperOnPath_NamedByCredHelpersOfTheAuthFile_ExportAndImportWork()
        {
            using var work = new TempDirectory();
            string bin = work.Combine("bin");
            string calls = work.Combine("calls.log");
            await HelperScripts.InstallAsync(bin, "test", HelperScripts.Protocol(Registry.Host, BasicAuthRegistryFixture.User, _fixture.Password, calls));
            string authFile = AuthFiles.Write(work.Combine("config.json"), new JsonObject(), credHelpers: new JsonObject { [Registry.Host] = "test" });
            using var env = Isolated(work).Set("PATH", bin + Path.PathSeparator + Environment.GetEnvironmentVariable("PATH"));

            await SecureFlow.RoundTripAsync(Registry, ProbeAuth, Registry.Host, SecureFlow.SmallSet, "envhelper", null, "--insecure", "--authfile", authFile);

            Assert.True(File.Exists(calls), "docker-credential-test was never run");
        }

        /// <summary>HOME and the XDG/auth variables point into <paramref name="work"/>, so the developer's own files never answer.</summary>
        private static EnvironmentScope Isolated(TempDirectory work)
        {
            string home = work.Combine("home");
            Directory.CreateDirectory(home);
            return new EnvironmentScope()
                .Set("HOME", home)
                .Set("REGISTRY_AUTH_FILE", null)
                .Set("DOCKER_CONFIG", null)
                .Set("XDG_RUNTIME_DIR", null)
                .Set("XDG_CONFIG_HOME", null);
        }
    }
}
