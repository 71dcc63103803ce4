using System;
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
    /// Registry A → .tar.zst / split volumes / a zstd pipe → registry B through the CLI: identical digests,
    /// every blob once, the zstd tool and GNU tar accepting what we wrote, parts never over the size.
    /// </summary>
    [Collection(RegistryCollection.Name)]
    public sealed class ZstdAndSplitRoundTripTests
    {
        private readonly CorpusFixture _fixture;

        public ZstdAndSplitRoundTripTests(CorpusFixture fixture)
        {
            _fixture = fixture;
        }

        private TestCorpus Corpus => _fixture.Corpus;

        [Theory]
        [InlineData("bundle.tar.zst")]
        [InlineData("bundle.tzst")]
        public async Task RegistryToTarZstToRegistry_DigestsIdentical_ZstdToolAccepts(string fileName)
        {
            await using var proxy = new RecordingProxy(_fixture.Registry.BaseUri);
            await using RegistryInstance b = await RegistryInstance.StartAsync();
            using var temp = new TempDirectory();
            string archive = temp.Combine(fileName);
            string[] refs = Corpus.Tags.Select(t => t.ReferenceAt(proxy.Host)).ToArray();

            CliResult export = await CliRunner.RunAsync(new[] { "export", "-o", archive, "--plain-http", "--json" }.Concat(refs).ToArray());

            Assert.True(export.ExitCode == 0, export.ToString());
            Assert.True(IsZstd(archive), "not zstd: " + archive);
            Assert.Equal(Corpus.BlobDigests.OrderBy(d => d), proxy.BlobGets.OrderBy(d => d));
            await AssertZstdIntactAsync(archive);
            await ArchiveInspector.AssertBundleEntriesAsync(archive, Corpus.AllDigests);
            string extracted = await ArchiveInspector.ExtractAsync(archive, temp);
            Assert.Empty(BundleInspector.BlobProblems(extracted));

            CliResult ls = await CliRunner.RunAsync("ls", archive, "--json");
            CliResult verify = await CliRunner.RunAsync("verify", archive);
            CliResult import = await CliRunner.RunAsync("import", archive, "--to", b.Host, "--plain-http", "--json");

            Assert.True(ls.ExitCode == 0, ls.ToString());
            Assert.Equal(Corpus.Tags.Count, ls.JsonLines.Count);
            Assert.True(verify.ExitCode == 0, verify.ToString());
            Assert.True(import.ExitCode == 0, import.ToString());
            await AssertEveryTagInAsync(b.Host, import.ToString());
        }

        [Fact]
        public async Task ZstdThroughAPipe_ExportToStdout_ImportFromStdin_DigestsIdentical()
        {
            await using RegistryInstance b = await RegistryInstance.StartAsync();
            using var temp = new TempDirectory();
            var args = new List<string> { "export", "-o", "-", "--format", "zst", "--plain-http" };
            args.AddRange(Corpus.Tags.Select(t => t.ReferenceAt(_fixture.Registry.Host)));
            string exportErr = temp.Combine("export.err"), importOut = temp.Combine("import.out"), status = temp.Combine("status"), copy = temp.Combine("copy.zst");
            string script = CliProcess.Command(args.ToArray()) + " 2>" + CliProcess.Quote(exportErr)
                + " | tee " + CliProcess.Quote(copy)
                + " | " + CliProcess.Command("import", "-", "--to", b.Host, "--plain-http", "--json") + " >" + CliProcess.Quote(importOut) + " 2>&1"
                + "; echo \"${PIPESTATUS[0]} ${PIPESTATUS[2]}\" >" + CliProcess.Quote(status);

            var (_, output) = await CliProcess.BashAsync(temp.Path, script);

            string report = $"{output}\n--- export stderr ---\n{Read(exportErr)}\n--- import ---\n{Read(importOut)}";
            Assert.True(Read(status).Trim() == "0 0", "exit codes (export import): " + Read(status) + "\n" + report);
            Assert.True(IsZstd(copy), "the stream is not zstd");
            await AssertZstdIntactAsync(copy);
            await AssertEveryTagInAsync(b.Host, report);
        }

        [Theory]
        [InlineData("bundle.tar")]
        [InlineData("bundle.tgz")]
        [InlineData("bundle.tar.zst")]
        public async Task SplitVolumes_NoPartOverTheSize_ImportFromFirstPartAndBareName_DigestsIdentical(string fileName)
        {
            const long partSize = 4 * 1024; // the 4 GiB of FAT32, simulated with parts of 4 KiB (larger blobs spanning parts: SplitVolumeTests)
            await using RegistryInstance b = await RegistryInstance.StartAsync();
            await using RegistryInstance c = await RegistryInstance.StartAsync();
            using var temp = new TempDirectory();
            string archive = temp.Combine(fileName);
            string[] refs = Corpus.Tags.Select(t => t.ReferenceAt(_fixture.Registry.Host)).ToArray();

            CliResult export = await CliRunner.RunAsync(new[] { "export", "-o", archive, "--split-size", "4K", "--plain-http" }.Concat(refs).ToArray());

            Assert.True(export.ExitCode == 0, export.ToString());
            string[] parts = Parts(temp.Path, fileName);
            Assert.True(parts.Length >= 3, $"{parts.Length} parts");
            Assert.Equal(Enumerable.Range(1, parts.Length).Select(i => $"{fileName}.{i:D3}"), parts.Select(Path.GetFileName));
            Assert.All(parts, p => Assert.True(new FileInfo(p).Length <= partSize, $"{p} holds {new FileInfo(p).Length} bytes"));
            Assert.All(parts.Take(parts.Length - 1), p => Assert.Equal(partSize, new FileInfo(p).Length));
            Assert.False(File.Exists(archive), "an unsplit archive was written too");
            Assert.Empty(Directory.EnumerateFiles(temp.Path, ".*")); // no temporary part left

            // The parts joined with cat are the archive GNU tar and zstd read.
            string joined = temp.Combine("joined-" + fileName);
            await JoinAsync(parts, joined);
            await ArchiveInspector.AssertBundleEntriesAsync(joined, Corpus.AllDigests);

            CliResult fromFirst = await CliRunner.RunAsync("import", archive + ".001", "--to", b.Host, "--plain-http");
            CliResult fromBare = await CliRunner.RunAsync("import", archive, "--to", c.Host, "--plain-http");
            CliResult verify = await CliRunner.RunAsync("verify", archive + ".001");
            CliResult ls = await CliRunner.RunAsync("ls", archive, "--json");

            Assert.True(fromFirst.ExitCode == 0, fromFirst.ToString());
            Assert.True(fromBare.ExitCode == 0, fromBare.ToString());
            Assert.True(verify.ExitCode == 0, verify.ToString());
            Assert.Equal(Corpus.Tags.Count, ls.JsonLines.Count);
            await AssertEveryTagInAsync(b.Host, fromFirst.ToString());
            await AssertEveryTagInAsync(c.Host, fromBare.ToString());
        }

        [Fact]
        public async Task SplitVolumes_IncrementalExportExtendsTheSet_AndRemovesPartsItNoLongerNeeds()
        {
            await using RegistryInstance b = await RegistryInstance.StartAsync();
            using var temp = new TempDirectory();
            string archive = temp.Combine("bundle.tar.zst");
            CorpusTag first = Corpus.Tags[0];
            string[] all = Corpus.Tags.Select(t => t.ReferenceAt(_fixture.Registry.Host)).ToArray();

            CliResult one = await CliRunner.RunAsync("export", "-o", archive, "--split-size", "1K", "--plain-http", first.ReferenceAt(_fixture.Registry.Host));
            Assert.True(one.ExitCode == 0, one.ToString());
            int before = Parts(temp.Path, "bundle.tar.zst").Length;
            CliResult unsplit = await CliRunner.RunAsync("export", "-o", archive, "--plain-http", first.ReferenceAt(_fixture.Registry.Host));
            CliResult more = await CliRunner.RunAsync(new[] { "export", "-o", archive, "--split-size", "1K", "--plain-http", "--json" }.Concat(all.Take(3)).ToArray());

            Assert.True(unsplit.ExitCode == 2, "an unsplit export over a split set must be refused\n" + unsplit);
            Assert.Contains("--split-size", unsplit.StdErr);
            Assert.True(more.ExitCode == 0, more.ToString());
            Assert.Contains(more.JsonLines, j => j.GetProperty("status").GetString() == "skipped");
            int after = Parts(temp.Path, "bundle.tar.zst").Length;
            Assert.True(after > before, $"{before} parts before, {after} after");

            // Adding the rest with bigger parts: fewer parts, the old higher-numbered ones are gone.
            CliResult bigger = await CliRunner.RunAsync(new[] { "export", "-o", archive, "--split-size", "10M", "--plain-http" }.Concat(all).ToArray());
            Assert.True(bigger.ExitCode == 0, bigger.ToString());
            Assert.Equal(new[] { "bundle.tar.zst.001" }, Parts(temp.Path, "bundle.tar.zst").Select(Path.GetFileName));
            CliResult import = await CliRunner.RunAsync("import", archive, "--to", b.Host, "--plain-http");
            Assert.True(import.ExitCode == 0, import.ToString());
            await AssertEveryTagInAsync(b.Host, import.ToString());
        }

        [Theory]
        [InlineData("missing-middle")]
        [InlineData("short-middle")]
        [InlineData("missing-last")]
        [InlineData("corrupt-frame")]
        public async Task BrokenSplitSet_IsRefusedNamingThePart(string damage)
        {
            using var temp = new TempDirectory();
            string archive = temp.Combine("bundle.tar.zst");
            CliResult export = await CliRunner.RunAsync(new[] { "export", "-o", archive, "--split-size", "4K", "--plain-http" }.Concat(Corpus.Tags.Select(t => t.ReferenceAt(_fixture.Registry.Host))).ToArray());
            Assert.True(export.ExitCode == 0, export.ToString());
            string[] parts = Parts(temp.Path, "bundle.tar.zst");
            Assert.True(parts.Length >= 4, $"{parts.Length} parts");
            string expected;
            switch (damage)
            {
                case "missing-middle":
                    File.Delete(parts[1]);
                    expected = $"part '{parts[1]}' is missing";
                    break;
                case "short-middle":
                    using (var f = new FileStream(parts[1], FileMode.Open))
                    {
                        f.SetLength(f.Length - 100);
                    }

                    expected = $"part '{parts[1]}' holds";
                    break;
                case "missing-last":
                    File.Delete(parts[parts.Length - 1]);
                    expected = $"'{parts[parts.Length - 1]}' is missing";
                    break;
                default:
                    byte[] bytes = File.ReadAllBytes(parts[2]);
                    bytes[5] ^= 0x5A;
                    bytes[bytes.Length / 2] ^= 0x5A;
                    File.WriteAllBytes(parts[2], bytes);
                    expected = "bundle.tar.zst.00";
                    break;
            }

            CliResult verify = await CliRunner.RunAsync("verify", archive + ".001");
            CliResult ls = await CliRunner.RunAsync("ls", archive);

            Assert.NotEqual(0, verify.ExitCode);
            Assert.Contains(expected, verify.StdOut + verify.StdErr);
            Assert.Equal(2, ls.ExitCode);
            Assert.Contains(expected, ls.StdErr);
        }

        [Fact]
        public async Task SplitSize_IsRefusedForStdoutAndDirectoriesAndNonsense()
        {
            using var temp = new TempDirectory();
            string reference = Corpus.Tags[0].ReferenceAt(_fixture.Registry.Host);

            CliResult stdout = await CliRunner.RunAsync("export", "-o", "-", "--split-size", "4G", "--plain-http", reference);
            CliResult dir = await CliRunner.RunAsync("export", "-o", temp.Combine("dir"), "--split-size", "4G", "--plain-http", reference);
            CliResult nonsense = await CliRunner.RunAsync("export", "-o", temp.Combine("x.tar"), "--split-size", "four", "--plain-http", reference);

            Assert.Equal(2, stdout.ExitCode);
            Assert.Contains("cannot be split", stdout.StdErr);
            Assert.Empty(stdout.StdOut);
            Assert.Equal(2, dir.ExitCode);
            Assert.Contains("directory", dir.StdErr);
            Assert.Equal(2, nonsense.ExitCode);
            Assert.Contains("'four' is not a size", nonsense.StdErr);
            Assert.Empty(Directory.EnumerateFileSystemEntries(temp.Path));
        }

        internal static string[] Parts(string directory, string fileName) =>
            Directory.EnumerateFiles(directory, fileName + ".*").Where(p => !Path.GetFileName(p).StartsWith(".", StringComparison.Ordinal)).OrderBy(p => p, StringComparer.Ordinal).ToArray();

        internal static bool IsZstd(string file)
        {
            using FileStream s = File.OpenRead(file);
            return s.ReadByte() == 0x28 && s.ReadByte() == 0xb5 && s.ReadByte() == 0x2f && s.ReadByte() == 0xfd;
        }

        /// <summary><c>zstd -t</c> (Debian's zstd) accepts every frame of the file.</summary>
        internal static async Task AssertZstdIntactAsync(string archive)
        {
            var (code, output) = await ExternalProcess.RunAsync(ExternalTool.Require("zstd", "zstd"), "-t", "-q", archive);
            Assert.True(code == 0, "zstd -t rejects the archive\n" + output);
        }

        private static async Task JoinAsync(string[] parts, string target)
        {
            using FileStream output = File.Create(target);
            foreach (string part in parts)
            {
                using FileStream input = File.OpenRead(part);
                await input.CopyToAsync(output);
            }
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
