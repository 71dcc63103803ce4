using System.IO;
using System.Linq;
using System.Threading.Tasks;
using OciMirror.Integration.Tests.Infrastructure;
using OciMirror.Integration.Tests.Infrastructure.Security;
using Xunit;

namespace OciMirror.Integration.Tests.Security
{
    /// <summary>
    /// <c>--registry-config FILE</c> (YAML or JSON: <c>registries: HOST: {ca-file, username, password…}</c>):
    /// one file says how to reach a registry, TLS and credentials together.
    /// </summary>
    [Collection(BasicAuthRegistryCollection.Name)]
    public sealed class RegistryConfigTests
    {
        private readonly BasicAuthRegistryFixture _fixture;

        public RegistryConfigTests(BasicAuthRegistryFixture fixture)
        {
            _fixture = fixture;
        }

        private SecureRegistry Registry => _fixture.Registry;

        [Fact]
        public async Task Yaml_CaFileAndCredentials_ExportAndImportWork()
        {
            using var work = new TempDirectory();
            File.Copy(_fixture.Pki.CaFile, work.Combine("corp-ca.pem"));
            string config = work.Combine("registries.yaml");
            File.WriteAllText(config,
                "registries:\n" +
                "  \"" + Registry.Host + "\":\n" +
                "    ca-file: corp-ca.pem\n" +
                "    username: " + BasicAuthRegistryFixture.User + "\n" +
                "    password: \"" + _fixture.Password + "\"\n");

            await SecureFlow.RoundTripAsync(Registry, SecureProbe.Basic(BasicAuthRegistryFixture.User, _fixture.Password), Registry.Host, SecureFlow.SmallSet, "regcfg", null, "--registry-config", config);
        }

        [Fact]
        public async Task Json_CaFileAndAuthFile_ExportWorks()
        {
            using var work = new TempDirectory();
            string authFile = AuthFiles.Write(work.Combine("auth.json"), new System.Text.Json.Nodes.JsonObject { [Registry.Host] = AuthFiles.AuthEntry(BasicAuthRegistryFixture.User, _fixture.Password) });
            string config = work.Combine("registries.json");
            File.WriteAllText(config, "{\"registries\": {\"" + Registry.Host + "\": {\"ca-file\": \"" + _fixture.Pki.CaFile + "\", \"authfile\": \"" + authFile + "\"}}}");

            CliResult r = await SecureFlow.ExportAsync(Registry.Host, work.Combine("bundle"), SecureFlow.SmallSet, null, "--registry-config", config);

            Assert.True(r.ExitCode == 0, r.ToString());
            SecureFlow.AssertBundle(work.Combine("bundle"), SecureFlow.SmallSet);
        }

        [Fact]
        public async Task BrokenConfig_ErrorNamesTheFile_NeverThePassword()
        {
            using var work = new TempDirectory();
            string config = work.Combine("registries.yaml");
            File.WriteAllText(config, "registries:\n  \"" + Registry.Host + "\":\n    password: \"" + _fixture.Password + "\"\n    no-such-key: 1\n");

            CliResult r = await SecureFlow.ExportAsync(Registry.Host, work.Combine("bundle"), SecureFlow.SmallSet.Take(1), null, "--registry-config", config);

            Assert.True(r.ExitCode == 2, r.ToString());
            Assert.Contains(config, r.StdErr);
            Assert.DoesNotContain(_fixture.Password, r.StdErr + r.StdOut);
        }
    }
}
