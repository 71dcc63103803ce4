using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using OciMirror.Integration.Tests.Corpus;
using OciMirror.Integration.Tests.Infrastructure;
using Xunit;

namespace OciMirror.Integration.Tests
{
    /// <summary>
    /// Registry A → one bundle → registry B through the real CLI, with a recording proxy in front of A
    /// that counts blob downloads.
    /// </summary>
    [Collection(RegistryCollection.Name)]
    public sealed class RoundTripTests
    {
        private readonly CorpusFixture _fixture;

        public RoundTripTests(CorpusFixture fixture)
        {
            _fixture = fixture;
        }

        private TestCorpus Corpus => _fixture.Corpus;

        [Fact]
        public async Task Export_AllReferences_OneBundle_EveryBlobOnceAndNothingElse()
        {
            await using var proxy = new RecordingProxy(_fixture.Registry.BaseUri);
            using var bundle = new TempDirectory();
            string dir = bundle.Combine("bundle");
            string refs = "# every tag of the corpus\n\n" + string.Join("\n", Corpus.Tags.Select(t => "  " + t.ReferenceAt(proxy.Host) + "  ")) + "\n# end\n";

            CliResult r = await CliRunner.RunWithInputAsync(refs, "export", "--from-file", "-", "-o", dir, "--plain-http", "--json", "--verbose");

            Assert.True(r.ExitCode == 0, r.ToString());
            var results = r.JsonLines;
            Assert.Equal(Corpus.Tags.Count, results.Count);
            foreach (CorpusTag tag in Corpus.Tags)
            {
                JsonElement result = results.Single(j => j.GetProperty("input").GetString() == tag.ReferenceAt(proxy.Host));
                Assert.NotEqual("failed", result.GetProperty("status").GetString());
                Assert.Equal(tag.Digest, result.GetProperty("digest").GetString());
            }

            // Exactly oci-layout, index.json and one file per unique digest of the corpus.
            var expected = new List<string> { "index.json", "oci-layout" };
            expected.AddRange(Corpus.AllDigests.Select(d => "blobs/sha256/" + d.Substring(7)));
            Assert.Equal(expected.OrderBy(f => f, System.StringComparer.Ordinal), BundleInspector.Files(dir));
            Assert.Empty(BundleInspector.BlobProblems(dir));

            // Names: the full reference and the tag, for every tag.
            var entries = BundleInspector.IndexEntries(dir);
            foreach (CorpusTag tag in Corpus.Tags)
            {
                Assert.Contains(entries, e => e.Digest == tag.Digest
                    && e.Annotations.GetValueOrDefault("io.containerd.image.name") == tag.ReferenceAt(proxy.Host)
                    && e.Annotations.GetValueOrDefault("org.opencontainers.image.ref.name") == tag.Tag);
            }

            // Shared blobs (the base layer is in every image of three repositories) were downloaded once.
            // Seen on the wire (the proxy) and in the engine's own request log (--verbose).
            IReadOnlyList<string> gets = proxy.BlobGets;
            Assert.Equal(Corpus.BlobDigests.OrderBy(d => d), gets.OrderBy(d => d));
            Assert.Equal(Corpus.BlobDigests.OrderBy(d => d), r.LoggedBlobGets.OrderBy(d => d));
        }

        [Fact]
        public async Task Export_Again_IntoTheSameBundle_DownloadsNothing()
        {
            await using var proxy = new RecordingProxy(_fixture.Registry.BaseUri);
            using var bundle = new TempDirectory();
            string dir = bundle.Combine("bundle");
            string[] refs = Corpus.Tags.Select(t => t.ReferenceAt(proxy.Host)).ToArray();
            CliResult first = await CliRunner.RunAsync(new[] { "export", "-o", dir, "--plain-http" }.Concat(refs).ToArray());
            Assert.True(first.ExitCode == 0, first.ToString());
            var filesBefore = BundleInspector.Files(dir);
            proxy.ClearRequests();

            CliResult second = await CliRunner.RunAsync(new[] { "export", "-o", dir, "--plain-http", "--json", "--debug" }.Concat(refs).ToArray());

            Assert.True(second.ExitCode == 0, second.ToString());
            Assert.Empty(proxy.BlobGets);
            Assert.Empty(second.LoggedBlobGets);
            Assert.Contains("verbose: ", second.StdErr); // the request log was on, so the empty list means something
            Assert.DoesNotContain(proxy.Requests, q => q.Method != "GET" && q.Method != "HEAD");
            var results = second.JsonLines;
            Assert.Equal(refs.Length, results.Count);
            Assert.All(results, j =>
            {
                Assert.Equal("skipped", j.GetProperty("status").GetString());
                Assert.Equal(0, j.GetProperty("bytesCopied").GetInt64());
                Assert.Equal(0, j.GetProperty("nodesCopied").GetInt32());
            });
            Assert.Equal(filesBefore, BundleInspector.Files(dir));
            Assert.Empty(BundleInspector.BlobProblems(dir));
        }

