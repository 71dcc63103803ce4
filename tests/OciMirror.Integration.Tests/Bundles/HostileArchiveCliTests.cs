using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using OciMirror.Integration.Tests.Corpus;
using OciMirror.Integration.Tests.Infrastructure;
using Xunit;

namespace OciMirror.Integration.Tests.Bundles
{
    /// <summary>
    /// Representative hostile and broken archives through <c>ocimirror import</c> and <c>verify</c>: a <c>..</c>
    /// entry, a symlink, a blob whose bytes do not match its name, a truncated tgz. Each time the bad entry
    /// stands in for a blob the victim needs, so that "nothing pushed for the bad blob, no tag for the artifact
    /// that depends on it" can be checked; the healthy artifact is built from separate blobs except the shared
    /// base layer. A hostile entry name or type (<c>..</c>, a link) or a truncated stream makes the import
    /// refuse the archive as a whole (exit 2); a blob whose bytes do not match its name fails only the
    /// artifacts that need it (exit 1). Every error names the entry; verify reports the refused entry as a
    /// layout problem and the blob it stood for as missing (exit 1).
    /// </summary>
    [Collection(RegistryCollection.Name)]
    public sealed class HostileArchiveCliTests
    {
        private readonly CorpusFixture _fixture;

        public HostileArchiveCliTests(CorpusFixture fixture)
        {
            _fixture = fixture;
        }

        private TestCorpus Corpus => _fixture.Corpus;

        private CorpusTag Victim => Corpus.Tag(CorpusBuilder.Beta, "v1");

        private CorpusTag Healthy => Corpus.Tag(CorpusBuilder.Alpha, "oci-1");

        private string VictimBlob => Corpus.ClosureOf(Victim).Except(Corpus.ClosureOf(Healthy)).Intersect(Corpus.BlobDigests)
            .OrderByDescending(d => Corpus.Content(d).Size).First();

        private string VictimEntry => "blobs/sha256/" + VictimBlob.Substring(7);

        [Fact]
        public async Task DotDotEntry_InPlaceOfABlob_IsRefusedNamingTheEntry_NothingTaggedForTheVictim()
        {
            string hostile = "blobs/sha256/../../" + VictimBlob.Substring(7);
            await RunHostileAsync(
                dir => new[] { ArchiveEditor.FileEntry(hostile, File.ReadAllBytes(Path.Combine(dir, VictimEntry))) },
                mustName: hostile,
                gzip: false);
        }

        [Fact]
        public async Task SymlinkEntry_InPlaceOfABlob_IsRefusedNamingTheEntry_NothingTaggedForTheVictim()
        {
            await RunHostileAsync(
                _ => new[] { ArchiveEditor.Symlink(VictimEntry, "/etc/passwd") },
                mustName: VictimEntry,
                gzip: false);
        }

        [Theory]
        [InlineData(false)]
        [InlineData(true)]
        public async Task BlobWhoseBytesDoNotMatchItsName_IsNotPushed_VictimNotTagged_HealthyImported(bool gzip)
        {
            (CliResult import, RegistryInstance b, TempDirectory temp) = await ImportHostileAsync(
                dir =>
                {
                    byte[] bytes = File.ReadAllBytes(Path.Combine(dir, VictimEntry));
                    bytes[bytes.Length / 2] ^= 0x5A;
                    return new[] { ArchiveEditor.FileEntry(VictimEntry, bytes) };
                },
                gzip);
            await using (b)
            using (temp)
            {
                Assert.True(import.ExitCode == 1, import.ToString());
                Assert.Contains(VictimBlob.Substring(7), import.StdErr);
                await AssertVictimNotTaggedAsync(b, import);
                Assert.False(await BundleCli.HasBlobAsync(b.Host, Victim.Repository, VictimBlob), "the bad blob was pushed\n" + import);
                Assert.Equal(Healthy.Digest, await RegistryProbe.ManifestDigestAsync(b.Host, Healthy.Repository, Healthy.Tag));
            }
        }

