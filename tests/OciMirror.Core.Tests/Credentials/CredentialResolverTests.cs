using System;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Credentials;
using OciMirror.Core.Errors;
using OciMirror.Core.Registry.Auth;
using Xunit;
using static OciMirror.Core.Tests.Credentials.DockerConfigFileTests;

namespace OciMirror.Core.Tests.Credentials
{
    [Collection(HelperProcessCollection.Name)]
    public sealed class CredentialResolverTests : IDisposable
    {
        private const string Reg = "reg.example:5000";
        private readonly TestCredentialEnvironment _env = new TestCredentialEnvironment();
        private readonly ListLogSink _log = new ListLogSink();

        public void Dispose() => _env.Dispose();

        private static string Pw(string who) => "pw-" + who + "-SECRET";

        private static string Entry(string who) => "{\"auth\":\"" + B64(who + ":" + Pw(who)) + "\"}";

        private CredentialResolver Resolver(Action<CredentialResolverOptions>? configure = null)
        {
            var options = new CredentialResolverOptions { Log = _log, HelperTimeout = TimeSpan.FromSeconds(10) };
            configure?.Invoke(options);
            return new CredentialResolver(options, _env);
        }

        private void Helper(string name, string user) =>
            _env.WriteHelper(name, $"cat >/dev/null\necho run >> '{Path.Combine(_env.Root, name + ".count")}'\necho '{{\"ServerURL\":\"x\",\"Username\":\"{user}\",\"Secret\":\"{Pw(user)}\"}}'");

        private int Runs(string name) => File.Exists(Path.Combine(_env.Root, name + ".count")) ? File.ReadAllLines(Path.Combine(_env.Root, name + ".count")).Length : 0;

        /// <summary>Every source holds a different user for <see cref="Reg"/>; the first <paramref name="skip"/> sources are left out.</summary>
        private CredentialResolver AllSourcesFrom(int skip)
        {
            string Auths(int level, string who) => level >= skip ? "\"auths\":{\"https://" + Reg + "\":" + Entry(who) + "}" : "\"auths\":{}";
            _env["REGISTRY_AUTH_FILE"] = _env.WriteFile("raf/auth.json", "{" + Auths(1, "raf") + "}");
            string helpers = (skip <= 6 ? ",\"credHelpers\":{\"" + Reg + "\":\"perhost\"}" : string.Empty) + (skip <= 7 ? ",\"credsStore\":\"store\"" : string.Empty);
            _env["DOCKER_CONFIG"] = Path.GetDirectoryName(_env.WriteFile("dockercfg/config.json", "{" + Auths(2, "docker") + helpers + "}"));
            _env["XDG_RUNTIME_DIR"] = Path.Combine(_env.Root, "run");
            _env.WriteFile("run/containers/auth.json", "{" + Auths(3, "podrun") + "}");
            _env["XDG_CONFIG_HOME"] = Path.Combine(_env.Root, "xdgcfg");
            _env.WriteFile("xdgcfg/containers/auth.json", "{" + Auths(4, "podcfg") + "}");
            _env.WriteFile("home/.config/containers/auth.json", "{" + Auths(5, "podhome") + "}");
            Helper("perhost", "perhost");
            Helper("store", "store");
            return Resolver(o => o.Credential = skip == 0 ? new RegistryCredential("explicit", Pw("explicit")) : null);
        }

        [Theory]
        [InlineData(0, "explicit")]
        [InlineData(1, "raf")]
        [InlineData(2, "docker")]
        [InlineData(3, "podrun")]
        [InlineData(4, "podcfg")]
        [InlineData(5, "podhome")]
        [InlineData(6, "perhost")]
        [InlineData(7, "store")]
        [InlineData(8, null)]
        public async Task EachSourceWinsOverTheLaterOnes(int skip, string? expected)
        {
            RegistryCredential? c = await AllSourcesFrom(skip).GetCredentialAsync(Reg, CancellationToken.None);
            Assert.Equal(expected, c?.Username);
            if (expected != null)
            {
                Assert.Equal(Pw(expected), c!.Password);
            }

            Assert.Equal(skip == 6 ? 1 : 0, Runs("perhost"));
            Assert.Equal(skip == 7 ? 1 : 0, Runs("store"));
            string log = _log.All;
            Assert.Contains(expected == null ? "anonymous" : expected, log);
            Assert.DoesNotContain("SECRET", log);
        }

