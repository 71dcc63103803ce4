using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using OciMirror.Integration.Tests.Corpus;
using OciMirror.Integration.Tests.Infrastructure;
using Xunit;

namespace OciMirror.Integration.Tests.Bundles
{
    /// <summary>
    /// <c>ocimirror ls</c> and <c>ocimirror verify</c> on good and damaged bundles of each format: a flipped
    /// byte in a blob (directory, tar), a deleted blob (each format), a truncated tgz. Verification reports
    /// exactly the bad blobs and exits 0 valid / 1 damaged / 2 unusable.
    /// </summary>
    [Collection(RegistryCollection.Name)]
    public sealed class ListAndVerifyTests
    {
        private readonly CorpusFixture _fixture;

        public ListAndVerifyTests(CorpusFixture fixture)
        {
            _fixture = fixture;
        }

        private TestCorpus Corpus => _fixture.Corpus;

        private CorpusTag Victim => Corpus.Tag(CorpusBuilder.Beta, "v1");

        private CorpusTag[] Tags => new[] { Corpus.Tag(CorpusBuilder.Alpha, "oci-1"), Victim, Corpus.Tag(CorpusBuilder.Alpha, "multi") };

        /// <summary>The largest blob only the victim has.</summary>
        private string VictimBlob => Corpus.ClosureOf(Victim).Except(Tags.Where(t => t != Victim).SelectMany(Corpus.ClosureOf)).Intersect(Corpus.BlobDigests)
            .OrderByDescending(d => Corpus.Content(d).Size).First();

        [Theory]
        [InlineData("bundle")]
        [InlineData("bundle.tar")]
        [InlineData("bundle.tgz")]
        public async Task GoodBundle_ListsEveryEntry_AndVerifies(string name)
        {
            using var temp = new TempDirectory();
            string bundle = await ExportAsync(temp, name);

            CliResult json = await CliRunner.RunAsync("ls", bundle, "--json");
            CliResult table = await CliRunner.RunAsync("ls", bundle);
            CliResult verify = await CliRunner.RunAsync("verify", bundle);
            CliResult verifyJson = await CliRunner.RunAsync("verify", bundle, "--json");

            Assert.True(json.ExitCode == 0, json.ToString());
            Assert.Equal(Tags.Length, json.JsonLines.Count);
            foreach (CorpusTag tag in Tags)
            {
                string full = tag.ReferenceAt(_fixture.Registry.Host);
                JsonElement entry = json.JsonLines.Single(j => j.GetProperty("reference").GetString() == full);
                Assert.Equal(tag.Digest, entry.GetProperty("digest").GetString());
                Assert.Equal(full, entry.GetProperty("fullName").GetString());
                Assert.Equal(tag.Tag, entry.GetProperty("tag").GetString());
                Assert.Equal(Corpus.ClosureOf(tag).Sum(d => Corpus.Content(d).Size), entry.GetProperty("size").GetInt64());
                Assert.Contains(full, table.StdOut);
            }

            JsonElement multi = json.JsonLines.Single(j => j.GetProperty("tag").GetString() == "multi");
            Assert.Equal(new[] { "linux/amd64", "linux/arm64" }, multi.GetProperty("platforms").EnumerateArray().Select(p => p.GetString()).OrderBy(p => p));
            Assert.True(table.ExitCode == 0, table.ToString());
            Assert.StartsWith("REFERENCE", table.StdOut);
            Assert.True(verify.ExitCode == 0, verify.ToString());
            Assert.Equal(Tags.Length, verify.StdOut.Split('\n').Count(l => l.StartsWith("ok ")));
            Assert.DoesNotContain("bad-blob", verify.StdOut);
            Assert.True(verifyJson.ExitCode == 0, verifyJson.ToString());
            JsonElement report = Assert.Single(verifyJson.JsonLines);
            Assert.True(report.GetProperty("valid").GetBoolean());
            Assert.Equal(0, report.GetProperty("badBlobs").GetArrayLength());
            Assert.Equal(Tags.SelectMany(Corpus.ClosureOf).Distinct().Count(), report.GetProperty("blobsChecked").GetInt32());
        }

        [Theory]
        [InlineData("bundle")]
        [InlineData("bundle.tar")]
        public async Task FlippedByteInABlob_ReportsExactlyThatBlob_Exit1(string name)
        {
            using var temp = new TempDirectory();
            string bundle = await ExportAsync(temp, name);
            string entry = "blobs/sha256/" + VictimBlob.Substring(7);
            if (Directory.Exists(bundle))
            {
                string file = Path.Combine(bundle, entry);
                byte[] bytes = File.ReadAllBytes(file);
                bytes[bytes.Length / 2] ^= 0x5A;
                File.WriteAllBytes(file, bytes);
            }
            else
            {
                ArchiveEditor.FlipByteInTarEntry(bundle, entry);
            }

            await AssertDamagedAsync(bundle, "DigestMismatch");
        }

