using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Errors;
using OciMirror.Core.Registry;
using Xunit;

namespace OciMirror.Core.Tests.Registry.Tls
{
    /// <summary>Real TLS handshakes against an in-process SslStream server with certificates made by the test.</summary>
    public sealed class RealTlsTests : IDisposable
    {
        private readonly TestPki _pki = new TestPki();

        public void Dispose() => _pki.Dispose();

        [Fact]
        public async Task PrivateCa_IsRefusedByDefault_WithTlsFailedAndAHelpfulAction()
        {
            using var server = new TlsTestServer(_pki.Server);

            var e = await Assert.ThrowsAsync<OciException>(() => PingAsync(server, new RegistryAccessOptions()));

            Assert.Equal(OciErrorKind.TlsFailed, e.Kind);
            Assert.Contains("--ca-file", e.RecommendedAction);
            Assert.Contains("-CertificateAuthorityPath", e.RecommendedAction);
            Assert.Contains("certs.d", e.RecommendedAction);
            Assert.Contains("--insecure", e.RecommendedAction);
            Assert.Contains("-SkipCertificateCheck", e.RecommendedAction);
            Assert.Equal(0, server.Requests);
        }

        [Fact]
        public async Task PrivateCa_IsAccepted_WithTheCaFile()
        {
            using var server = new TlsTestServer(_pki.Server);

            await PingAsync(server, new RegistryAccessOptions { CertificateAuthorityFile = _pki.CaFile });

            Assert.Equal(2, server.Requests); // the loopback scheme probe and the ping
        }

        [Fact]
        public async Task PrivateCa_IsAccepted_ThroughACertsDirectoryNamedHostPort()
        {
            using var server = new TlsTestServer(_pki.Server);
            string root = Path.Combine(_pki.Directory, "certs.d");
            File.Copy(_pki.CaFile, Path.Combine(Directory.CreateDirectory(Path.Combine(root, server.Host)).FullName, "ca.crt"));

            await PingAsync(server, new RegistryAccessOptions { CertificateDirectories = new[] { Path.Combine(_pki.Directory, "missing"), root } });

            Assert.Equal(2, server.Requests); // the loopback scheme probe and the ping
        }

        [Fact]
        public async Task PrivateCa_IsAccepted_FromHostSettings_ForThatHostOnly()
        {
            using var server = new TlsTestServer(_pki.Server);
            var hosts = new Dictionary<string, RegistryHostSettings> { ["127.0.0.1:1"] = new RegistryHostSettings { CertificateAuthorityFile = _pki.CaFile } };
            await Assert.ThrowsAsync<OciException>(() => PingAsync(server, new RegistryAccessOptions { Hosts = hosts }));

            hosts[server.Host] = new RegistryHostSettings { CertificateAuthorityFile = _pki.CaFile };
            await PingAsync(server, new RegistryAccessOptions { Hosts = hosts });

            Assert.Equal(2, server.Requests); // the loopback scheme probe and the ping
        }

        [Fact]
        public async Task SkipTlsVerify_AcceptsAnyCertificate_AndHostSettingsCanTurnItBackOn()
        {
            using var server = new TlsTestServer(_pki.Server);
            await PingAsync(server, new RegistryAccessOptions { SkipTlsVerify = true });
            await PingAsync(server, new RegistryAccessOptions { Hosts = new Dictionary<string, RegistryHostSettings> { [server.Host] = new RegistryHostSettings { SkipTlsVerify = true } } });

            var strict = new RegistryAccessOptions { SkipTlsVerify = true, Hosts = new Dictionary<string, RegistryHostSettings> { [server.Host] = new RegistryHostSettings { SkipTlsVerify = false } } };
            var e = await Assert.ThrowsAsync<OciException>(() => PingAsync(server, strict));

            Assert.Equal(OciErrorKind.TlsFailed, e.Kind);
            Assert.Equal(4, server.Requests); // two pings with their loopback scheme probes
        }

        [Fact]
        public async Task TrustedCa_DoesNotExcuseANameMismatch()
        {
            using X509 other = new X509(TestPki.Issue(_pki.ServerCa, "CN=elsewhere", new[] { "registry.elsewhere.example" }, serverAuth: true));
            using var server = new TlsTestServer(other.Certificate);

            var e = await Assert.ThrowsAsync<OciException>(() => PingAsync(server, new RegistryAccessOptions { CertificateAuthorityFile = _pki.CaFile }));

            Assert.Equal(OciErrorKind.TlsFailed, e.Kind);
            Assert.Equal(0, server.Requests);
        }

        [Fact]
        public async Task ACaThatDidNotSignTheServer_DoesNotHelp()
        {
            using var stranger = new X509(TestPki.CreateCa("CN=Some Other CA"));
            string file = _pki.Write("other-ca.pem", stranger.Certificate.ExportCertificatePem());
            using var server = new TlsTestServer(_pki.Server);

            var e = await Assert.ThrowsAsync<OciException>(() => PingAsync(server, new RegistryAccessOptions { CertificateAuthorityFile = file }));

            Assert.Equal(OciErrorKind.TlsFailed, e.Kind);
        }

