using System;
using System.Text;
using OciMirror.Core.Credentials;
using OciMirror.Core.Errors;
using OciMirror.Core.Registry.Auth;
using Xunit;

namespace OciMirror.Core.Tests.Credentials
{
    public class DockerConfigFileTests
    {
        private const string Path = "/cfg/config.json";

        internal static string B64(string s) => Convert.ToBase64String(Encoding.UTF8.GetBytes(s));

        internal static string Auths(string key, string entry) => "{\"auths\":{\"" + key + "\":" + entry + "}}";

        private static RegistryCredential? Find(string json, string registry, string? repository = null, AuthFileFormat format = AuthFileFormat.Docker) =>
            DockerConfigFile.Parse(Path, json, format).FindCredential(registry, repository, out _);

        [Theory]
        [InlineData("bob:pa:ss:word", "bob", "pa:ss:word")]
        [InlineData("bob:secret\0\0\0", "bob", "secret")]
        [InlineData("bob:", "bob", "")]
        [InlineData("bøb:pässwörd", "bøb", "pässwörd")]
        public void DecodesAuthOnFirstColonAndTrimsNuls(string decoded, string user, string password)
        {
            RegistryCredential c = Find(Auths("ghcr.io", "{\"auth\":\"" + B64(decoded) + "\"}"), "ghcr.io")!;
            Assert.Equal(user, c.Username);
            Assert.Equal(password, c.Password);
        }

        [Fact]
        public void AuthWinsOverUsernameAndPasswordFields()
        {
            RegistryCredential c = Find(Auths("ghcr.io", "{\"auth\":\"" + B64("a:b") + "\",\"username\":\"x\",\"password\":\"y\"}"), "ghcr.io")!;
            Assert.Equal(("a", "b"), (c.Username, c.Password));
        }

        [Fact]
        public void ReadsUsernameAndPasswordFields()
        {
            RegistryCredential c = Find(Auths("ghcr.io", "{\"username\":\"x\",\"password\":\"y\"}"), "ghcr.io")!;
            Assert.Equal(("x", "y"), (c.Username, c.Password));
            Assert.True(c.HasBasic);
        }

        [Fact]
        public void ReadsIdentityToken()
        {
            RegistryCredential c = Find(Auths("myacr.azurecr.io", "{\"auth\":\"" + B64("00000000-0000-0000-0000-000000000000:") + "\",\"identitytoken\":\"refresh-tok\"}"), "myacr.azurecr.io")!;
            Assert.Equal("refresh-tok", c.IdentityToken);
            Assert.Equal("00000000-0000-0000-0000-000000000000", c.Username);
            Assert.Null(c.Password);
            Assert.Null(c.RegistryToken);
        }

        [Fact]
        public void ReadsRegistryToken()
        {
            RegistryCredential c = Find(Auths("reg.example", "{\"registrytoken\":\"bearer-tok\"}"), "reg.example")!;
            Assert.Equal("bearer-tok", c.RegistryToken);
            Assert.Null(c.Username);
        }

        [Theory]
        [InlineData("https://index.docker.io/v1/")]
        [InlineData("index.docker.io")]
        [InlineData("docker.io")]
        [InlineData("registry-1.docker.io")]
        [InlineData("https://registry-1.docker.io/v2/")]
        public void EveryDockerHubAliasMatchesEveryDockerHubName(string key)
        {
            string json = Auths(key, "{\"auth\":\"" + B64("hub:pw") + "\"}");
            foreach (string registry in new[] { "docker.io", "index.docker.io", "registry-1.docker.io" })
            {
                Assert.Equal("hub", Find(json, registry)?.Username);
                Assert.Equal("hub", Find(json, registry, "library/nginx", AuthFileFormat.Containers)?.Username);
            }
        }

        [Fact]
        public void PrefersTheLegacyDockerHubKeyOverOtherAliases()
        {
            string json = "{\"auths\":{\"docker.io\":{\"auth\":\"" + B64("other:pw") + "\"},\"https://index.docker.io/v1/\":{\"auth\":\"" + B64("legacy:pw") + "\"}}}";
            Assert.Equal("legacy", Find(json, "docker.io")?.Username);
        }

        [Theory]
        [InlineData("https://host:5000")]
        [InlineData("http://host:5000/v2/")]
        [InlineData("host:5000")]
        public void SchemeAndPathAreStrippedFromKeys(string key)
        {
            string json = Auths(key, "{\"auth\":\"" + B64("u:p") + "\"}");
            Assert.Equal("u", Find(json, "host:5000")?.Username);
            Assert.Null(Find(json, "host:5001"));
            Assert.Null(Find(json, "host"));
        }

        [Fact]
        public void ContainersFormatMatchesNamespacesMostSpecificFirst()
        {
            string json = "{\"auths\":{" +
                "\"reg.io\":{\"auth\":\"" + B64("reg:p") + "\"}," +
                "\"reg.io/ns\":{\"auth\":\"" + B64("ns:p") + "\"}," +
                "\"reg.io/ns/user\":{\"auth\":\"" + B64("user:p") + "\"}," +
                "\"reg.io/ns/user/image\":{\"auth\":\"" + B64("image:p") + "\"}}}";
            Assert.Equal("image", Find(json, "reg.io", "ns/user/image", AuthFileFormat.Containers)?.Username);
            Assert.Equal("user", Find(json, "reg.io", "ns/user/other", AuthFileFormat.Containers)?.Username);
            Assert.Equal("ns", Find(json, "reg.io", "ns/x", AuthFileFormat.Containers)?.Username);
            Assert.Equal("reg", Find(json, "reg.io", "other/x", AuthFileFormat.Containers)?.Username);
            Assert.Equal("reg", Find(json, "reg.io", null, AuthFileFormat.Containers)?.Username);
            Assert.Equal("ns", Find("{\"auths\":{\"reg.io/ns\":{\"auth\":\"" + B64("ns:p") + "\"}}}", "reg.io", "ns/a/b", AuthFileFormat.Containers)?.Username);
            Assert.Null(Find("{\"auths\":{\"reg.io/ns\":{\"auth\":\"" + B64("ns:p") + "\"}}}", "reg.io", "nsx/a", AuthFileFormat.Containers));
        }

