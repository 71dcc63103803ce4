using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using OciMirror.Integration.Tests.Corpus;
using OciMirror.Integration.Tests.Infrastructure;
using OciMirror.Integration.Tests.Infrastructure.Security;
using Xunit;

namespace OciMirror.Integration.Tests.Mirror
{
    /// <summary>
    /// <c>ocimirror copy</c> registry → registry: the whole corpus from the plain registry A into an empty HTTPS +
    /// htpasswd registry, each side with its own flags, no disk in between; a recording proxy in front of A counts
    /// blob reads, a wire proxy in front of the target counts cross-repository mounts.
    /// </summary>
    [Collection(RegistryCollection.Name)]
    public sealed class CopyTests
    {
        private readonly CorpusFixture _fixture;

        public CopyTests(CorpusFixture fixture)
        {
            _fixture = fixture;
        }

        private TestCorpus Corpus => _fixture.Corpus;

        [Fact]
        public async Task EveryCorpusReference_PlainToHttpsAuth_EachBlobReadOnce_SharedBlobsMounted_ReRunCopiesNothing()
        {
            await using var proxy = new RecordingProxy(_fixture.Registry.BaseUri);
            using var files = new TempDirectory("ocimirror-copy");
            TestPki pki = TestPki.Create(files.Combine("pki"));
            string password = TestSecrets.NewPassword("pusher");
            await Htpasswd.WriteAsync(files.Combine("htpasswd"), ("pusher", password));
            await using SecureRegistry target = await SecureRegistry.StartAsync(new SecureRegistryOptions { Tls = pki, HtpasswdFile = files.Combine("htpasswd"), SeedCorpus = false });
            await using WireProxy wire = await WireProxy.StartAsync(target);

            // skopeo's --dest-cert-dir shape: the CA file directly in the folder, whatever the host.
            string certDir = Directory.CreateDirectory(files.Combine("dest-certs")).FullName;
            File.Copy(pki.CaFile, Path.Combine(certDir, "ca.crt"));
            var args = new[] { "copy", "--to", wire.Host, "--src-plain-http", "--dest-username", "pusher", "--dest-password-stdin", "--dest-cert-dir", certDir, "--json" }
                .Concat(Corpus.Tags.Select(t => t.ReferenceAt(proxy.Host))).ToArray();

            CliResult first = await CliRunner.RunWithInputAsync(password + "\n", args);

            Assert.True(first.ExitCode == 0, first.ToString());
            Assert.Equal(Corpus.Tags.Count, first.JsonLines.Count);
            foreach (CorpusTag tag in Corpus.Tags)
            {
                Assert.Equal(tag.Digest, await SecureProbe.ManifestDigestAsync(target, SecureProbe.Basic("pusher", password), tag.Repository, tag.Tag));
            }

            Assert.Equal(Corpus.BlobDigests.OrderBy(d => d), proxy.BlobGets.OrderBy(d => d));
            Assert.Equal(ExpectedMounts(), wire.Records.Count(r => r.Method == "POST" && r.PathAndQuery.Contains("mount=") && r.Status == 201));
            Assert.DoesNotContain(password, first.StdOut + first.StdErr);

            proxy.ClearRequests();
            wire.Clear();
            CliResult again = await CliRunner.RunWithInputAsync(password + "\n", args);

            Assert.True(again.ExitCode == 0, again.ToString());
            Assert.All(again.JsonLines, j => Assert.Equal("skipped", j.GetProperty("status").GetString()));
            Assert.Empty(proxy.BlobGets);
            Assert.DoesNotContain(wire.Records, r => r.Method != "GET" && r.Method != "HEAD");
        }

        [Fact]
        public async Task HttpsAuthToHttpsAuth_EachSideUsesOnlyItsOwnCredentialsAndTrust()
        {
            using var files = new TempDirectory("ocimirror-copy-sides");
            TestPki sourcePki = TestPki.Create(files.Combine("source-pki"));
            TestPki targetPki = TestPki.Create(files.Combine("target-pki"));
            string alice = TestSecrets.NewPassword("alice"), bob = TestSecrets.NewPassword("bob");
            await Htpasswd.WriteAsync(files.Combine("source.htpasswd"), ("alice", alice));
            await Htpasswd.WriteAsync(files.Combine("target.htpasswd"), ("bob", bob));
            await using SecureRegistry source = await SecureRegistry.StartAsync(new SecureRegistryOptions { Tls = sourcePki, HtpasswdFile = files.Combine("source.htpasswd") });
            await using WireProxy sourceWire = await WireProxy.StartAsync(source);
            await using SecureRegistry target = await SecureRegistry.StartAsync(new SecureRegistryOptions { Tls = targetPki, HtpasswdFile = files.Combine("target.htpasswd"), SeedCorpus = false });
            string certsD = targetPki.WriteCertsD(files.Combine("certs.d"), target.Host, withCa: true, withClientPair: false);
            // A multi-platform index, a Docker manifest list and an artifact: every kind of root, fewer bcrypt checks.
            var tags = CorpusSeed.Corpus.Tags.Where(t => t.Tag == "multi" || t.Tag == "list" || t.Tag == "thing").ToList();
            var references = tags.Select(t => t.ReferenceAt(sourceWire.Host));

            CliResult r = await CliRunner.RunWithInputAsync(bob + "\n", new[]
            {
                "copy", "--to", target.Host + "/mirror", "--src-creds", "alice:" + alice, "--src-ca-file", sourcePki.CaFile,
                "--dest-username", "bob", "--dest-password-stdin", "--dest-cert-dir", certsD,
            }.Concat(references).ToArray());

            Assert.True(r.ExitCode == 0, r.ToString());
            Assert.Equal(3, tags.Count);
            foreach (CorpusTag tag in tags)
            {
                Assert.Equal(tag.Digest, await SecureProbe.ManifestDigestAsync(target, SecureProbe.Basic("bob", bob), "mirror/" + tag.Repository, tag.Tag));
            }

            var sent = sourceWire.Records.Where(w => w.Credentials != null).Select(w => Encoding.UTF8.GetString(System.Convert.FromBase64String(w.Credentials!))).Distinct().ToList();
            Assert.Equal(new[] { "alice:" + alice }, sent);
        }

