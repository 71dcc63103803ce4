using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using OciMirror.Integration.Tests.Bundles;
using OciMirror.Integration.Tests.Corpus;
using OciMirror.Integration.Tests.Infrastructure;
using OciMirror.Integration.Tests.Infrastructure.Security;
using Xunit;

namespace OciMirror.Integration.Tests.Security
{
    /// <summary>
    /// The three round trips of the earlier issues against registries as they are in production: the whole
    /// corpus from an HTTPS + token-auth registry (its token service also HTTPS, same private CA) into a
    /// bundle directory, a .tar, a .tgz, or through a stdout → stdin pipe, then into an empty HTTPS +
    /// htpasswd registry, trusted with --ca-file only; every tag keeps its digest.
    /// </summary>
    public sealed class SecureRoundTripTests
    {
        [Theory]
        [InlineData("bundle")]
        [InlineData("bundle.tar")]
        [InlineData("bundle.tgz")]
        public async Task TokenAuthRegistry_ToBundle_ToBasicAuthRegistry_IdenticalDigests(string bundleName)
        {
            await using var env = await SecurePair.StartAsync();
            var tags = CorpusSeed.Corpus.Tags;
            string bundle = env.Files.Combine(bundleName);

            CliResult export = await SecureFlow.ExportAsync(env.Source.Host, bundle, tags, env.SourcePassword + "\n", "--ca-file", env.Pki.CaFile, "-u", "mirror", "--password-stdin", "--json");

            Assert.True(export.ExitCode == 0, export.ToString());
            Assert.Equal(tags.Count, export.JsonLines.Count);
            if (bundleName == "bundle")
            {
                SecureFlow.AssertBundle(bundle, tags);
                var expected = new[] { "index.json", "oci-layout" }.Concat(CorpusSeed.Corpus.AllDigests.Select(d => "blobs/sha256/" + d.Substring(7))).OrderBy(f => f, System.StringComparer.Ordinal);
                Assert.Equal(expected, BundleInspector.Files(bundle));
            }
            else
            {
                Assert.True(File.Exists(bundle), "the export wrote no archive file");
            }

            CliResult import = await CliRunner.RunWithInputAsync(env.TargetPassword + "\n", "import", bundle, "--to", env.Target.Host, "--ca-file", env.Pki.CaFile, "-u", "pusher", "--password-stdin", "--json");

            Assert.True(import.ExitCode == 0, import.ToString());
            await env.AssertTargetHasCorpusAsync();

            CliResult again = await CliRunner.RunWithInputAsync(env.TargetPassword + "\n", "import", bundle, "--to", env.Target.Host, "--ca-file", env.Pki.CaFile, "-u", "pusher", "--password-stdin", "--json");
            Assert.True(again.ExitCode == 0, again.ToString());
            Assert.All(again.JsonLines, j => Assert.Equal(0, j.GetProperty("bytesCopied").GetInt64()));
        }

        [Fact]
        public async Task TokenAuthRegistry_StdoutToStdin_ToBasicAuthRegistry_IdenticalDigests()
        {
            await using var env = await SecurePair.StartAsync();

            // Both processes read their credentials from auth files: stdin carries the archive.
            string sourceAuth = AuthFiles.Write(env.Files.Combine("source-auth.json"), new JsonObject { [env.Source.Host] = AuthFiles.AuthEntry("mirror", env.SourcePassword) });
            string targetAuth = AuthFiles.Write(env.Files.Combine("target-auth.json"), new JsonObject { [env.Target.Host] = AuthFiles.AuthEntry("pusher", env.TargetPassword) });
            var exportArgs = new[] { "export", "-o", "-", "--format", "tgz", "--ca-file", env.Pki.CaFile, "--authfile", sourceAuth }
                .Concat(CorpusSeed.Corpus.Tags.Select(t => t.ReferenceAt(env.Source.Host))).ToArray();
            string status = env.Files.Combine("status"), exportErr = env.Files.Combine("export.err"), importErr = env.Files.Combine("import.err");
            string script = CliProcess.Command(exportArgs) + " 2>" + CliProcess.Quote(exportErr)
                + " | " + CliProcess.Command("import", "-", "--to", env.Target.Host, "--ca-file", env.Pki.CaFile, "--authfile", targetAuth, "--json") + " >/dev/null 2>" + CliProcess.Quote(importErr)
                + "; echo \"${PIPESTATUS[0]} ${PIPESTATUS[1]}\" >" + CliProcess.Quote(status);

            var (_, output) = await CliProcess.BashAsync(env.Files.Path, script);

            string report = $"{output}\n--- export stderr ---\n{File.ReadAllText(exportErr)}\n--- import stderr ---\n{File.ReadAllText(importErr)}";
            Assert.True(File.ReadAllText(status).Trim() == "0 0", "exit codes (export import): " + File.ReadAllText(status) + "\n" + report);
            await env.AssertTargetHasCorpusAsync();
        }

        /// <summary>A token-auth HTTPS source seeded with the corpus and an empty htpasswd HTTPS target, one private CA.</summary>
        private sealed class SecurePair : System.IAsyncDisposable
        {
            private TokenIssuer? _issuer;

            public TempDirectory Files { get; } = new TempDirectory("ocimirror-secure-rt");

            public TestPki Pki { get; private set; } = null!;

            public SecureRegistry Source { get; private set; } = null!;

            public SecureRegistry Target { get; private set; } = null!;

            public string SourcePassword { get; } = TestSecrets.NewPassword("source");

            public string TargetPassword { get; } = TestSecrets.NewPassword("target");

            public static async Task<SecurePair> StartAsync()
            {
                var pair = new SecurePair();
                pair.Pki = TestPki.Create(pair.Files.Combine("pki"));
                pair._issuer = await TokenIssuer.StartAsync(pair.Pki.ServerCertificate);
                pair._issuer.AddUser("mirror", pair.SourcePassword);
                pair.Source = await SecureRegistry.StartAsync(new SecureRegistryOptions { Tls = pair.Pki, Token = pair._issuer.RegistrySettings(pair.Files.Combine("signer.pem")) });
                await Htpasswd.WriteAsync(pair.Files.Combine("htpasswd"), ("pusher", pair.TargetPassword));
                pair.Target = await SecureRegistry.StartAsync(new SecureRegistryOptions { Tls = pair.Pki, HtpasswdFile = pair.Files.Combine("htpasswd"), SeedCorpus = false });
                return pair;
            }

            public async Task AssertTargetHasCorpusAsync()
            {
                foreach (CorpusTag tag in CorpusSeed.Corpus.Tags)
                {
                    string? digest = await SecureProbe.ManifestDigestAsync(Target, SecureProbe.Basic("pusher", TargetPassword), tag.Repository, tag.Tag);
                    Assert.True(digest == tag.Digest, $"{tag}: target has {digest ?? "nothing"}, expected {tag.Digest}");
                }
            }

            public async ValueTask DisposeAsync()
            {
                if (Target != null)
                {
                    await Target.DisposeAsync();
                }

                if (Source != null)
                {
                    await Source.DisposeAsync();
                }

                if (_issuer != null)
                {
                    await _issuer.DisposeAsync();
                }

                Files.Dispose();
            }
        }
    }
}
