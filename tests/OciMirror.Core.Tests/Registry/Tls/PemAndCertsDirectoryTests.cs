using System;
using System.IO;
using System.Linq;
using System.Security.Cryptography.X509Certificates;
using OciMirror.Core.Errors;
using OciMirror.Core.Registry.Tls;
using Xunit;

namespace OciMirror.Core.Tests.Registry.Tls
{
    public sealed class PemAndCertsDirectoryTests : IDisposable
    {
        private readonly TestPki _pki = new TestPki();

        public void Dispose() => _pki.Dispose();

        [Fact]
        public void Bundle_WithSeveralCertificatesAndJunkAround_ReadsThemAll()
        {
            string text = "# corporate roots\nsubject=CN=OciMirror Test Server CA\n" + _pki.ServerCa.ExportCertificatePem()
                + "\n\nissuer=whatever\r\n" + _pki.ClientCa.ExportCertificatePem().Replace("\n", "\r\n") + "\ntrailing words";
            string file = _pki.Write("bundle.pem", text);

            var certificates = PemCertificates.LoadFile(file, "CA file");

            Assert.Equal(new[] { _pki.ServerCa.Thumbprint, _pki.ClientCa.Thumbprint }, certificates.Select(c => c.Thumbprint));
        }

        [Fact]
        public void Der_WithOneCertificate_IsAccepted()
        {
            string file = Path.Combine(_pki.Directory, "ca.cer");
            File.WriteAllBytes(file, _pki.ServerCa.Export(X509ContentType.Cert));

            Assert.Equal(_pki.ServerCa.Thumbprint, Assert.Single(PemCertificates.LoadFile(file, "CA file")).Thumbprint);
        }

        [Theory]
        [InlineData("no certificate here\n")]
        [InlineData("")]
        [InlineData("-----BEGIN CERTIFICATE-----\nAAAA\n")]
        [InlineData("-----BEGIN CERTIFICATE-----\n!!!notbase64!!!\n-----END CERTIFICATE-----\n")]
        public void Bundle_WithoutAUsableCertificate_IsAnErrorNamingTheFile(string text)
        {
            string file = _pki.Write("bad.pem", text);

            var e = Assert.Throws<OciException>(() => PemCertificates.LoadFile(file, "CA file"));

            Assert.Equal(OciErrorKind.TlsFailed, e.Kind);
            Assert.Contains(file, e.Message);
            Assert.Equal(file, e.Path);
        }

        [Fact]
        public void MissingFile_IsAnErrorNamingTheFile()
        {
            string file = Path.Combine(_pki.Directory, "absent.pem");

            var e = Assert.Throws<OciException>(() => PemCertificates.LoadFile(file, "CA file"));

            Assert.Contains(file, e.Message);
            Assert.Contains("does not exist", e.Message);
        }

        [Fact]
        public void ClientCertificate_FromPemPair_CombinedPem_AndPfx_HasItsKey()
        {
            string combined = _pki.Write("combined.pem", File.ReadAllText(_pki.ClientCertFile) + "\n" + File.ReadAllText(_pki.ClientKeyFile));

            foreach (X509Certificate2 certificate in new[]
            {
                ClientCertificateLoader.Load(_pki.ClientCertFile, _pki.ClientKeyFile),
                ClientCertificateLoader.Load(combined, null),
                ClientCertificateLoader.Load(_pki.ClientPfxFile, null),
            })
            {
                Assert.True(certificate.HasPrivateKey);
                Assert.Equal(_pki.Client.Thumbprint, certificate.Thumbprint);
            }
        }

        [Fact]
        public void ClientCertificate_WithoutKey_OrWithAForeignKey_IsAnErrorNamingTheFiles()
        {
            var noKey = Assert.Throws<OciException>(() => ClientCertificateLoader.Load(_pki.ClientCertFile, null));
            string otherKey = _pki.Write("other.key", _pki.Server.GetRSAPrivateKey()!.ExportPkcs8PrivateKeyPem());
            var wrongKey = Assert.Throws<OciException>(() => ClientCertificateLoader.Load(_pki.ClientCertFile, otherKey));

            Assert.Contains(_pki.ClientCertFile, noKey.Message);
            Assert.Contains(otherKey, wrongKey.Message);
            Assert.DoesNotContain("PRIVATE KEY", wrongKey.Message);
        }