        [Fact]
        public async Task TruncatedTgz_FromStdinAndFile_NothingTagged()
        {
            await using RegistryInstance b = await RegistryInstance.StartAsync();
            using var temp = new TempDirectory();
            string tgz = temp.Combine("bundle.tgz");
            CliResult export = await CliRunner.RunAsync("export", "-o", tgz, "--plain-http", Healthy.ReferenceAt(_fixture.Registry.Host), Victim.ReferenceAt(_fixture.Registry.Host));
            Assert.True(export.ExitCode == 0, export.ToString());
            Assert.True(File.Exists(tgz), "the export did not write a file: " + tgz);
            ArchiveEditor.Truncate(tgz, 0.7);

            CliResult fromFile = await CliRunner.RunAsync("import", tgz, "--to", b.Host, "--plain-http");
            CliResult fromStdin = await BundleCli.RunWithStdinFileAsync(tgz, "import", "-", "--to", b.Host, "--plain-http");

            foreach (CliResult r in new[] { fromFile, fromStdin })
            {
                Assert.True(r.ExitCode == 2, r.ToString());
                Assert.Contains("error:", r.StdErr);
                Assert.Contains("truncated", r.StdErr);
                Assert.Empty(r.StdOut);
            }

            // index.json comes last in our archives: with the end cut off, no name is known, so nothing may be tagged.
            foreach (CorpusTag tag in new[] { Healthy, Victim })
            {
                Assert.Empty(await RegistryProbe.TagsAsync(b.Host, tag.Repository));
            }
        }

        private async Task RunHostileAsync(System.Func<string, IEnumerable<System.Formats.Tar.TarEntry>> extra, string mustName, bool gzip)
        {
            (CliResult import, RegistryInstance b, TempDirectory temp) = await ImportHostileAsync(extra, gzip);
            await using (b)
            using (temp)
            {
                Assert.True(import.ExitCode == 2, import.ToString());
                Assert.Contains("'" + mustName + "'", import.StdErr);
                Assert.Empty(import.StdOut);
                await AssertVictimNotTaggedAsync(b, import);
                Assert.False(await BundleCli.HasBlobAsync(b.Host, Victim.Repository, VictimBlob), "the hostile entry's content was pushed\n" + import);
                // Nothing was written next to the archive or above it (no extraction, no escaped path).
                Assert.Equal(new[] { "bundle", "hostile" + (gzip ? ".tgz" : ".tar") }, Directory.EnumerateFileSystemEntries(temp.Path).Select(Path.GetFileName).OrderBy(n => n).ToArray());
                Assert.False(File.Exists(Path.Combine(Path.GetDirectoryName(temp.Path)!, VictimBlob.Substring(7))));

                CliResult verify = await CliRunner.RunAsync("verify", temp.Combine("hostile" + (gzip ? ".tgz" : ".tar")));
                Assert.True(verify.ExitCode == 1, verify.ToString());
                Assert.Contains(verify.StdOut.Split('\n'), l => l.StartsWith("layout ") && l.Contains("'" + mustName + "'"));
                Assert.Contains("bad-blob " + VictimBlob + "  Missing", verify.StdOut);
            }
        }

        /// <summary>
        /// Exports the healthy and the victim artifact as a directory, writes hostile.tar/.tgz from it with the
        /// victim blob replaced by <paramref name="extra"/> entries, and imports that into a fresh registry.
        /// </summary>
        private async Task<(CliResult Import, RegistryInstance B, TempDirectory Temp)> ImportHostileAsync(System.Func<string, IEnumerable<System.Formats.Tar.TarEntry>> extra, bool gzip)
        {
            var temp = new TempDirectory();
            string dir = temp.Combine("bundle");
            CliResult export = await CliRunner.RunAsync("export", "-o", dir, "--plain-http", Healthy.ReferenceAt(_fixture.Registry.Host), Victim.ReferenceAt(_fixture.Registry.Host));
            Assert.True(export.ExitCode == 0, export.ToString());
            string archive = temp.Combine("hostile" + (gzip ? ".tgz" : ".tar"));
            ArchiveEditor.WriteArchive(dir, archive, gzip, skip: new HashSet<string> { VictimEntry }, extra: extra(dir));
            RegistryInstance b = await RegistryInstance.StartAsync();
            CliResult import = await CliRunner.RunAsync("import", archive, "--to", b.Host, "--plain-http");
            return (import, b, temp);
        }

        private async Task AssertVictimNotTaggedAsync(RegistryInstance b, CliResult import)
        {
            Assert.Null(await RegistryProbe.ManifestDigestAsync(b.Host, Victim.Repository, Victim.Tag));
            Assert.DoesNotContain(Victim.Tag, await RegistryProbe.TagsAsync(b.Host, Victim.Repository));
            Assert.True(import.ExitCode != 3, "internal error\n" + import);
        }
    }
}