        [Theory]
        [InlineData("bundle")]
        [InlineData("bundle.tar")]
        [InlineData("bundle.tgz")]
        public async Task DeletedBlob_ReportsExactlyThatBlobAsMissing_Exit1(string name)
        {
            using var temp = new TempDirectory();
            string bundle = await ExportAsync(temp, name);
            string entry = "blobs/sha256/" + VictimBlob.Substring(7);
            if (Directory.Exists(bundle))
            {
                File.Delete(Path.Combine(bundle, entry));
            }
            else
            {
                string extracted = await ArchiveInspector.ExtractAsync(bundle, temp);
                ArchiveEditor.WriteArchive(extracted, bundle, gzip: name.EndsWith(".tgz"), skip: new HashSet<string> { entry });
            }

            await AssertDamagedAsync(bundle, "Missing");
        }

        [Fact]
        public async Task TruncatedTgz_IsDamaged_Exit1()
        {
            using var temp = new TempDirectory();
            string bundle = await ExportAsync(temp, "bundle.tgz");
            ArchiveEditor.Truncate(bundle, 0.6);

            CliResult verify = await CliRunner.RunAsync("verify", bundle, "--json");

            Assert.True(verify.ExitCode == 1, verify.ToString());
            JsonElement report = Assert.Single(verify.JsonLines);
            Assert.False(report.GetProperty("valid").GetBoolean());
            Assert.True(report.GetProperty("layoutProblems").GetArrayLength() + report.GetProperty("badBlobs").GetArrayLength() > 0, verify.ToString());
            Assert.Contains("DAMAGED", verify.StdErr);
        }

        [Fact]
        public async Task BundleOnStdin_ListsAndVerifies()
        {
            using var temp = new TempDirectory();
            string tgz = await ExportAsync(temp, "bundle.tgz");
            string tar = await ExportAsync(temp, "bundle.tar");

            CliResult ls = await BundleCli.RunWithStdinFileAsync(tar, "ls", "-", "--json");
            CliResult verify = await BundleCli.RunWithStdinFileAsync(tgz, "verify", "-");

            Assert.True(ls.ExitCode == 0, ls.ToString());
            Assert.Equal(Tags.Select(t => t.Digest).OrderBy(d => d), ls.JsonLines.Select(j => j.GetProperty("digest").GetString()).OrderBy(d => d));
            Assert.True(verify.ExitCode == 0, verify.ToString());
            Assert.Equal(Tags.Length, verify.StdOut.Split('\n').Count(l => l.StartsWith("ok ")));
        }

        [Fact]
        public async Task UnusablePaths_Exit2_NamingThePath()
        {
            using var temp = new TempDirectory();
            string missing = temp.Combine("no-such-bundle.tar");
            string text = temp.Combine("notes.txt");
            await File.WriteAllTextAsync(text, "not a bundle at all, just text that is long enough to not be a tar header");

            foreach (string verb in new[] { "verify", "ls" })
            {
                foreach (string path in new[] { missing, text })
                {
                    CliResult r = await CliRunner.RunAsync(verb, path);
                    Assert.True(r.ExitCode == 2, r.ToString());
                    Assert.Contains(path, r.StdErr);
                    Assert.Empty(r.StdOut);
                }
            }
        }

        private async Task AssertDamagedAsync(string bundle, string kind)
        {
            string victimBlob = VictimBlob;
            CliResult verify = await CliRunner.RunAsync("verify", bundle);
            CliResult json = await CliRunner.RunAsync("verify", bundle, "--json");

            Assert.True(verify.ExitCode == 1, verify.ToString());
            Assert.Contains("bad-blob " + victimBlob, verify.StdOut);
            Assert.Contains("DAMAGED", verify.StdErr);
            Assert.True(json.ExitCode == 1, json.ToString());
            JsonElement report = Assert.Single(json.JsonLines);
            Assert.False(report.GetProperty("valid").GetBoolean());
            JsonElement bad = Assert.Single(report.GetProperty("badBlobs").EnumerateArray());
            Assert.Equal(victimBlob, bad.GetProperty("digest").GetString());
            Assert.Equal(kind, bad.GetProperty("kind").GetString());
            foreach (JsonElement artifact in report.GetProperty("artifacts").EnumerateArray())
            {
                bool isVictim = artifact.GetProperty("digest").GetString() == Victim.Digest;
                Assert.True(artifact.GetProperty("valid").GetBoolean() != isVictim, json.ToString());
                Assert.Equal(isVictim ? new[] { victimBlob } : new string[0], artifact.GetProperty("badBlobs").EnumerateArray().Select(d => d.GetString()!).ToArray());
            }
        }

        private async Task<string> ExportAsync(TempDirectory temp, string name)
        {
            string bundle = temp.Combine(name);
            CliResult export = await CliRunner.RunAsync(new[] { "export", "-o", bundle, "--plain-http" }.Concat(Tags.Select(t => t.ReferenceAt(_fixture.Registry.Host))).ToArray());
            Assert.True(export.ExitCode == 0, export.ToString());
            Assert.True(name.EndsWith(".tar") || name.EndsWith(".tgz") ? File.Exists(bundle) : Directory.Exists(bundle), "the export did not write a " + (Path.HasExtension(name) ? "file" : "directory") + ": " + bundle);
            return bundle;
        }
    }
}
