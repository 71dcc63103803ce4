using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using OciMirror.Integration.Tests.Corpus;
using OciMirror.Integration.Tests.Infrastructure;
using Xunit;

namespace OciMirror.Integration.Tests
{
    /// <summary>
    /// Bad input: each failure names the reference or path, says what to do, and leaves nothing partial
    /// under blobs/ (every blob file is complete and verified; no ingest leftovers).
    /// </summary>
    [Collection(RegistryCollection.Name)]
    public sealed class BadInputTests
    {
        private readonly CorpusFixture _fixture;

        public BadInputTests(CorpusFixture fixture)
        {
            _fixture = fixture;
        }

        private string A => _fixture.Registry.Host;

        [Fact]
        public async Task Export_MalformedReferenceInABatch_IsReportedAndTheOthersExport()
        {
            using var bundle = new TempDirectory();
            string dir = bundle.Combine("bundle");
            CorpusTag oci1 = _fixture.Corpus.Tag(CorpusBuilder.Alpha, "oci-1");
            CorpusTag v1 = _fixture.Corpus.Tag(CorpusBuilder.Beta, "v1");
            const string bad = "corpus/UPPER::case";

            CliResult r = await CliRunner.RunAsync("export", "-o", dir, "--plain-http", "--json", oci1.ReferenceAt(A), bad, v1.ReferenceAt(A));

            Assert.True(r.ExitCode == 1, r.ToString());
            Assert.Contains(bad, r.StdErr);
            JsonElement failed = Single(r, bad);
            Assert.Equal("failed", failed.GetProperty("status").GetString());
            Assert.Equal("InvalidReference", failed.GetProperty("error").GetProperty("kind").GetString());
            Assert.Equal("copied", Single(r, oci1.ReferenceAt(A)).GetProperty("status").GetString());
            Assert.Equal("copied", Single(r, v1.ReferenceAt(A)).GetProperty("status").GetString());
            Assert.Equal(new[] { oci1.ReferenceAt(A), v1.ReferenceAt(A) }.OrderBy(s => s), BundleInspector.ImageNames(dir).OrderBy(s => s));
            AssertOnlyCompleteLayoutFiles(dir);
        }

        [Fact]
        public async Task Export_UnknownTag_FailsNamingTheReference()
        {
            using var bundle = new TempDirectory();
            string dir = bundle.Combine("bundle");
            string missing = A + "/" + CorpusBuilder.Alpha + ":does-not-exist";

            CliResult r = await CliRunner.RunAsync("export", "-o", dir, "--plain-http", "--json", missing);

            Assert.True(r.ExitCode == 1, r.ToString());
            Assert.Contains(missing, r.StdErr);
            Assert.Equal("NotFound", Single(r, missing).GetProperty("error").GetProperty("kind").GetString());
            AssertOnlyCompleteLayoutFiles(dir);
            Assert.Empty(BundleInspector.BlobDigests(dir));
        }

        [Fact]
        public async Task Export_UnreachableRegistry_FailsNamingTheReference()
        {
            using var bundle = new TempDirectory();
            string dir = bundle.Combine("bundle");
            string unreachable = "127.0.0.1:" + FreePort.Next() + "/nobody/home:1";

            CliResult r = await CliRunner.RunAsync("export", "-o", dir, "--plain-http", "--json", unreachable);

            Assert.True(r.ExitCode == 1, r.ToString());
            Assert.Contains(unreachable, r.StdErr);
            Assert.Equal("ConnectionFailed", Single(r, unreachable).GetProperty("error").GetProperty("kind").GetString());
            AssertOnlyCompleteLayoutFiles(dir);
            Assert.Empty(BundleInspector.BlobDigests(dir));
        }

        [Fact]
        public async Task Export_OutputIsAnExistingFile_ExitsWith2NamingThePath()
        {
            using var temp = new TempDirectory();
            string file = temp.Combine("i-am-a-file");
            await File.WriteAllTextAsync(file, "keep me");
            CorpusTag oci1 = _fixture.Corpus.Tag(CorpusBuilder.Alpha, "oci-1");

            CliResult r = await CliRunner.RunAsync("export", "-o", file, "--plain-http", oci1.ReferenceAt(A));

            Assert.True(r.ExitCode == 2, r.ToString());
            Assert.Contains(file, r.StdErr);
            Assert.Equal("keep me", await File.ReadAllTextAsync(file));
            Assert.Equal(new[] { "i-am-a-file" }, BundleInspector.Files(temp.Path));
        }