        [Theory]
        [InlineData("registry.corp.local")]
        [InlineData("registry.corp.local:5000")]
        public void CertsDirectory_ForTheHostAsWritten_GivesCasAndClientPairs(string host)
        {
            string root = Path.Combine(_pki.Directory, "certs.d");
            string directory = Directory.CreateDirectory(Path.Combine(root, host)).FullName;
            File.Copy(_pki.CaFile, Path.Combine(directory, "ca.crt"));
            File.Copy(_pki.ClientCertFile, Path.Combine(directory, "client.cert"));
            File.Copy(_pki.ClientKeyFile, Path.Combine(directory, "client.key"));
            File.WriteAllText(Path.Combine(directory, "notes.pem"), "ignored: not a certs.d extension");
            string other = host.Contains(':') ? "registry.corp.local" : "registry.corp.local:5000";

            CertsDirectoryContent found = CertsDirectories.Discover(new[] { Path.Combine(_pki.Directory, "absent"), root }, host);
            CertsDirectoryContent none = CertsDirectories.Discover(new[] { root }, other);

            Assert.Equal(_pki.ServerCa.Thumbprint, Assert.Single(found.Authorities).Thumbprint);
            Assert.Equal(_pki.Client.Thumbprint, Assert.Single(found.ClientCertificates).Thumbprint);
            Assert.Equal(new[] { directory }, found.Directories);
            Assert.Empty(none.Authorities);
            Assert.Empty(none.ClientCertificates);
        }

        [Fact]
        public void ConfiguredRoot_HoldingCertificatesItself_IsAHostFolderForEveryHost_LikeSkopeosCertDir()
        {
            string folder = Directory.CreateDirectory(Path.Combine(_pki.Directory, "skopeo-cert-dir")).FullName;
            File.Copy(_pki.CaFile, Path.Combine(folder, "ca.crt"));
            File.Copy(_pki.ClientCertFile, Path.Combine(folder, "client.cert"));
            File.Copy(_pki.ClientKeyFile, Path.Combine(folder, "client.key"));

            CertsDirectoryContent configured = CertsDirectories.Discover(new[] { folder }, "any.host:5000", configured: true);
            CertsDirectoryContent asDefault = CertsDirectories.Discover(new[] { folder }, "any.host:5000");
            CertsDirectoryContent single = CertsDirectories.DiscoverFolder(folder);

            Assert.Equal(_pki.ServerCa.Thumbprint, Assert.Single(configured.Authorities).Thumbprint);
            Assert.Equal(_pki.Client.Thumbprint, Assert.Single(configured.ClientCertificates).Thumbprint);
            Assert.Empty(asDefault.Authorities);
            Assert.Equal(_pki.ServerCa.Thumbprint, Assert.Single(single.Authorities).Thumbprint);
            Assert.Empty(CertsDirectories.DiscoverFolder(Path.Combine(_pki.Directory, "absent")).Authorities);
        }

        [Fact]
        public void ConfiguredCertsDRoot_WithoutFilesOfItsOwn_IsSearchedPerHostOnly()
        {
            string root = Path.Combine(_pki.Directory, "certs.d");
            string directory = Directory.CreateDirectory(Path.Combine(root, "h.local")).FullName;
            File.Copy(_pki.CaFile, Path.Combine(directory, "ca.crt"));

            Assert.Single(CertsDirectories.Discover(new[] { root }, "h.local", configured: true).Authorities);
            Assert.Empty(CertsDirectories.Discover(new[] { root }, "other.local", configured: true).Authorities);
        }

        [Fact]
        public void CertsDirectory_CertWithoutKey_IsAnErrorNamingTheFile()
        {
            string directory = Directory.CreateDirectory(Path.Combine(_pki.Directory, "certs.d", "host")).FullName;
            File.Copy(_pki.ClientCertFile, Path.Combine(directory, "client.cert"));

            var e = Assert.Throws<OciException>(() => CertsDirectories.Discover(new[] { Path.Combine(_pki.Directory, "certs.d") }, "host"));

            Assert.Contains(Path.Combine(directory, "client.cert"), e.Message);
            Assert.Contains("client.key", e.Message);
        }

        [Fact]
        public void DefaultRoots_FollowDockerAndPodman_AndAnEmptyListTurnsDiscoveryOff()
        {
            Assert.Equal(
                new[] { "/etc/docker/certs.d", "/etc/containers/certs.d", "/home/u/.config/containers/certs.d", "/home/u/.docker/certs.d" },
                CertsDirectories.Defaults(false, "/home/u", null));
            Assert.Equal(
                new[] { Path.Combine(@"C:\Users\u", ".docker", "certs.d"), Path.Combine(@"C:\ProgramData", "docker", "certs.d") },
                CertsDirectories.Defaults(true, @"C:\Users\u", @"C:\ProgramData"));
            Assert.Contains("/etc/docker/certs.d", CertsDirectories.Roots(null));
            Assert.Empty(CertsDirectories.Roots(Array.Empty<string>()));
            Assert.Equal(new[] { "/x" }, CertsDirectories.Roots(new[] { "/x" }));
        }
    }
}