        [Fact]
        public async Task ExplicitCredentialReadsNoFile()
        {
            AllSourcesFrom(1);
            var resolver = Resolver(o => o.Credential = new RegistryCredential("explicit", Pw("explicit")));
            Assert.Equal("explicit", (await resolver.GetCredentialAsync("any.io", CancellationToken.None))?.Username);
            Assert.Empty(_env.FilesRead);
            Assert.DoesNotContain("SECRET", resolver.ToString() + _log.All);
        }

        [Fact]
        public async Task HomeDockerConfigIsUsedWithoutDockerConfigVariable()
        {
            _env.WriteFile("home/.docker/config.json", "{\"auths\":{\"https://index.docker.io/v1/\":" + Entry("hub") + "}}");
            foreach (string registry in new[] { "docker.io", "index.docker.io", "registry-1.docker.io" })
            {
                Assert.Equal("hub", (await Resolver().GetCredentialAsync(registry, "library/nginx", CancellationToken.None))?.Username);
            }
        }

        [Fact]
        public async Task DockerConfigVariableReplacesTheHomeDirectory()
        {
            _env.WriteFile("home/.docker/config.json", "{\"auths\":{\"" + Reg + "\":" + Entry("home") + "}}");
            _env["DOCKER_CONFIG"] = Path.Combine(_env.Root, "elsewhere");
            Assert.Null(await Resolver().GetCredentialAsync(Reg, CancellationToken.None));
            _env.WriteFile("elsewhere/config.json", "{\"auths\":{\"" + Reg + "\":" + Entry("elsewhere") + "}}");
            Assert.Equal("elsewhere", (await Resolver().GetCredentialAsync(Reg, CancellationToken.None))?.Username);
        }

        [Fact]
        public async Task AuthFileReplacesTheSearchAndBringsItsHelpers()
        {
            AllSourcesFrom(1);
            Helper("own", "own");
            string authFile = _env.WriteFile("mine/auth.json", "{\"auths\":{\"" + Reg + "/team\":" + Entry("team") + "},\"credHelpers\":{\"other.io\":\"own\"}}");
            var resolver = Resolver(o => o.AuthFile = authFile);
            Assert.Equal("team", (await resolver.GetCredentialAsync(Reg, "team/app", CancellationToken.None))?.Username);
            Assert.Null(await resolver.GetCredentialAsync(Reg, "other/app", CancellationToken.None));
            Assert.Equal("own", (await resolver.GetCredentialAsync("other.io", CancellationToken.None))?.Username);
            Assert.Equal(new[] { authFile }, _env.FilesRead.Distinct());
            Assert.Equal(0, Runs("perhost") + Runs("store"));
        }

        [Fact]
        public async Task MissingAuthFileIsAnError()
        {
            string missing = Path.Combine(_env.Root, "nope.json");
            OciException e = await Assert.ThrowsAsync<OciException>(() => Resolver(o => o.AuthFile = missing).GetCredentialAsync(Reg, CancellationToken.None));
            Assert.Equal(OciErrorKind.IOFailed, e.Kind);
            Assert.Contains(missing, e.Message);
        }

        [Fact]
        public async Task AbsentFilesAreAnonymous()
        {
            _env["REGISTRY_AUTH_FILE"] = Path.Combine(_env.Root, "none", "auth.json");
            _env["XDG_RUNTIME_DIR"] = Path.Combine(_env.Root, "none");
            Assert.Null(await Resolver().GetCredentialAsync(Reg, "a/b", CancellationToken.None));
            Assert.Contains("anonymous", _log.All);
        }