        [Fact]
        public async Task MutualTls_RefusesAClientWithoutCertificate()
        {
            using var server = new TlsTestServer(_pki.Server, _pki.ClientCa);

            var e = await Assert.ThrowsAsync<OciException>(() => PingAsync(server, new RegistryAccessOptions { CertificateAuthorityFile = _pki.CaFile }));

            // .NET's SslStream server checks the client certificate after its side of the handshake and then
            // just closes (ConnectionFailed); real servers send an alert, which maps to TlsFailed (integration tests).
            Assert.Contains(e.Kind, new[] { OciErrorKind.TlsFailed, OciErrorKind.ConnectionFailed });
            Assert.Equal(0, server.Requests);
            Assert.True(server.FailedHandshakes > 0);
        }

        [Fact]
        public async Task MutualTls_AcceptsAPemCertificateAndKey()
        {
            using var server = new TlsTestServer(_pki.Server, _pki.ClientCa);

            await PingAsync(server, new RegistryAccessOptions { CertificateAuthorityFile = _pki.CaFile, ClientCertificateFile = _pki.ClientCertFile, ClientKeyFile = _pki.ClientKeyFile });

            Assert.Equal(new[] { "CN=mirror client", "CN=mirror client" }, server.ClientSubjects);
        }

        [Fact]
        public async Task MutualTls_AcceptsAPfx()
        {
            using var server = new TlsTestServer(_pki.Server, _pki.ClientCa);

            await PingAsync(server, new RegistryAccessOptions { CertificateAuthorityFile = _pki.CaFile, ClientCertificateFile = _pki.ClientPfxFile });

            Assert.Equal(new[] { "CN=mirror client", "CN=mirror client" }, server.ClientSubjects);
        }

        [Fact]
        public async Task MutualTls_AcceptsACertsDirectoryPair()
        {
            using var server = new TlsTestServer(_pki.Server, _pki.ClientCa);
            string hostDirectory = Directory.CreateDirectory(Path.Combine(_pki.Directory, "certs.d", server.Host)).FullName;
            File.Copy(_pki.CaFile, Path.Combine(hostDirectory, "ca.crt"));
            File.Copy(_pki.ClientCertFile, Path.Combine(hostDirectory, "client.cert"));
            File.Copy(_pki.ClientKeyFile, Path.Combine(hostDirectory, "client.key"));

            await PingAsync(server, new RegistryAccessOptions { CertificateDirectories = new[] { Path.Combine(_pki.Directory, "certs.d") } });

            Assert.Equal(new[] { "CN=mirror client", "CN=mirror client" }, server.ClientSubjects);
        }

        [Fact]
        public void AnUnusableSideWideCaFile_FailsWhenTheClientIsCreated_NamingTheFile()
        {
            string junk = _pki.Write("junk.pem", "not a certificate");

            var e = Assert.Throws<OciException>(() => new RegistryClient(new RegistryAccessOptions { CertificateAuthorityFile = junk }));

            Assert.Equal(OciErrorKind.TlsFailed, e.Kind);
            Assert.Contains(junk, e.Message);
            Assert.Equal(junk, e.Path);
        }

        [Fact]
        public void AnAlertAfterTheHandshake_CountsAsATlsFailure()
        {
            // What OpenSSL gives when a TLS 1.3 server refuses the client certificate on the first read.
            var alert = new System.Net.Http.HttpRequestException("An error occurred while sending the request.",
                new IOException("The decryption operation failed, see inner exception.", new System.Security.Cryptography.CryptographicException("error:0A000412:SSL routines::sslv3 alert bad certificate")));
            var reset = new System.Net.Http.HttpRequestException("An error occurred while sending the request.",
                new IOException("Unable to read data from the transport connection.", new System.Net.Sockets.SocketException(104)));

            Assert.True(OciMirror.Core.Registry.Tls.TlsFailures.IsTlsLayerFailure(alert));
            Assert.False(OciMirror.Core.Registry.Tls.TlsFailures.IsTlsLayerFailure(reset));
        }

        private static async Task PingAsync(TlsTestServer server, RegistryAccessOptions options)
        {
            // No machine certs.d unless the test names directories.
            options.CertificateDirectories ??= Array.Empty<string>();
            var log = new CapturingLog();
            using var client = new RegistryClient(options, log);
            client.Transport.Retry.Delay = (delay, token) => Task.CompletedTask;
            await client.PingAsync(server.Host, CancellationToken.None);
            Assert.DoesNotContain("http://", log.All);
        }

        private sealed class X509 : IDisposable
        {
            public X509(System.Security.Cryptography.X509Certificates.X509Certificate2 certificate) => Certificate = certificate;

            public System.Security.Cryptography.X509Certificates.X509Certificate2 Certificate { get; }

            public void Dispose() => Certificate.Dispose();
        }
    }
}
