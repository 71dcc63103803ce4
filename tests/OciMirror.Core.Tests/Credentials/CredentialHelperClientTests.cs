using System;
using System.Diagnostics;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Credentials;
using OciMirror.Core.Errors;
using OciMirror.Core.Registry.Auth;
using Xunit;

namespace OciMirror.Core.Tests.Credentials
{
    [Collection(HelperProcessCollection.Name)]
    public sealed class CredentialHelperClientTests : IDisposable
    {
        private const string Secret = "hElPeR-SeCrEt-42";
        private readonly TestCredentialEnvironment _env = new TestCredentialEnvironment();

        public void Dispose() => _env.Dispose();

        private CredentialHelperClient Client(double seconds = 10) => new CredentialHelperClient(_env, TimeSpan.FromSeconds(seconds));

        [Fact]
        public async Task ReturnsUsernameAndSecretAndSendsTheHostOnStdin()
        {
            string urlFile = Path.Combine(_env.Root, "url.txt");
            _env.WriteHelper("test", $"[ \"$1\" = get ] || exit 3\nread -r url\nprintf '%s' \"$url\" > '{urlFile}'\nprintf '{{\"ServerURL\":\"%s\",\"Username\":\"bob\",\"Secret\":\"{Secret}\"}}\\n' \"$url\"");
            RegistryCredential? c = await Client().GetAsync("test", "localhost:5000", CancellationToken.None);
            Assert.Equal("bob", c?.Username);
            Assert.Equal(Secret, c?.Password);
            Assert.Null(c?.IdentityToken);
            Assert.Equal("localhost:5000", File.ReadAllText(urlFile));
        }

        [Theory]
        [InlineData("docker.io")]
        [InlineData("registry-1.docker.io")]
        public async Task SendsTheLegacyUrlForDockerHub(string registry)
        {
            string urlFile = Path.Combine(_env.Root, "url.txt");
            _env.WriteHelper("test", $"read -r url\nprintf '%s' \"$url\" > '{urlFile}'\necho '{{\"Username\":\"u\",\"Secret\":\"s\"}}'");
            await Client().GetAsync("test", registry, CancellationToken.None);
            Assert.Equal("https://index.docker.io/v1/", File.ReadAllText(urlFile));
        }

        [Fact]
        public async Task TokenUsernameMeansIdentityToken()
        {
            _env.WriteHelper("test", $"cat >/dev/null\necho '{{\"ServerURL\":\"x\",\"Username\":\"<token>\",\"Secret\":\"{Secret}\"}}'");
            RegistryCredential? c = await Client().GetAsync("test", "myacr.azurecr.io", CancellationToken.None);
            Assert.Equal(Secret, c?.IdentityToken);
            Assert.Null(c?.Username);
            Assert.Null(c?.Password);
        }

        [Fact]
        public async Task CredentialsNotFoundIsAnonymous()
        {
            _env.WriteHelper("test", "cat >/dev/null\necho 'credentials not found in native keychain'\nexit 1");
            Assert.Null(await Client().GetAsync("test", "ghcr.io", CancellationToken.None));
        }

        [Fact]
        public async Task MissingHelperNamesTheExecutable()
        {
            OciException e = await Assert.ThrowsAsync<OciException>(() => Client().GetAsync("nosuch", "ghcr.io", CancellationToken.None));
            Assert.Equal(OciErrorKind.AuthenticationFailed, e.Kind);
            Assert.Contains("docker-credential-nosuch", e.Message);
            Assert.Contains("PATH", e.Message);
            Assert.Equal("ghcr.io", e.Registry);
            Assert.NotNull(e.RecommendedAction);
        }

        [Fact]
        public void WindowsLooksForExe()
        {
            _env.IsWindows = true;
            _env.WriteFile(Path.Combine("bin", "docker-credential-wincred.exe"), string.Empty);
            Assert.Equal("docker-credential-wincred.exe", Client().ExecutableName("wincred"));
            Assert.Equal(Path.Combine(_env.Bin, "docker-credential-wincred.exe"), Client().FindExecutable("wincred"));
        }

        [Theory]
        [InlineData("../evil")]
        [InlineData("a/b")]
        [InlineData("")]
        public async Task RejectsHelperNamesThatAreNotNames(string name)
        {
            OciException e = await Assert.ThrowsAsync<OciException>(() => Client().GetAsync(name, "ghcr.io", CancellationToken.None));
            Assert.Contains("not valid", e.Message);
        }

