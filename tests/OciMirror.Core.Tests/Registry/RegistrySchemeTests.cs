using System.Linq;
using System.Net.Http;
using System.Net.Security;
using System.Security.Authentication;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Diagnostics;
using OciMirror.Core.Errors;
using OciMirror.Core.Registry;
using OciMirror.Core.Registry.Http;
using Xunit;
using static OciMirror.Core.Tests.Registry.FakeRegistryHandler;

namespace OciMirror.Core.Tests.Registry
{
    public class RegistrySchemeTests
    {
        [Fact]
        public async Task Loopback_WithoutTls_FallsBackToHttpOnceAndRemembersIt()
        {
            using var kit = new RegistryTestKit(new RegistryAccessOptions());
            kit.Handler.On("GET", "/v2/", r => r.Uri.Scheme == "https"
                ? throw new HttpRequestException("The SSL connection could not be established", new AuthenticationException("Cannot determine the frame size"))
                : Status(200));

            await kit.Client.PingAsync("127.0.0.1:5000", CancellationToken.None);
            await kit.Client.PingAsync("127.0.0.1:5000", CancellationToken.None);

            Assert.Equal(new[] { "https", "http", "http" }, kit.Handler.Requests.Select(r => r.Uri.Scheme));
            Assert.Contains(kit.Log.Lines, l => l.Level == LogLevel.Verbose && l.Message.Contains("plain HTTP"));
        }

        [Fact]
        public async Task Loopback_WithRejectedCertificate_DoesNotFallBack()
        {
            using var kit = new RegistryTestKit(new RegistryAccessOptions());
            kit.Handler.On("GET", "/v2/", r =>
            {
                // What the real handler's validation callback records before failing the handshake.
                kit.Client.Transport.Tls.Record(r.Uri, SslPolicyErrors.RemoteCertificateChainErrors);
                throw new HttpRequestException("The SSL connection could not be established", new AuthenticationException("The remote certificate is invalid"));
            });

            var e = await Assert.ThrowsAsync<OciException>(() => kit.Client.PingAsync("localhost:5443", CancellationToken.None));

            Assert.Equal(OciErrorKind.TlsFailed, e.Kind);
            Assert.Contains("CA", e.RecommendedAction);
            Assert.All(kit.Handler.Requests, r => Assert.Equal("https", r.Uri.Scheme));
            Assert.Equal(2, kit.Handler.Requests.Count); // the probe and the real request, no retries
        }

        [Fact]
        public async Task RemoteHost_NeverFallsBackToHttp()
        {
            using var kit = new RegistryTestKit(new RegistryAccessOptions());
            kit.Handler.On("GET", "/v2/", r => r.Uri.Scheme == "https"
                ? throw new HttpRequestException("The SSL connection could not be established", new AuthenticationException("Cannot determine the frame size"))
                : Status(200));

            var e = await Assert.ThrowsAsync<OciException>(() => kit.Client.PingAsync("registry.example.com", CancellationToken.None));

            Assert.Equal(OciErrorKind.TlsFailed, e.Kind);
            Assert.Contains("plain-HTTP", e.RecommendedAction);
            Assert.All(kit.Handler.Requests, r => Assert.Equal("https://registry.example.com/v2/", r.Uri.AbsoluteUri));
        }

        [Theory]
        [InlineData(true, null)]
        [InlineData(false, true)]
        public async Task RemoteHost_WithHttpFallback_FallsBackWhenNoTlsServerAnswers(bool sideWide, bool? forHost)
        {
            var options = new RegistryAccessOptions { AllowHttpFallback = sideWide };
            if (forHost != null)
            {
                options.Hosts = new System.Collections.Generic.Dictionary<string, RegistryHostSettings> { ["registry.example.com"] = new RegistryHostSettings { AllowHttpFallback = forHost } };
            }

            using var kit = new RegistryTestKit(options);
            kit.Handler.On("GET", "/v2/", r => r.Uri.Scheme == "https"
                ? throw new HttpRequestException("The SSL connection could not be established", new AuthenticationException("Cannot determine the frame size"))
                : Status(200));

            await kit.Client.PingAsync("registry.example.com", CancellationToken.None);

            Assert.Equal(new[] { "https", "http" }, kit.Handler.Requests.Select(r => r.Uri.Scheme));
        }

        [Fact]
        public async Task PlainHttp_UsesHttpWithoutProbing()
        {
            using var kit = new RegistryTestKit(new RegistryAccessOptions { PlainHttp = true });
            kit.Handler.On("GET", "/v2/", r => Status(200));

            await kit.Client.PingAsync("localhost:5000", CancellationToken.None);

            Assert.Equal("http://localhost:5000/v2/", kit.Handler.Requests.Single().Uri.AbsoluteUri);
        }

        [Fact]
        public async Task DockerHub_IsReachedThroughItsApiHost()
        {
            using var kit = new RegistryTestKit(new RegistryAccessOptions());
            kit.Handler.On("GET", "/v2/", r => Status(200), "registry-1.docker.io");

            await kit.Client.PingAsync("docker.io", CancellationToken.None);

            Assert.Equal("https://registry-1.docker.io/v2/", kit.Handler.Requests.Single().Uri.AbsoluteUri);
        }

        [Theory]
        [InlineData("localhost", true)]
        [InlineData("LOCALHOST:5000", true)]
        [InlineData("127.0.0.1:5000", true)]
        [InlineData("127.1.2.3", true)]
        [InlineData("[::1]:5000", true)]
        [InlineData("registry.local:5000", false)]
        [InlineData("10.0.0.1:5000", false)]
        [InlineData("localhost.example.com", false)]
        public void IsLoopback(string host, bool expected) => Assert.Equal(expected, RegistryEndpoints.IsLoopback(host));
    }
}
