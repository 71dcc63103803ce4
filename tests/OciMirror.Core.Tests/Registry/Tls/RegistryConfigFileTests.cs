using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Errors;
using OciMirror.Core.Registry;
using OciMirror.Core.Tests.Credentials;
using Xunit;

namespace OciMirror.Core.Tests.Registry.Tls
{
    public sealed class RegistryConfigFileTests : System.IDisposable
    {
        private const string Secret = "s3cret-Pa55";
        private readonly TestCredentialEnvironment _env = new TestCredentialEnvironment();

        public void Dispose() => _env.Dispose();

        [Fact]
        public async Task Yaml_WithEveryField_RelativePathsAndAliases()
        {
            string file = Write("conf/registries.yaml", $@"
# mirror job
registries:
  registry.corp.local:
    ca-file: certs/corp.pem
    client-cert: /etc/ocimirror/client.cert
    client-key: ../keys/client.key
    insecure: false
    plain-http: true
    username: mirror
    password: {Secret}
    authfile: ~/auth.json
  https://index.docker.io/v1/:
    username: hub
    password: ""hub secret""
  localhost:5000: ~
");

            var hosts = await RegistryConfigFile.LoadAsync(file, _env, CancellationToken.None);

            RegistryHostSettings corp = hosts["registry.corp.local"];
            string directory = Path.GetDirectoryName(file)!;
            Assert.Equal(Path.Combine(directory, "certs", "corp.pem"), corp.CertificateAuthorityFile);
            Assert.Equal("/etc/ocimirror/client.cert", corp.ClientCertificateFile);
            Assert.Equal(Path.GetFullPath(Path.Combine(directory, "..", "keys", "client.key")), corp.ClientKeyFile);
            Assert.False(corp.SkipTlsVerify);
            Assert.True(corp.PlainHttp);
            Assert.Equal(("mirror", Secret), (corp.Username, corp.Password));
            Assert.Equal(Path.Combine(_env.Home, "auth.json"), corp.AuthFile);
            Assert.Equal("hub secret", hosts["docker.io"].Password);
            Assert.Null(hosts["localhost:5000"].SkipTlsVerify);
            Assert.DoesNotContain(Secret, corp.ToString());
        }

        [Fact]
        public async Task Json_WithTheSameKeys_AndPasswordFromTheEnvironment()
        {
            _env["MIRROR_PASSWORD"] = Secret;
            string file = Write("registries.json", @"{
  ""registries"": {
    ""Registry.Corp.Local:8443"": { ""ca-file"": ""corp.pem"", ""insecure"": true, ""username"": ""mirror"", ""password-env"": ""MIRROR_PASSWORD"" }
  }
}");

            var hosts = await RegistryConfigFile.LoadAsync(file, _env, CancellationToken.None);

            RegistryHostSettings corp = Assert.Single(hosts).Value;
            Assert.Equal("registry.corp.local:8443", Assert.Single(hosts).Key);
            Assert.Equal(Path.Combine(_env.Root, "corp.pem"), corp.CertificateAuthorityFile);
            Assert.True(corp.SkipTlsVerify);
            Assert.Equal(Secret, corp.Password);
        }

        [Theory]
        [InlineData("registries:\n  reg.example:\n    ca-fil: x.pem\n", "ca-fil")]
        [InlineData("registries:\n  reg.example:\n    insecure: maybe\n", "insecure")]
        [InlineData("registries:\n  reg.example:\n    plain-http: [true]\n", "plain-http")]
        [InlineData("registries:\n  reg.example:\n    username: mirror\n", "username")]
        [InlineData("registries:\n  reg.example:\n    password: " + Secret + "\n", "password")]
        [InlineData("registries:\n  reg.example:\n    username: u\n    password: " + Secret + "\n    password-env: P\n", "password-env")]
        [InlineData("registries:\n  reg.example:\n    username: u\n    password-env: UNSET_VARIABLE\n", "password-env")]
        [InlineData("registries:\n  reg.example:\n    client-key: k.key\n", "client-key")]
        [InlineData("{\"registries\":{\"reg.example\":{\"username\":\"u\",\"password\":\"" + Secret + "\",\"insecure\":\"perhaps\"}}}", "insecure")]
        public async Task BadField_IsAnErrorNamingFileHostAndField_WithoutTheSecret(string text, string field)
        {
            string file = Write("bad.yaml", text);

            var e = await Assert.ThrowsAsync<OciException>(() => RegistryConfigFile.LoadAsync(file, _env, CancellationToken.None));

            Assert.Equal(OciErrorKind.InvalidConfiguration, e.Kind);
            Assert.Contains(file, e.Message);
            Assert.Contains("'reg.example'", e.Message);
            Assert.Contains($"'{field}'", e.Message);
            Assert.DoesNotContain(Secret, e.Message + e.RecommendedAction);
            Assert.Equal(file, e.Path);
        }

        [Theory]
        [InlineData("registries:\n  reg.example:\n    password: \"" + Secret + "\n")]
        [InlineData("{\"registries\": {\"reg.example\": {\"password\": \"" + Secret + "\" ")]
        [InlineData("hosts:\n  reg.example: {}\n")]
        [InlineData("registries:\n  - reg.example\n")]
        [InlineData("registries:\n  docker.io: {}\n  index.docker.io: {}\n")]
        public async Task BadShape_IsAnErrorNamingTheFile_WithoutTheSecret(string text)
        {
            string file = Write("bad.yaml", text);

            var e = await Assert.ThrowsAsync<OciException>(() => RegistryConfigFile.LoadAsync(file, _env, CancellationToken.None));

            Assert.Equal(OciErrorKind.InvalidConfiguration, e.Kind);
            Assert.Contains(file, e.Message);
            Assert.DoesNotContain(Secret, e.Message);
        }

        [Fact]
        public async Task MissingFile_IsAnErrorNamingIt_AndAnEmptyFileHasNoHosts()
        {
            string missing = Path.Combine(_env.Root, "absent.yaml");
            var e = await Assert.ThrowsAsync<OciException>(() => RegistryConfigFile.LoadAsync(missing, CancellationToken.None));

            Assert.Contains(missing, e.Message);
            Assert.Empty(await RegistryConfigFile.LoadAsync(Write("empty.yaml", "# nothing yet\n"), _env, CancellationToken.None));
        }

        [Fact]
        public async Task Builder_ReadsTheConfigFile_AndRefusesAKeyWithoutCertificate()
        {
            string file = Write("r.yaml", "registries:\n  reg.example:\n    insecure: true\n");

            RegistryAccessOptions options = await new RegistryAccessOptionsBuilder { RegistryConfigFile = file, CertificateAuthorityFile = "/ca.pem", PlainHttp = true }.BuildAsync(CancellationToken.None);
            var e = await Assert.ThrowsAsync<OciException>(() => new RegistryAccessOptionsBuilder { ClientKeyFile = "/k.key" }.BuildAsync(CancellationToken.None));

            Assert.True(options.Hosts!["reg.example"].SkipTlsVerify);
            Assert.Equal("/ca.pem", options.CertificateAuthorityFile);
            Assert.True(options.PlainHttp);
            Assert.IsType<OciMirror.Core.Credentials.CredentialResolver>(options.Credentials);
            Assert.Contains("/k.key", e.Message);
        }

        private string Write(string name, string text)
        {
            string path = Path.Combine(_env.Root, name);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, text);
            return path;
        }
    }
}