        [Fact]
        public async Task PodmanNamespaceKeysAreMatchedMostSpecificFirst()
        {
            _env["XDG_RUNTIME_DIR"] = Path.Combine(_env.Root, "run");
            _env.WriteFile("run/containers/auth.json", "{\"auths\":{\"quay.io\":" + Entry("any") + ",\"quay.io/org\":" + Entry("org") + ",\"quay.io/org/repo\":" + Entry("repo") + "}}");
            var resolver = Resolver();
            Assert.Equal("repo", (await resolver.GetCredentialAsync("quay.io", "org/repo", CancellationToken.None))?.Username);
            Assert.Equal("org", (await resolver.GetCredentialAsync("quay.io", "org/other", CancellationToken.None))?.Username);
            Assert.Equal("any", (await resolver.GetCredentialAsync("quay.io", "x/y", CancellationToken.None))?.Username);
            Assert.Equal("any", (await resolver.GetCredentialAsync("quay.io", CancellationToken.None))?.Username);
        }

        [Fact]
        public async Task HelperResultsAreCachedPerRegistry()
        {
            Helper("store", "store");
            _env.WriteFile("home/.docker/config.json", "{\"credsStore\":\"store\"}");
            var resolver = Resolver();
            for (int i = 0; i < 3; i++)
            {
                Assert.Equal("store", (await resolver.GetCredentialAsync(Reg, CancellationToken.None))?.Username);
            }

            Assert.Equal(1, Runs("store"));
            await resolver.GetCredentialAsync("other.io", CancellationToken.None);
            Assert.Equal(2, Runs("store"));
            Assert.Contains("docker-credential-store", _log.All);
            Assert.DoesNotContain("SECRET", _log.All);
        }

        [Fact]
        public async Task HelpersCanBeTurnedOff()
        {
            Helper("store", "store");
            _env.WriteFile("home/.docker/config.json", "{\"credsStore\":\"store\"}");
            Assert.Null(await Resolver(o => o.UseCredentialHelpers = false).GetCredentialAsync(Reg, CancellationToken.None));
            Assert.Equal(0, Runs("store"));
        }

        [Fact]
        public async Task MissingHelperFailsTheLookup()
        {
            _env.WriteFile("home/.docker/config.json", "{\"credsStore\":\"desktop\"}");
            OciException e = await Assert.ThrowsAsync<OciException>(() => Resolver().GetCredentialAsync(Reg, CancellationToken.None));
            Assert.Contains("docker-credential-desktop", e.Message);
        }

        [Fact]
        public async Task BrokenFileBeforeTheAnswerFailsAndAfterItDoesNot()
        {
            _env.WriteFile("home/.docker/config.json", "{\"auths\":{\"" + Reg + "\":" + Entry("docker") + "}}");
            _env.WriteFile("home/.config/containers/auth.json", "{ not json SECRET");
            Assert.Equal("docker", (await Resolver().GetCredentialAsync(Reg, CancellationToken.None))?.Username);
            string broken = _env.WriteFile("raf.json", "{ not json SECRET");
            _env["REGISTRY_AUTH_FILE"] = broken;
            OciException e = await Assert.ThrowsAsync<OciException>(() => Resolver().GetCredentialAsync(Reg, CancellationToken.None));
            Assert.Contains(broken, e.Message);
            Assert.DoesNotContain("SECRET", e.ToString());
        }

        [Fact]
        public void WindowsSkipsXdgRuntimeDirAndUsesHomeConfig()
        {
            _env.IsWindows = true;
            _env["XDG_RUNTIME_DIR"] = Path.Combine(_env.Root, "run");
            var paths = AuthFileLocations.Resolve(_env, null).Select(l => l.Path).ToArray();
            Assert.Equal(new[] { Path.Combine(_env.Home, ".docker", "config.json"), Path.Combine(_env.Home, ".config", "containers", "auth.json") }, paths);
        }
    }
}