        [Fact]
        public async Task OneReference_Renamed_AndADryRunWritesNothing()
        {
            await using RegistryInstance target = await RegistryInstance.StartAsync();
            CorpusTag v2 = Corpus.Tag(CorpusBuilder.Beta, "v2");
            string source = v2.ReferenceAt(_fixture.Registry.Host);

            CliResult plan = await CliRunner.RunAsync("copy", source, target.Host + "/prod/beta:stable", "--dry-run");
            Assert.True(plan.ExitCode == 0, plan.ToString());
            Assert.Empty(await RegistryProbe.CatalogAsync(target.Host));
            Assert.Contains($"would-copy {target.Host}/prod/beta:stable  {v2.Digest}  Copy ", plan.StdOut);

            CliResult r = await CliRunner.RunAsync("copy", source, target.Host + "/prod/beta:stable");

            Assert.True(r.ExitCode == 0, r.ToString());
            Assert.Equal(v2.Digest, await RegistryProbe.ManifestDigestAsync(target.Host, "prod/beta", "stable"));
            Assert.Equal(new[] { "prod/beta" }, await RegistryProbe.CatalogAsync(target.Host));
        }

        [Fact]
        public async Task OnePlatform_OfTheCorpusIndex_CopyFlagAndSyncFileKey_TakeThatChildManifest()
        {
            await using RegistryInstance target = await RegistryInstance.StartAsync();
            using var files = new TempDirectory("ocimirror-copy-platform");
            string a = _fixture.Registry.Host;
            CorpusTag multi = Corpus.Tag(CorpusBuilder.Alpha, "multi");
            using var index = System.Text.Json.JsonDocument.Parse(Corpus.Content(multi.Digest).Bytes);
            string arm64 = index.RootElement.GetProperty("manifests").EnumerateArray()
                .Single(m => m.GetProperty("platform").GetProperty("architecture").GetString() == "arm64").GetProperty("digest").GetString()!;
            string yaml = files.Combine("sync.yaml");
            await File.WriteAllTextAsync(yaml, $"{a}:\n  repositories:\n    {CorpusBuilder.Alpha}:\n      tags: [multi]\n      platforms: [linux/arm64]\n");

            CliResult copy = await CliRunner.RunAsync("copy", multi.ReferenceAt(a), "--to", target.Host + "/copied", "--platform", "linux/arm64", "--json");
            CliResult sync = await CliRunner.RunAsync("sync", "--src", yaml, "--to", target.Host + "/synced");

            Assert.True(copy.ExitCode == 0, copy.ToString());
            Assert.True(sync.ExitCode == 0, sync.ToString());
            Assert.Equal(multi.Digest, copy.JsonLines.Single().GetProperty("resolvedDigest").GetString());
            Assert.Equal(arm64, await RegistryProbe.ManifestDigestAsync(target.Host, "copied/" + CorpusBuilder.Alpha, "multi"));
            Assert.Equal(arm64, await RegistryProbe.ManifestDigestAsync(target.Host, "synced/" + CorpusBuilder.Alpha, "multi"));
        }

        /// <summary>A blob in N repositories of the corpus is uploaded once and mounted into the N - 1 others.</summary>
        private int ExpectedMounts()
        {
            var repositories = new Dictionary<string, HashSet<string>>();
            foreach (CorpusTag tag in Corpus.Tags)
            {
                foreach (string digest in Corpus.ClosureOf(tag).Where(Corpus.BlobDigests.Contains))
                {
                    (repositories.TryGetValue(digest, out var set) ? set : repositories[digest] = new HashSet<string>()).Add(tag.Repository);
                }
            }

            return repositories.Values.Sum(r => r.Count - 1);
        }
    }
}
