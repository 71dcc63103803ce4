using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Content;
using OciMirror.Core.Diagnostics;
using OciMirror.Core.Model;
using OciMirror.Core.References;
using OciMirror.Core.Registry;
using Xunit;

namespace OciMirror.Core.Tests.Registry
{
    /// <summary>
    /// One end-to-end pass against the distribution registry (Debian package docker-registry) on
    /// 127.0.0.1, plain HTTP, so the loopback scheme fallback is exercised too. Starts and removes its
    /// own registry; does nothing where the binary is not installed.
    /// </summary>
    public sealed class RealRegistrySmokeTests : IDisposable
    {
        private const string Binary = "/usr/bin/docker-registry";
        private readonly string _root = Path.Combine(Path.GetTempPath(), "ocimirror-registry-" + Guid.NewGuid().ToString("N"));
        private Process? _registry;

        [Fact]
        public async Task PushResolveFetchTagMountList_AgainstTheRealRegistry()
        {
            if (!File.Exists(Binary))
            {
                return;
            }

            string host = await StartRegistryAsync();
            var log = new CapturingLog();
            var options = new RegistryAccessOptions { ChunkedUploadThreshold = 1000, UploadChunkSize = 300 };
            using var client = new RegistryClient(options, log);
            var repo = (RegistryRepository)client.GetRepository(Reference.ParseRepository(host + "/smoke/app"));
            CancellationToken none = CancellationToken.None;

            byte[] small = Encoding.UTF8.GetBytes("{}");
            byte[] large = Enumerable.Range(0, 2500).Select(i => (byte)(i * 7)).ToArray();
            var config = Descriptor.FromBytes(MediaTypes.OciEmpty, small);
            var layer = Descriptor.FromBytes(MediaTypes.OciLayerTar, large);
            await repo.PushAsync(config, new VerifyingReadStream(new MemoryStream(small), config), none);
            await repo.PushAsync(layer, new VerifyingReadStream(new MemoryStream(large), layer), none); // chunked: 300-byte PATCHes

            byte[] manifest = Encoding.UTF8.GetBytes("{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OciManifest + "\",\"config\":{\"mediaType\":\"" + config.MediaType
                + "\",\"digest\":\"" + config.Digest + "\",\"size\":" + config.Size + "},\"layers\":[{\"mediaType\":\"" + layer.MediaType + "\",\"digest\":\"" + layer.Digest + "\",\"size\":" + layer.Size + "}]}");
            var root = Descriptor.FromBytes(MediaTypes.OciManifest, manifest);
            await repo.PushAsync(root, new MemoryStream(manifest), none);
            await repo.TagAsync(root, "v1", none);
            await repo.TagAsync(root, "v2", none);

            Assert.Equal(root, await repo.ResolveAsync("v1", none));
            Assert.DoesNotContain(log.Lines, l => l.Message.StartsWith("GET " + "http://" + host + "/v2/smoke/app/manifests/v1", StringComparison.Ordinal));
            Assert.Equal(large, await repo.FetchAllAsync(layer, none, large.Length));
            Assert.True(await repo.ExistsAsync(layer, none));
            Assert.False(await repo.ExistsAsync(Descriptor.FromBytes(MediaTypes.OciLayerTar, new byte[] { 1 }), none));
            Assert.Equal(new[] { "v1", "v2" }, (await repo.ListTagsAsync(none)).OrderBy(t => t));

            var other = (RegistryRepository)client.GetRepository(Reference.ParseRepository(host + "/smoke/other"));
            Assert.True(await other.MountAsync(layer, "smoke/app", none));
            Assert.True(await other.ExistsAsync(layer, none));
            Assert.False(await other.MountAsync(Descriptor.FromBytes(MediaTypes.OciLayerTar, new byte[] { 2 }), "smoke/app", none));

            Assert.Contains(log.Lines, l => l.Level == LogLevel.Verbose && l.Message.Contains("plain HTTP"));
            Assert.Equal(9, log.Lines.Count(l => l.Message.StartsWith("PATCH ", StringComparison.Ordinal)));
        }

        [Fact]
        public async Task SelfSignedCertificate_IsTlsFailedWithoutFallback_AndSkipVerifyConnects()
        {
            if (!File.Exists(Binary))
            {
                return;
            }

            string host = await StartRegistryAsync(tls: true);
            var log = new CapturingLog();
            using (var strict = new RegistryClient(new RegistryAccessOptions(), log))
            {
                var e = await Assert.ThrowsAsync<Errors.OciException>(() => strict.PingAsync(host, CancellationToken.None));
                Assert.Equal(Errors.OciErrorKind.TlsFailed, e.Kind);
                Assert.Contains("CA", e.RecommendedAction);
                Assert.DoesNotContain(log.Lines, l => l.Message.Contains("http://"));
            }

            using var lenient = new RegistryClient(new RegistryAccessOptions { SkipTlsVerify = true }, log);
            await lenient.PingAsync(host, CancellationToken.None);
            Assert.Contains(log.Lines, l => l.Message.StartsWith("GET https://" + host + "/v2/ → 200", StringComparison.Ordinal));
        }

        public void Dispose()
        {
            if (_registry != null && !_registry.HasExited)
            {
                _registry.Kill();
                _registry.WaitForExit(5000);
            }

            _registry?.Dispose();
            if (Directory.Exists(_root))
            {
                Directory.Delete(_root, recursive: true);
            }
        }

        private async Task<string> StartRegistryAsync(bool tls = false)
        {
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            int port = ((IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            Directory.CreateDirectory(_root);
            string config = Path.Combine(_root, "config.yml");
            string yaml = $"version: 0.1\nlog:\n  level: error\nstorage:\n  filesystem:\n    rootdirectory: {_root}/data\nhttp:\n  addr: 127.0.0.1:{port}\n";
            if (tls)
            {
                using var key = System.Security.Cryptography.RSA.Create(2048);
                var request = new System.Security.Cryptography.X509Certificates.CertificateRequest("CN=127.0.0.1", key, System.Security.Cryptography.HashAlgorithmName.SHA256, System.Security.Cryptography.RSASignaturePadding.Pkcs1);
                using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
                File.WriteAllText(Path.Combine(_root, "tls.crt"), certificate.ExportCertificatePem());
                File.WriteAllText(Path.Combine(_root, "tls.key"), key.ExportPkcs8PrivateKeyPem());
                yaml += $"  tls:\n    certificate: {_root}/tls.crt\n    key: {_root}/tls.key\n";
            }

            File.WriteAllText(config, yaml);
            _registry = Process.Start(new ProcessStartInfo(Binary, $"serve {config}") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false })!;
            _registry.OutputDataReceived += (s, e) => { };
            _registry.ErrorDataReceived += (s, e) => { };
            _registry.BeginOutputReadLine();
            _registry.BeginErrorReadLine();
            for (int i = 0; i < 100; i++)
            {
                try
                {
                    using var probe = new TcpClient();
                    await probe.ConnectAsync(IPAddress.Loopback, port);
                    return "127.0.0.1:" + port;
                }
                catch (SocketException)
                {
                    await Task.Delay(50);
                }
            }

            throw new InvalidOperationException("docker-registry did not start on port " + port);
        }
    }
}