        [Fact]
        public async Task Import_PathIsNotAnOciLayout_ExitsWith2NamingThePath()
        {
            using var temp = new TempDirectory();
            await File.WriteAllTextAsync(temp.Combine("notes.txt"), "not a layout");

            CliResult r = await CliRunner.RunAsync("import", temp.Path, "--to", "127.0.0.1:" + FreePort.Next(), "--plain-http");

            Assert.True(r.ExitCode == 2, r.ToString());
            Assert.Contains(temp.Path, r.StdErr);
            Assert.Equal(new[] { "notes.txt" }, BundleInspector.Files(temp.Path));
        }

        [Fact]
        public async Task Import_MissingPath_ExitsWith2NamingThePath()
        {
            using var temp = new TempDirectory();
            string missing = temp.Combine("no-bundle-here");

            CliResult r = await CliRunner.RunAsync("import", missing, "--to", "127.0.0.1:" + FreePort.Next(), "--plain-http");

            Assert.True(r.ExitCode == 2, r.ToString());
            Assert.Contains(missing, r.StdErr);
            Assert.False(Directory.Exists(missing));
        }

        [Fact]
        public async Task Import_InvalidDestination_ExitsWith2NamingIt()
        {
            using var temp = new TempDirectory();
            await File.WriteAllTextAsync(temp.Combine("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
            await File.WriteAllTextAsync(temp.Combine("index.json"), "{\"schemaVersion\":2,\"manifests\":[]}");

            CliResult r = await CliRunner.RunAsync("import", temp.Path, "--to", "https://Not A Host/x", "--plain-http");

            Assert.True(r.ExitCode == 2, r.ToString());
            Assert.Contains("Not A Host", r.StdErr);
        }

        [Fact]
        public async Task Export_CorruptedBlob_DigestMismatch_NothingWrittenForIt_OthersFine()
        {
            await using var proxy = new RecordingProxy(_fixture.Registry.BaseUri);
            using var bundle = new TempDirectory();
            string dir = bundle.Combine("bundle");
            TestCorpus corpus = _fixture.Corpus;
            CorpusTag victim = corpus.Tag(CorpusBuilder.Beta, "v1");
            CorpusTag healthy = corpus.Tag(CorpusBuilder.Alpha, "oci-1");
            // The largest blob (a layer) only the victim has, so the healthy reference never needs it.
            string corrupt = corpus.ClosureOf(victim).Except(corpus.ClosureOf(healthy)).Intersect(corpus.BlobDigests)
                .OrderByDescending(d => corpus.Content(d).Size).First();
            proxy.CorruptBlobDigest = corrupt;

            CliResult r = await CliRunner.RunAsync("export", "-o", dir, "--plain-http", "--json", "--concurrency", "2", victim.ReferenceAt(proxy.Host), healthy.ReferenceAt(proxy.Host));

            Assert.True(r.ExitCode == 1, r.ToString());
            Assert.Contains(victim.ReferenceAt(proxy.Host), r.StdErr);
            JsonElement failed = Single(r, victim.ReferenceAt(proxy.Host));
            Assert.Equal("failed", failed.GetProperty("status").GetString());
            Assert.Equal("DigestMismatch", failed.GetProperty("error").GetProperty("kind").GetString());
            Assert.Equal("copied", Single(r, healthy.ReferenceAt(proxy.Host)).GetProperty("status").GetString());
            Assert.DoesNotContain(corrupt, BundleInspector.BlobDigests(dir));
            Assert.DoesNotContain(BundleInspector.IndexEntries(dir), e => e.Digest == victim.Digest);
            Assert.Equal(new[] { healthy.ReferenceAt(proxy.Host) }, BundleInspector.ImageNames(dir));
            Assert.Contains(corrupt, proxy.BlobGets);
            AssertOnlyCompleteLayoutFiles(dir);
            foreach (string digest in corpus.ClosureOf(healthy))
            {
                Assert.Contains(digest, BundleInspector.BlobDigests(dir));
            }
        }

        private static JsonElement Single(CliResult r, string input)
        {
            var matches = r.JsonLines.Where(j => j.GetProperty("input").GetString() == input).ToList();
            Assert.True(matches.Count == 1, $"expected one JSON result for '{input}'\n{r}");
            return matches[0];
        }

        /// <summary>
        /// Only oci-layout, index.json and verified blobs/sha256 files; no ingest or temp leftovers anywhere.
        /// A bundle directory that was never created (nothing to write) passes.
        /// </summary>
        private static void AssertOnlyCompleteLayoutFiles(string dir)
        {
            var files = BundleInspector.Files(dir);
            Assert.All(files, f => Assert.True(f == "oci-layout" || f == "index.json" || f.StartsWith("blobs/sha256/"), $"unexpected file {f} in the bundle"));
            Assert.Empty(BundleInspector.BlobProblems(dir));
        }
    }
}
