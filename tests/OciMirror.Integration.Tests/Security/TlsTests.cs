using System.Linq;
using System.Threading.Tasks;
using OciMirror.Core.Errors;
using OciMirror.Core.Registry;
using OciMirror.Integration.Tests.Corpus;
using OciMirror.Integration.Tests.Infrastructure;
using OciMirror.Integration.Tests.Infrastructure.Security;
using Xunit;

namespace OciMirror.Integration.Tests.Security
{
    /// <summary>An HTTPS registry whose certificate comes from a CA the test generated (not in any system store).</summary>
    [Collection(TlsRegistryCollection.Name)]
    public sealed class TlsTests
    {
        private readonly TlsRegistryFixture _fixture;

        public TlsTests(TlsRegistryFixture fixture)
        {
            _fixture = fixture;
        }

        private SecureRegistry Registry => _fixture.Registry;

        private TestPki Pki => _fixture.Pki;

        [Fact]
        public async Task Cli_ByDefault_RefusedWithTlsErrorNamingRegistryAndRecommendingCaFileOrInsecure()
        {
            using var work = new TempDirectory();
            string bundle = work.Combine("bundle");

            CliResult r = await SecureFlow.ExportAsync(Registry.Host, bundle, SecureFlow.SmallSet.Take(1), null);

            Assert.True(r.ExitCode is 1 or 2, r.ToString());
            Assert.Contains(Registry.Host, r.StdErr);
            Assert.Matches("(?i)certificate|tls", r.StdErr);
            Assert.Contains("--ca-file", r.StdErr);
            Assert.Contains("--insecure", r.StdErr);
            Assert.Empty(BundleInspector.BlobDigests(bundle));
        }

        [Fact]
        public async Task Core_ByDefault_TlsFailedForTheRegistryWithRecommendedAction_NoPlainHttpFallback()
        {
            using var work = new TempDirectory();
            var observer = new CapturingObserver();

            var run = await SecureFlow.CoreExportAsync(Registry.Host, work.Combine("bundle"), SecureFlow.SmallSet.Take(1), new RegistryAccessOptions(), observer);

            OciException error = SecureFlow.SingleFailure(run, "default trust");
            Assert.True(error.Kind == OciErrorKind.TlsFailed, error + "\n" + observer.Text);
            Assert.Equal(Registry.Host, error.Registry);
            Assert.False(string.IsNullOrEmpty(error.RecommendedAction));
            Assert.DoesNotContain(observer.Lines, l => l.Contains("http://" + Registry.Host, System.StringComparison.Ordinal));
        }

        [Fact]
        public async Task Cli_WithCaFile_ExportAndImportWork()
        {
            await SecureFlow.RoundTripAsync(Registry, null, Registry.Host, SecureFlow.SmallSet, "cafile", null, "--ca-file", Pki.CaFile);
        }

        [Fact]
        public async Task Cli_WithUnrelatedCaFile_StillRefused()
        {
            using var work = new TempDirectory();

            CliResult r = await SecureFlow.ExportAsync(Registry.Host, work.Combine("bundle"), SecureFlow.SmallSet.Take(1), null, "--ca-file", Pki.UnrelatedCaFile);

            Assert.True(r.ExitCode is 1 or 2, r.ToString());
            Assert.Matches("(?i)certificate|tls", r.StdErr);
        }

        [Fact]
        public async Task Cli_WithCertsDDirectory_ExportAndImportWork()
        {
            using var certs = new TempDirectory("ocimirror-certsd");
            string root = Pki.WriteCertsD(certs.Path, Registry.Host, withCa: true, withClientPair: false);

            await SecureFlow.RoundTripAsync(Registry, null, Registry.Host, SecureFlow.SmallSet, "certsd", null, "--cert-dir", root);
        }

        [Fact]
        public async Task Cli_WithCertsDDirectoryForAnotherPort_StillRefused()
        {
            using var certs = new TempDirectory("ocimirror-certsd");
            string root = Pki.WriteCertsD(certs.Path, "127.0.0.1:" + (Registry.Port == 65535 ? 1 : Registry.Port + 1), withCa: true, withClientPair: false);
            using var work = new TempDirectory();

            CliResult r = await SecureFlow.ExportAsync(Registry.Host, work.Combine("bundle"), SecureFlow.SmallSet.Take(1), null, "--cert-dir", root);

            Assert.True(r.ExitCode is 1 or 2, r.ToString());
            Assert.Matches("(?i)certificate|tls", r.StdErr);
        }

        [Fact]
        public async Task Cli_WithInsecure_ExportAndImportWork()
        {
            await SecureFlow.RoundTripAsync(Registry, null, Registry.Host, SecureFlow.SmallSet, "insecure", null, "--insecure");
        }

        [Fact]
        public async Task Core_WithCertificateAuthorityFile_ExportWorks()
        {
            using var work = new TempDirectory();
            var observer = new CapturingObserver();
            var options = new RegistryAccessOptions().With("CertificateAuthorityFile", Pki.CaFile);

            var run = await SecureFlow.CoreExportAsync(Registry.Host, work.Combine("bundle"), SecureFlow.SmallSet, options, observer);

            SecureFlow.AssertSucceeded(run, observer, "CertificateAuthorityFile");
            SecureFlow.AssertBundle(work.Combine("bundle"), SecureFlow.SmallSet);
        }

        [Fact]
        public async Task Core_WithCertificateDirectories_ExportWorks()
        {
            using var certs = new TempDirectory("ocimirror-certsd");
            string root = Pki.WriteCertsD(certs.Path, Registry.Host, withCa: true, withClientPair: false);
            using var work = new TempDirectory();
            var observer = new CapturingObserver();
            var options = new RegistryAccessOptions().With("CertificateDirectories", (System.Collections.Generic.IReadOnlyList<string>)new[] { root });

            var run = await SecureFlow.CoreExportAsync(Registry.Host, work.Combine("bundle"), SecureFlow.SmallSet, options, observer);

            SecureFlow.AssertSucceeded(run, observer, "CertificateDirectories");
        }
    }
}
