using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Credentials;
using OciMirror.Core.Diagnostics;
using OciMirror.Core.Model;
using OciMirror.Core.Registry;
using OciMirror.Core.Registry.Auth;
using OciMirror.Core.Tests.Credentials;
using Xunit;
using static OciMirror.Core.Tests.Registry.FakeRegistryHandler;

namespace OciMirror.Core.Tests.Registry.Tls
{
    /// <summary>Explicit credential, then host settings (user/password, then its auth file), then the side's sources.</summary>
    public sealed class HostCredentialPrecedenceTests : IDisposable
    {
        private readonly TestCredentialEnvironment _env = new TestCredentialEnvironment();

        public void Dispose() => _env.Dispose();

        [Fact]
        public async Task HostUserAndPassword_BeatTheAuthFiles_OtherHostsKeepThem()
        {
            ICredentialProvider side = SideResolver(null);
            var hosts = Hosts(("registry.corp.local", new RegistryHostSettings { Username = "host-user", Password = "host-pw" }));

            ICredentialProvider composed = HostSettingsCredentialProvider.Compose(side, hosts, NullLogSink.Instance)!;

            Assert.Equal("host-user", (await composed.GetCredentialAsync("registry.corp.local", CancellationToken.None))!.Username);
            Assert.Equal("file-user", (await composed.GetCredentialAsync("other.example", CancellationToken.None))!.Username);
        }

        [Fact]
        public async Task HostAuthFile_IsAskedBeforeTheSideSources_AndFallsBackToThemWhenSilent()
        {
            string hostAuth = _env.WriteFile("host-auth.json", Auths(("registry.corp.local", "authfile-user")));
            var hosts = Hosts(
                ("registry.corp.local", new RegistryHostSettings { AuthFile = hostAuth }),
                ("quiet.example", new RegistryHostSettings { AuthFile = hostAuth }));

            ICredentialProvider composed = HostSettingsCredentialProvider.Compose(SideResolver(null), hosts, NullLogSink.Instance)!;

            Assert.Equal("authfile-user", (await composed.GetCredentialAsync("registry.corp.local", CancellationToken.None))!.Username);
            Assert.Equal("file-user", (await composed.GetCredentialAsync("quiet.example", CancellationToken.None))!.Username);
        }

        [Fact]
        public void ExplicitCredential_WinsForEveryHost()
        {
            var hosts = Hosts(("registry.corp.local", new RegistryHostSettings { Username = "host-user", Password = "host-pw" }));
            var resolver = SideResolver(new RegistryCredential("explicit", "pw"));
            var single = new StaticCredentialProvider(new RegistryCredential("explicit", "pw"));

            Assert.Same(resolver, HostSettingsCredentialProvider.Compose(resolver, hosts, NullLogSink.Instance));
            Assert.Same(single, HostSettingsCredentialProvider.Compose(single, hosts, NullLogSink.Instance));
        }

        [Fact]
        public async Task SyncFileCredentials_BeatAnExplicitCredential_ForTheirHostOnly()
        {
            var hosts = Hosts(
                ("registry.corp.local", new RegistryHostSettings { Username = "file-host-user", Password = "pw", OverridesExplicitCredential = true }),
                ("config.example", new RegistryHostSettings { Username = "config-user", Password = "pw" }));

            ICredentialProvider composed = HostSettingsCredentialProvider.Compose(SideResolver(new RegistryCredential("explicit", "pw")), hosts, NullLogSink.Instance)!;

            Assert.Equal("file-host-user", (await composed.GetCredentialAsync("registry.corp.local", CancellationToken.None))!.Username);
            Assert.Equal("explicit", (await composed.GetCredentialAsync("config.example", CancellationToken.None))!.Username);
            Assert.Equal("explicit", (await composed.GetCredentialAsync("other.example", CancellationToken.None))!.Username);
        }

        [Fact]
        public async Task ThroughTheClient_TheHostCredentialIsSentToThatRegistry_AndDockerHubAliasesMatch()
        {
            var options = new RegistryAccessOptions
            {
                PlainHttp = true,
                Credentials = SideResolver(null),
                Hosts = new Dictionary<string, RegistryHostSettings> { ["https://Registry.Test:5000/"] = new RegistryHostSettings { Username = "host-user", Password = "host-pw" } },
            };
            using var kit = new RegistryTestKit(options);
            string expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("host-user:host-pw"));
            Descriptor blob = RegistryTestKit.Blob("x");
            kit.Handler.On("HEAD", "/v2/team/app/blobs/" + blob.Digest, r => r.Authorization == expected
                ? Status(200) : Status(401, m => m.Headers.Add("WWW-Authenticate", "Basic realm=\"r\"")));

            Assert.True(await kit.Repository().ExistsAsync(blob, CancellationToken.None));
            Assert.DoesNotContain("host-pw", kit.Log.All);
        }

        [Fact]
        public void HostPlainHttp_ChoosesTheSchemeForThatHostOnly()
        {
            var index = Hosts(("docker.io", new RegistryHostSettings { PlainHttp = true }), ("secure.example", new RegistryHostSettings { PlainHttp = false }));

            Assert.True(index.Find("registry-1.docker.io")!.PlainHttp);
            Assert.True(index.Find("INDEX.docker.io")!.PlainHttp);
            Assert.False(index.Find("secure.example")!.PlainHttp);
            Assert.Null(index.Find("secure.example:5000"));
        }

        private CredentialResolver SideResolver(RegistryCredential? explicitCredential)
        {
            string config = _env.WriteFile("docker/config.json", Auths(("registry.corp.local", "file-user"), ("other.example", "file-user"), ("quiet.example", "file-user"), ("registry.test:5000", "file-user")));
            _env["DOCKER_CONFIG"] = System.IO.Path.GetDirectoryName(config);
            return new CredentialResolver(new CredentialResolverOptions { Credential = explicitCredential, UseCredentialHelpers = false }, _env);
        }

        private static HostSettingsIndex Hosts(params (string Host, RegistryHostSettings Settings)[] entries) =>
            new HostSettingsIndex(entries.ToDictionary(e => e.Host, e => e.Settings));

        private static string Auths(params (string Host, string User)[] entries) =>
            "{\"auths\":{" + string.Join(",", entries.Select(e => $"\"{e.Host}\":{{\"auth\":\"{Convert.ToBase64String(Encoding.UTF8.GetBytes(e.User + ":pw"))}\"}}")) + "}}";
    }
}
