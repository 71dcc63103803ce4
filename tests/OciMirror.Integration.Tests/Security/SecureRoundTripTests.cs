using System.Linq;
using System.Threading.Tasks;
using OciMirror.Integration.Tests.Corpus;
using OciMirror.Integration.Tests.Infrastructure;
using OciMirror.Integration.Tests.Infrastructure.Security;
using Xunit;

namespace OciMirror.Integration.Tests.Security
{
    /// <summary>
    /// The round trip of the earlier issues against registries as they are in production: the whole
    /// corpus from an HTTPS + token-auth registry (its token service also HTTPS, same private CA) into a
    /// bundle directory, then into an empty HTTPS + htpasswd registry, trusted with --ca-file only; every
    /// tag keeps its digest. (tar/tgz/stream bundles are not on main yet.)
    /// </summary>
    public sealed class SecureRoundTripTests
    {
        [Fact]
        public async Task TokenAuthRegistry_ToBundleDirectory_ToBasicAuthRegistry_IdenticalDigests()
        {
            using var files = new TempDirectory("ocimirror-secure-rt");
            var pki = TestPki.Create(files.Combine("pki"));
            await using TokenIssuer issuer = await TokenIssuer.StartAsync(pki.ServerCertificate);
            string sourcePassword = TestSecrets.NewPassword("source");
            issuer.AddUser("mirror", sourcePassword);
            await using SecureRegistry source = await SecureRegistry.StartAsync(new SecureRegistryOptions { Tls = pki, Token = issuer.RegistrySettings(files.Combine("signer.pem")) });
            string targetPassword = TestSecrets.NewPassword("target");
            await Htpasswd.WriteAsync(files.Combine("htpasswd"), ("pusher", targetPassword));
            await using SecureRegistry target = await SecureRegistry.StartAsync(new SecureRegistryOptions { Tls = pki, HtpasswdFile = files.Combine("htpasswd"), SeedCorpus = false });
            var tags = CorpusSeed.Corpus.Tags;
            string bundle = files.Combine("bundle");

            CliResult export = await SecureFlow.ExportAsync(source.Host, bundle, tags, sourcePassword + "\n", "--ca-file", pki.CaFile, "-u", "mirror", "--password-stdin", "--json");

            Assert.True(export.ExitCode == 0, export.ToString());
            Assert.Equal(tags.Count, export.JsonLines.Count);
            SecureFlow.AssertBundle(bundle, tags);
            var expected = new[] { "index.json", "oci-layout" }.Concat(CorpusSeed.Corpus.AllDigests.Select(d => "blobs/sha256/" + d.Substring(7))).OrderBy(f => f, System.StringComparer.Ordinal);
            Assert.Equal(expected, BundleInspector.Files(bundle));

            CliResult import = await CliRunner.RunWithInputAsync(targetPassword + "\n", "import", bundle, "--to", target.Host, "--ca-file", pki.CaFile, "-u", "pusher", "--password-stdin", "--json");

            Assert.True(import.ExitCode == 0, import.ToString());
            foreach (CorpusTag tag in tags)
            {
                string? digest = await SecureProbe.ManifestDigestAsync(target, SecureProbe.Basic("pusher", targetPassword), tag.Repository, tag.Tag);
                Assert.True(digest == tag.Digest, $"{tag}: target has {digest ?? "nothing"}, expected {tag.Digest}");
            }

            CliResult again = await CliRunner.RunWithInputAsync(targetPassword + "\n", "import", bundle, "--to", target.Host, "--ca-file", pki.CaFile, "-u", "pusher", "--password-stdin", "--json");
            Assert.True(again.ExitCode == 0, again.ToString());
            Assert.All(again.JsonLines, j => Assert.Equal(0, j.GetProperty("bytesCopied").GetInt64()));
        }
    }
}