        [Fact]
        public async Task HangingHelperIsKilledAfterTheTimeout()
        {
            // Not 'exec sleep': the shell's child keeps stdout open after the kill; the client must not wait for it.
            _env.WriteHelper("hang", "sleep 20\necho '{\"Username\":\"u\",\"Secret\":\"s\"}'");
            var watch = Stopwatch.StartNew();
            OciException e = await Assert.ThrowsAsync<OciException>(() => Client(0.5).GetAsync("hang", "ghcr.io", CancellationToken.None));
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"took {watch.Elapsed}");
            Assert.Equal(OciErrorKind.Timeout, e.Kind);
            Assert.Contains("docker-credential-hang", e.Message);
            Assert.Contains("0.5 s", e.Message);
        }

        [Fact]
        public async Task CancellationKillsTheHelper()
        {
            _env.WriteHelper("hang", "exec sleep 20");
            using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
            var watch = Stopwatch.StartNew();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Client(30).GetAsync("hang", "ghcr.io", cts.Token));
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10));
        }

        [Theory]
        [InlineData("echo 'Username=bob Secret=" + Secret + "'")]
        [InlineData("echo '{\"Username\":\"bob\",\"Password\":\"" + Secret + "\"}'")]
        [InlineData("echo '[\"" + Secret + "\"]'")]
        [InlineData("echo '{\"Username\":\"bob\",\"Secret\":\"" + Secret + "\"'")]
        [InlineData("true")]
        public async Task GarbageOutputNamesTheHelperWithoutEchoingIt(string body)
        {
            _env.WriteHelper("junk", "cat >/dev/null\n" + body);
            OciException e = await Assert.ThrowsAsync<OciException>(() => Client().GetAsync("junk", "ghcr.io", CancellationToken.None));
            Assert.Equal(OciErrorKind.AuthenticationFailed, e.Kind);
            Assert.Contains("docker-credential-junk", e.Message);
            Assert.DoesNotContain(Secret, e.ToString());
            Assert.DoesNotContain("bob", e.ToString());
        }

        [Fact]
        public async Task FailingHelperReportsExitCodeAndFirstLine()
        {
            _env.WriteHelper("fail", "cat >/dev/null\necho 'pass store is not initialized' >&2\necho 'second line' >&2\nexit 2");
            OciException e = await Assert.ThrowsAsync<OciException>(() => Client().GetAsync("fail", "ghcr.io", CancellationToken.None));
            Assert.Contains("docker-credential-fail", e.Message);
            Assert.Contains("exit code 2", e.Message);
            Assert.Contains("pass store is not initialized", e.Message);
            Assert.DoesNotContain("second line", e.Message);
        }

        [Fact]
        public async Task HugeHelperOutputIsCappedWithAClearError()
        {
            // 3 MB of output: no credential is that large; the client must not collect it all and call it "not JSON".
            _env.WriteHelper("flood", "cat >/dev/null\nhead -c 3000000 /dev/zero | tr '\\0' a\nexit 0");
            OciException e = await Assert.ThrowsAsync<OciException>(() => Client().GetAsync("flood", "ghcr.io", CancellationToken.None));
            Assert.Equal(OciErrorKind.AuthenticationFailed, e.Kind);
            Assert.Contains("docker-credential-flood", e.Message);
            Assert.Contains("1 MiB", e.Message);
        }

        [Fact]
        public async Task EndlessHelperOutputIsCutOffWithoutWaitingForTheTimeout()
        {
            _env.WriteHelper("endless", "cat >/dev/null\nexec yes aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
            var watch = Stopwatch.StartNew();
            OciException e = await Assert.ThrowsAsync<OciException>(() => Client(30).GetAsync("endless", "ghcr.io", CancellationToken.None));
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(15), $"took {watch.Elapsed}");
            Assert.Equal(OciErrorKind.AuthenticationFailed, e.Kind);
            Assert.Contains("1 MiB", e.Message);
        }

        [Fact]
        public async Task HelperThatIsNotExecutableIsAClearError()
        {
            string path = _env.WriteFile(Path.Combine("bin", "docker-credential-noexec"), "#!/bin/sh\necho hi\n");
            OciException e = await Assert.ThrowsAsync<OciException>(() => Client().GetAsync("noexec", "ghcr.io", CancellationToken.None));
            Assert.Contains(path, e.Message);
            Assert.Contains("could not be started", e.Message);
        }

        [Fact]
        public void RejectsNonPositiveTimeout() =>
            Assert.Throws<ArgumentOutOfRangeException>(() => new CredentialHelperClient(_env, TimeSpan.Zero));

        [Fact]
        public void ProcessResultToStringHidesOutput() =>
            Assert.DoesNotContain(Secret, new ProcessRunResult(0, "{\"Secret\":\"" + Secret + "\"}", string.Empty).ToString());
    }
}
