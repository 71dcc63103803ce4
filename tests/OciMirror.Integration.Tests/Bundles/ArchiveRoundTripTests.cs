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
    /// Registry A → .tar / .tgz / stdout → registry B through the CLI, with the blob-counting checks of the
    /// directory round trip: every unique blob fetched once, every blob exactly once in the archive,
    /// identical digests in B.
    /// </summary>
    [Collection(RegistryCollection.Name)]
    public sealed class ArchiveRoundTripTests
    {
        private readonly CorpusFixture _fixture;

        public ArchiveRoundTripTests(CorpusFixture fixture)
        {
            _fixture = fixture;
        }

        private TestCorpus Corpus => _fixture.Corpus;

        [Theory]
        [InlineData("bundle.tar", false)]
        [InlineData("bundle.tgz", true)]
        [InlineData("bundle.tar.gz", true)]
        public async Task RegistryToArchiveToRegistry_DigestsIdentical_EveryBlobOnce(string fileName, bool gzip)
        {
            await using var proxy = new RecordingProxy(_fixture.Registry.BaseUri);
            await using RegistryInstance b = await RegistryInstance.StartAsync();
            using var temp = new TempDirectory();
            string archive = temp.Combine(fileName);
            string[] refs = Corpus.Tags.Select(t => t.ReferenceAt(proxy.Host)).ToArray();

            CliResult export = await CliRunner.RunAsync(new[] { "export", "-o", archive, "--plain-http", "--json", "--verbose" }.Concat(refs).ToArray());

            Assert.True(export.ExitCode == 0, export.ToString());
            Assert.True(File.Exists(archive), "the export did not write a file: " + archive + "\n" + export);
            Assert.Equal(gzip, ArchiveInspector.IsGzip(archive));
            Assert.Equal(Corpus.Tags.Count, export.JsonLines.Count);
            Assert.All(export.JsonLines, j => Assert.Equal("copied", j.GetProperty("status").GetString()));
            Assert.Equal(Corpus.BlobDigests.OrderBy(d => d), proxy.BlobGets.OrderBy(d => d));
            Assert.Equal(Corpus.BlobDigests.OrderBy(d => d), export.LoggedBlobGets.OrderBy(d => d));
            await ArchiveInspector.AssertBundleEntriesAsync(archive, Corpus.AllDigests);
            if (gzip)
            {
                await ArchiveInspector.AssertGzipIntactAsync(archive);
            }

            string extracted = await ArchiveInspector.ExtractAsync(archive, temp);
            Assert.Empty(BundleInspector.BlobProblems(extracted));
            Assert.Equal(refs.OrderBy(r => r), BundleInspector.ImageNames(extracted).OrderBy(r => r));
            Assert.Equal(new[] { temp.Combine(fileName) }, Directory.EnumerateFileSystemEntries(temp.Path).Where(p => !Path.GetFileName(p).StartsWith("extracted-")).ToArray());

            CliResult import = await CliRunner.RunAsync("import", archive, "--to", b.Host, "--plain-http", "--json");

            Assert.True(import.ExitCode == 0, import.ToString());
            Assert.Equal(Corpus.Tags.Count, import.JsonLines.Count);
            await AssertEveryTagInAsync(b.Host, import.ToString());
        }

        [Fact]
        public async Task TgzImport_StagesBlobsInTheGivenStagingRepository()
        {
            await using RegistryInstance b = await RegistryInstance.StartAsync();
            using var temp = new TempDirectory();
            string archive = temp.Combine("bundle.tgz");
            CorpusTag tag = Corpus.Tags[0];
            CliResult export = await CliRunner.RunAsync("export", "-o", temp.Combine("bundle"), "--plain-http", tag.ReferenceAt(_fixture.Registry.Host));
            Assert.True(export.ExitCode == 0, export.ToString());

            // Packed by another tool: the entries do not say which repository each blob is for, so it is staged.
            using (var tgz = new System.IO.Compression.GZipStream(System.IO.File.Create(archive), System.IO.Compression.CompressionLevel.Fastest))
            {
                await System.Formats.Tar.TarFile.CreateFromDirectoryAsync(temp.Combine("bundle"), tgz, includeBaseDirectory: false);
            }

            CliResult import = await CliRunner.RunAsync("import", archive, "--to", b.Host, "--plain-http", "--staging-repo", "incoming/stage");

            Assert.True(import.ExitCode == 0, import.ToString());
            string blob = Corpus.ClosureOf(tag).First(d => d != tag.Digest);
            Assert.True(await BundleCli.HasBlobAsync(b.Host, "incoming/stage", blob), "the blob was not staged in incoming/stage");
            Assert.False(await BundleCli.HasBlobAsync(b.Host, "ocimirror-staging", blob), "the default staging repository was used");
            Assert.True(await BundleCli.HasBlobAsync(b.Host, tag.Repository, blob), "the blob did not reach " + tag.Repository);
        }

        [Fact]
        public async Task Format_OverridesTheExtension()
        {
            using var temp = new TempDirectory();
            CorpusTag oci1 = Corpus.Tag(CorpusBuilder.Alpha, "oci-1");
            string gz = temp.Combine("bundle.bin");
            string dir = temp.Combine("looks-like.tar");

            CliResult asTgz = await CliRunner.RunAsync("export", "-o", gz, "--format", "tgz", "--plain-http", oci1.ReferenceAt(_fixture.Registry.Host));
            CliResult asDir = await CliRunner.RunAsync("export", "-o", dir, "--format", "dir", "--plain-http", oci1.ReferenceAt(_fixture.Registry.Host));

            Assert.True(asTgz.ExitCode == 0, asTgz.ToString());
            Assert.True(File.Exists(gz), "--format tgz did not write a file: " + gz);
            Assert.True(ArchiveInspector.IsGzip(gz));
            await ArchiveInspector.AssertBundleEntriesAsync(gz, Corpus.ClosureOf(oci1));
            Assert.True(asDir.ExitCode == 0, asDir.ToString());
            Assert.True(Directory.Exists(dir));
            Assert.Empty(BundleInspector.BlobProblems(dir));
            Assert.Equal(Corpus.ClosureOf(oci1).OrderBy(d => d), BundleInspector.BlobDigests(dir).OrderBy(d => d));
        }

        [Theory]
        [InlineData("tar")]
        [InlineData("tgz")]
        public async Task StdoutToStdin_TwoProcessesInOnePipe_DigestsIdentical_EveryBlobFetchedOnce(string format)
        {
            await using var proxy = new RecordingProxy(_fixture.Registry.BaseUri);
            await using RegistryInstance b = await RegistryInstance.StartAsync();
            using var temp = new TempDirectory();
            var args = new List<string> { "export", "-o", "-", "--format", format, "--plain-http", "--json", "--verbose" };
            args.AddRange(Corpus.Tags.Select(t => t.ReferenceAt(proxy.Host)));
            string exportErr = temp.Combine("export.err"), importOut = temp.Combine("import.out"), importErr = temp.Combine("import.err"), status = temp.Combine("status");
            string script = CliProcess.Command(args.ToArray()) + " 2>" + CliProcess.Quote(exportErr)
                + " | " + CliProcess.Command("import", "-", "--to", b.Host, "--plain-http", "--json") + " >" + CliProcess.Quote(importOut) + " 2>" + CliProcess.Quote(importErr)
                + "; echo \"${PIPESTATUS[0]} ${PIPESTATUS[1]}\" >" + CliProcess.Quote(status);

            var (_, output) = await CliProcess.BashAsync(temp.Path, script);

            string report = $"{output}\n--- export stderr ---\n{Read(exportErr)}\n--- import stdout ---\n{Read(importOut)}\n--- import stderr ---\n{Read(importErr)}";
            Assert.True(File.Exists(status), report);
            Assert.True(File.ReadAllText(status).Trim() == "0 0", "exit codes (export import): " + File.ReadAllText(status) + "\n" + report);
            // Results of the export went to stderr (stdout carried the archive): one JSON line per tag.
            var exportResults = File.ReadAllLines(exportErr).Where(l => l.StartsWith("{")).Select(l => JsonDocument.Parse(l).RootElement).ToList();
            Assert.Equal(Corpus.Tags.Count, exportResults.Count);
            var importResults = File.ReadAllLines(importOut).Where(l => l.Trim().Length > 0).Select(l => JsonDocument.Parse(l).RootElement).ToList();
            Assert.Equal(Corpus.Tags.Count, importResults.Count);
            Assert.All(importResults, j => Assert.NotEqual("failed", j.GetProperty("status").GetString()));
            Assert.Equal(Corpus.BlobDigests.OrderBy(d => d), proxy.BlobGets.OrderBy(d => d));
            await AssertEveryTagInAsync(b.Host, report);
            // Nothing on disk: no bundle directory named '-', no spooled archive.
            Assert.Equal(new[] { "export.err", "import.err", "import.out", "status" }, Directory.EnumerateFileSystemEntries(temp.Path).Select(Path.GetFileName).OrderBy(n => n, System.StringComparer.Ordinal).ToArray());
        }

        [Theory]
        [InlineData("tar", false)]
        [InlineData("tgz", true)]
        public async Task ExportToStdout_StdoutCarriesOnlyTheArchive(string format, bool gzip)
        {
            using var temp = new TempDirectory();
            CorpusTag multi = Corpus.Tag(CorpusBuilder.Alpha, "multi");
            string archive = temp.Combine("out." + format), err = temp.Combine("err");

            var (code, output) = await CliProcess.BashAsync(temp.Path, CliProcess.Command("export", "-o", "-", "--format", format, "--plain-http", multi.ReferenceAt(_fixture.Registry.Host))
                + " >" + CliProcess.Quote(archive) + " 2>" + CliProcess.Quote(err));

            Assert.True(code == 0, output + Read(err));
            Assert.False(Directory.Exists(temp.Combine("-")), "stdout was taken for a directory named '-'");
            Assert.Equal(gzip, ArchiveInspector.IsGzip(archive));
            await ArchiveInspector.AssertBundleEntriesAsync(archive, Corpus.ClosureOf(multi));
            Assert.Contains(multi.ReferenceAt(_fixture.Registry.Host), Read(err)); // the result line is on stderr
            if (!gzip)
            {
                // A tar ends with zero blocks: any text written to stdout after the archive would show here.
                byte[] bytes = File.ReadAllBytes(archive);
                Assert.True(bytes.Length % 512 == 0, "the tar on stdout is not a whole number of blocks");
                Assert.All(bytes.Skip(bytes.Length - 1024), x => Assert.Equal(0, x));
            }
            else
            {
                await ArchiveInspector.AssertGzipIntactAsync(archive);
            }
        }

        [Fact]
        public async Task ExportToStdout_DefaultsToTar_AndRefusesDir()
        {
            using var temp = new TempDirectory();
            CorpusTag oci1 = Corpus.Tag(CorpusBuilder.Alpha, "oci-1");
            string archive = temp.Combine("out"), err = temp.Combine("err");

            var (code, output) = await CliProcess.BashAsync(temp.Path, CliProcess.Command("export", "-o", "-", "--plain-http", oci1.ReferenceAt(_fixture.Registry.Host)) + " >" + CliProcess.Quote(archive) + " 2>" + CliProcess.Quote(err));
            CliResult dir = await CliRunner.RunAsync("export", "-o", "-", "--format", "dir", "--plain-http", oci1.ReferenceAt(_fixture.Registry.Host));

            Assert.True(code == 0, output + Read(err));
            Assert.False(ArchiveInspector.IsGzip(archive));
            await ArchiveInspector.AssertBundleEntriesAsync(archive, Corpus.ClosureOf(oci1));
            Assert.True(dir.ExitCode == 2, dir.ToString());
            Assert.Contains("--format", dir.StdErr);
            Assert.Empty(dir.StdOut);
        }

        private async Task AssertEveryTagInAsync(string host, string report)
        {
            foreach (CorpusTag tag in Corpus.Tags)
            {
                string? inB = await RegistryProbe.ManifestDigestAsync(host, tag.Repository, tag.Tag);
                Assert.True(inB == tag.Digest, $"{tag}: B has {inB ?? "nothing"}, A has {tag.Digest}\n{report}");
            }
        }

        private static string Read(string path) => File.Exists(path) ? File.ReadAllText(path) : "(none)";
    }
}