        [Fact]
        public async Task ExportThenImport_IntoRegistryB_EveryTagHasTheSameDigest()
        {
            await using RegistryInstance b = await RegistryInstance.StartAsync();
            using var bundle = new TempDirectory();
            string dir = bundle.Combine("bundle");
            string a = _fixture.Registry.Host;
            CliResult export = await CliRunner.RunAsync(new[] { "export", "-o", dir, "--plain-http" }.Concat(Corpus.Tags.Select(t => t.ReferenceAt(a))).ToArray());
            Assert.True(export.ExitCode == 0, export.ToString());
            Assert.Equal(Corpus.Tags.Count, export.StdOut.Split('\n', System.StringSplitOptions.RemoveEmptyEntries).Length);

            CliResult import = await CliRunner.RunAsync("import", dir, "--to", b.Host, "--plain-http", "--json");

            Assert.True(import.ExitCode == 0, import.ToString());
            Assert.Equal(Corpus.Tags.Count, import.JsonLines.Count);
            foreach (CorpusTag tag in Corpus.Tags)
            {
                string? inA = await RegistryProbe.ManifestDigestAsync(a, tag.Repository, tag.Tag);
                string? inB = await RegistryProbe.ManifestDigestAsync(b.Host, tag.Repository, tag.Tag);
                Assert.Equal(tag.Digest, inA);
                Assert.True(inB == inA, $"{tag}: B has {inB ?? "nothing"}, A has {inA}\n{import}");
                Assert.Contains(import.JsonLines, j => j.GetProperty("destination").GetString() == tag.ReferenceAt(b.Host) && j.GetProperty("digest").GetString() == tag.Digest);
            }

            // Importing again changes nothing and says so.
            CliResult again = await CliRunner.RunAsync("import", dir, "--to", b.Host, "--plain-http", "--json");
            Assert.True(again.ExitCode == 0, again.ToString());
            Assert.All(again.JsonLines, j => Assert.Equal(0, j.GetProperty("bytesCopied").GetInt64()));
        }

        [Fact]
        public async Task Import_WithPrefixAndRef_OnlyThatEntryUnderThePrefix()
        {
            await using RegistryInstance b = await RegistryInstance.StartAsync();
            using var bundle = new TempDirectory();
            string dir = bundle.Combine("bundle");
            string a = _fixture.Registry.Host;
            CorpusTag multi = Corpus.Tag(CorpusBuilder.Alpha, "multi");
            CorpusTag thing = Corpus.Tag(CorpusBuilder.Gamma, "thing");
            CliResult export = await CliRunner.RunAsync("export", "-o", dir, "--plain-http", multi.ReferenceAt(a), thing.ReferenceAt(a));
            Assert.True(export.ExitCode == 0, export.ToString());

            CliResult import = await CliRunner.RunAsync("import", dir, "--to", b.Host + "/mirror", "--ref", multi.ReferenceAt(a), "--plain-http");

            Assert.True(import.ExitCode == 0, import.ToString());
            Assert.Equal(multi.Digest, await RegistryProbe.ManifestDigestAsync(b.Host, "mirror/" + multi.Repository, multi.Tag));
            Assert.Empty(await RegistryProbe.TagsAsync(b.Host, "mirror/" + thing.Repository));
            Assert.Empty(await RegistryProbe.TagsAsync(b.Host, thing.Repository));
        }
    }
}