        [Fact]
        public void DockerFormatReducesNamespaceKeysToTheHost() =>
            Assert.Equal("ns", Find("{\"auths\":{\"reg.io/ns\":{\"auth\":\"" + B64("ns:p") + "\"}}}", "reg.io", "other/x", AuthFileFormat.Docker)?.Username);

        [Fact]
        public void EmptyEntriesAndEmptyFilesHoldNoCredential()
        {
            Assert.Null(Find(Auths("https://index.docker.io/v1/", "{}"), "docker.io"));
            Assert.Null(Find(Auths("ghcr.io", "{\"auth\":\"\",\"email\":\"x@y\"}"), "ghcr.io"));
            Assert.Equal(0, DockerConfigFile.Parse(Path, "  \n", AuthFileFormat.Docker).EntryCount);
            Assert.Equal(0, DockerConfigFile.Parse(Path, "{}", AuthFileFormat.Docker).EntryCount);
        }

        [Fact]
        public void ReadsCredsStoreAndCredHelpers()
        {
            DockerConfigFile file = DockerConfigFile.Parse(Path, "{\"credsStore\":\"desktop\",\"credHelpers\":{\"https://123.dkr.ecr.us-east-1.amazonaws.com\":\"ecr-login\",\"index.docker.io\":\"hub\"}}", AuthFileFormat.Docker);
            Assert.Equal("desktop", file.CredsStore);
            Assert.Equal("ecr-login", file.FindCredentialHelper("123.dkr.ecr.us-east-1.amazonaws.com"));
            Assert.Equal("hub", file.FindCredentialHelper("docker.io"));
            Assert.Null(file.FindCredentialHelper("ghcr.io"));
        }

        [Theory]
        [InlineData("{\"auths\": {\"ghcr.io\": {\"auth\": \"TOPSECRET\" ")]
        [InlineData("TOPSECRET")]
        [InlineData("{\"auths\":{}} TOPSECRET")]
        [InlineData("{\n  \"auths\": {\n    \"ghcr.io\": { auth: TOPSECRET }\n  }\n}")]
        public void NonJsonNamesTheFileAndPositionButNotTheContent(string json)
        {
            OciException e = Assert.Throws<OciException>(() => DockerConfigFile.Parse(Path, json, AuthFileFormat.Docker));
            Assert.Equal(OciErrorKind.AuthenticationFailed, e.Kind);
            Assert.Equal(Path, e.Path);
            Assert.Contains(Path, e.Message);
            Assert.Contains("line ", e.Message);
            Assert.DoesNotContain("TOPSECRET", e.ToString());
            Assert.DoesNotContain("TOP", e.ToString());
            Assert.NotNull(e.RecommendedAction);
        }

        [Theory]
        [InlineData("not*base64!SECRETVALUE")]
        [InlineData("U0VDUkVUVkFMVUU=")] // "SECRETVALUE": no ':'
        [InlineData("OlNFQ1JFVFZBTFVF")] // ":SECRETVALUE": empty user
        public void BadAuthNamesFileAndKeyButNotValue(string auth)
        {
            OciException e = Assert.Throws<OciException>(() => Find(Auths("https://reg.example:5000", "{\"auth\":\"" + auth + "\"}"), "reg.example:5000"));
            Assert.Equal(OciErrorKind.AuthenticationFailed, e.Kind);
            Assert.Contains(Path, e.Message);
            Assert.Contains("'https://reg.example:5000'", e.Message);
            Assert.DoesNotContain("SECRETVALUE", e.ToString());
            Assert.DoesNotContain(auth, e.ToString());
        }

        [Theory]
        [InlineData("{\"auths\":[]}", "'auths'")]
        [InlineData("{\"auths\":{\"ghcr.io\":\"SECRETVALUE\"}}", "'ghcr.io'")]
        [InlineData("{\"auths\":{\"ghcr.io\":{\"password\":42}}}", "'password'")]
        [InlineData("{\"credHelpers\":{\"ghcr.io\":1}}", "'credHelpers'")]
        [InlineData("{\"credsStore\":{}}", "'credsStore'")]
        [InlineData("[]", "not a JSON object")]
        public void WrongShapesAreNamedErrors(string json, string expected)
        {
            OciException e = Assert.Throws<OciException>(() => DockerConfigFile.Parse(Path, json, AuthFileFormat.Docker));
            Assert.Contains(expected, e.Message);
            Assert.Contains(Path, e.Message);
            Assert.DoesNotContain("SECRETVALUE", e.Message);
        }

        [Fact]
        public void ToStringShowsNoSecrets()
        {
            DockerConfigFile file = DockerConfigFile.Parse(Path, Auths("ghcr.io", "{\"auth\":\"" + B64("bob:SECRETVALUE") + "\",\"identitytoken\":\"TOKENVALUE\"}"), AuthFileFormat.Docker);
            RegistryCredential c = file.FindCredential("ghcr.io", null, out string? key)!;
            Assert.Equal("ghcr.io", key);
            foreach (string text in new[] { file.ToString(), c.ToString() })
            {
                Assert.DoesNotContain("SECRETVALUE", text);
                Assert.DoesNotContain("TOKENVALUE", text);
                Assert.DoesNotContain(B64("bob:SECRETVALUE"), text);
            }
        }
    }
}
