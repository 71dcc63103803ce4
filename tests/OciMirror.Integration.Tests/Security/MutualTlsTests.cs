using System.Linq;
using System.Threading.Tasks;
using OciMirror.Integration.Tests.Infrastructure;
using OciMirror.Integration.Tests.Infrastructure.Security;
using Xunit;

namespace OciMirror.Integration.Tests.Security
{
    /// <summary>A registry with <c>http.tls.clientcas</c>: no client certificate, no service.</summary>
    public sealed class MutualTlsTests : IAsyncLifetime
    {
        private readonly TempDirectory _files = new TempDirectory("ocimirror-mtls");
        private TestPki _pki = null!;
        private SecureRegistry _registry = null!;

        public async Task InitializeAsync()
        {
            _pki = TestPki.Create(_files.Combine("pki"));
            _registry = await SecureRegistry.StartAsync(new SecureRegistryOptions { Tls = _pki, RequireClientCertificate = true });
        }

        public async Task DisposeAsync()
        {
            if (_registry != null)
            {
                await _registry.DisposeAsync();
            }

            _files.Dispose();
        }

        [Fact]
        public async Task Cli_WithoutClientCertificate_RefusedWithClearError()
        {
            using var work = new TempDirectory();

            CliResult r = await SecureFlow.ExportAsync(_registry.Host, work.Combine("bundle"), SecureFlow.SmallSet.Take(1), null, "--ca-file", _pki.CaFile);

            Assert.True(r.ExitCode is 1 or 2, r.ToString());
            Assert.Contains(_registry.Host, r.StdErr);
            Assert.Matches("(?i)certificate|tls|handshake", r.StdErr);
            Assert.Empty(BundleInspector.BlobDigests(work.Combine("bundle")));
        }

        [Fact]
        public async Task Cli_WithoutClientCertificate_Insecure_StillRefused()
        {
            using var work = new TempDirectory();

            CliResult r = await SecureFlow.ExportAsync(_registry.Host, work.Combine("bundle"), SecureFlow.SmallSet.Take(1), null, "--insecure");

            Assert.True(r.ExitCode is 1 or 2, r.ToString());
        }

        [Fact]
        public async Task Cli_WithCertFileAndKeyFile_ExportAndImportWork()
        {
            await SecureFlow.RoundTripAsync(_registry, null, _registry.Host, SecureFlow.SmallSet, "mtls", null,
                "--ca-file", _pki.CaFile, "--cert-file", _pki.ClientCertificateFile, "--key-file", _pki.ClientKeyFile);
        }

        [Fact]
        public async Task Cli_WithCertsDClientPair_ExportAndImportWork()
        {
            using var certs = new TempDirectory("ocimirror-certsd");
            string root = _pki.WriteCertsD(certs.Path, _registry.Host, withCa: true, withClientPair: true);

            await SecureFlow.RoundTripAsync(_registry, null, _registry.Host, SecureFlow.SmallSet, "mtlsd", null, "--cert-dir", root);
        }

        [Fact]
        public async Task Core_WithClientCertificateFileAndKeyFile_ExportWorks()
        {
            using var work = new TempDirectory();
            var observer = new CapturingObserver();
            var options = new OciMirror.Core.Registry.RegistryAccessOptions()
                .With("CertificateAuthorityFile", _pki.CaFile)
                .With("ClientCertificateFile", _pki.ClientCertificateFile)
                .With("ClientKeyFile", _pki.ClientKeyFile);

            var run = await SecureFlow.CoreExportAsync(_registry.Host, work.Combine("bundle"), SecureFlow.SmallSet, options, observer);

            SecureFlow.AssertSucceeded(run, observer, "client certificate");
        }
    }
}
