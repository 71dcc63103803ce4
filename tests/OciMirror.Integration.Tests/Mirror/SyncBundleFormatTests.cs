using System.IO;
using System.Linq;
using System.Threading.Tasks;
using OciMirror.Integration.Tests.Infrastructure;
using Xunit;

namespace OciMirror.Integration.Tests.Mirror
{
    /// <summary>
    /// <c>ocimirror sync</c> into every bundle format the export writes (DESIGN §13: "a registry or a bundle,
    /// any bundle format"): <c>--format zst</c>, <c>.tzst</c>, split volumes with <c>--split-size</c>, and back
    /// from the first part or the bare name; the result lines name each reference, not the bundle.
    /// </summary>
    [Collection(MirrorCollection.Name)]
    public sealed class SyncBundleFormatTests
    {
        private readonly MirrorFixture _fixture;

        public SyncBundleFormatTests(MirrorFixture fixture)
        {
            _fixture = fixture;
        }

        private string Repository => _fixture.Example.Host + "/busybox";

        private string[] Tags => new[] { "1-glibc", "1-musl", "latest" };

        [Fact]
        public async Task SyncIntoSplitZstdVolumes_AndBackFromThePartsOrTheBareName_IdenticalDigests()
        {
            using var files = new TempDirectory("ocimirror-sync-split");
            string bundle = files.Combine("mirror.tar.zst");

            CliResult toBundle = await CliRunner.RunAsync("sync", "--src", Repository, "--to", bundle, "--split-size", "1K");

            Assert.True(toBundle.ExitCode == 0, toBundle.ToString());
            string[] parts = Directory.GetFiles(files.Path, "mirror.tar.zst.*").OrderBy(p => p, System.StringComparer.Ordinal).ToArray();
            Assert.True(parts.Length > 1, toBundle.ToString());
            Assert.Equal(bundle + ".001", parts[0]);
            Assert.All(parts, p => Assert.True(new FileInfo(p).Length <= 1024, p));
            Assert.False(File.Exists(bundle));
            foreach (string tag in Tags)
            {
                // Each line names the reference it is about, not the bundle (which every line would share).
                Assert.Contains($"copied   {Repository}:{tag}  ", toBundle.StdOut);
            }

            string joined = files.Combine("joined.tar.zst");
            await using (var output = File.Create(joined))
            {
                foreach (string part in parts)
                {
                    await using var input = File.OpenRead(part);
                    await input.CopyToAsync(output);
                }
            }

            var (zstdCode, zstdOutput) = await ExternalProcess.RunAsync(ExternalTool.Require("zstd", "zstd"), "-t", "-q", joined);
            Assert.True(zstdCode == 0, "zstd -t rejects the joined parts\n" + zstdOutput);

            foreach (string source in new[] { parts[0], bundle })
            {
                await using RegistryInstance destination = await RegistryInstance.StartAsync();
                CliResult back = await CliRunner.RunAsync("sync", "--src", source, "--to", destination.Host);

                Assert.True(back.ExitCode == 0, back.ToString());
                foreach (string tag in Tags)
                {
                    Assert.Equal(_fixture.ExampleRepositories["busybox"].Digests[tag], await RegistryProbe.ManifestDigestAsync(destination.Host, "busybox", tag));
                }
            }
        }

        [Fact]
        public async Task SyncWithFormatZst_WritesAZstdArchive_AndATzstNameIsABundle()
        {
            using var files = new TempDirectory("ocimirror-sync-zst");
            string named = files.Combine("mirror.bin");

            CliResult byFormat = await CliRunner.RunAsync("sync", "--src", Repository, "--to", named, "--format", "zst");
            CliResult byExtension = await CliRunner.RunAsync("sync", "--src", Repository, "--to", "mirror.tzst", "--dry-run");

            Assert.True(byFormat.ExitCode == 0, byFormat.ToString());
            var (code, output) = await ExternalProcess.RunAsync(ExternalTool.Require("zstd", "zstd"), "-t", "-q", named);
            Assert.True(code == 0, "zstd -t rejects the archive\n" + output);

            // A bare 'mirror.tzst' is a bundle name, as 'mirror.tar.zst' is, not a registry host 'mirror.tzst'.
            Assert.True(byExtension.ExitCode == 0, byExtension.ToString());
            Assert.Contains($"would-copy {Repository}:latest", byExtension.StdOut);
        }

        [Fact]
        public async Task SplitSizeOrFormat_WithARegistryDestination_IsAUsageError_AndNothingIsCopied()
        {
            await using RegistryInstance destination = await RegistryInstance.StartAsync();

            CliResult split = await CliRunner.RunAsync("sync", "--src", Repository, "--to", destination.Host, "--split-size", "4095M");

            Assert.True(split.ExitCode == 2, split.ToString());
            Assert.Contains("--split-size", split.StdErr);
            Assert.Empty(await RegistryProbe.CatalogAsync(destination.Host));
        }

        [Fact]
        public async Task DestinationWithAScheme_IsRefusedLikeCopyDoes_NotMadeIntoADirectory()
        {
            await using RegistryInstance destination = await RegistryInstance.StartAsync();
            string relative = Path.GetFullPath("http:");
            try
            {
                CliResult r = await CliRunner.RunAsync("sync", "--src", Repository, "--to", "http://" + destination.Host + "/mirror");

                Assert.True(r.ExitCode == 2, r.ToString());
                Assert.Contains("without a scheme", r.StdErr);
                Assert.False(Directory.Exists(relative), "a directory 'http:' was made in the working directory");
                Assert.Empty(await RegistryProbe.CatalogAsync(destination.Host));
            }
            finally
            {
                if (Directory.Exists(relative))
                {
                    Directory.Delete(relative, recursive: true);
                }
            }
        }

        [Fact]
        public async Task DryRunLines_EscapeABundlePathWithControlCharacters()
        {
            using var files = new TempDirectory("ocimirror-sync-escape");
            string bundle = files.Combine("b\u001b[31mred\u009b2J");
            CliResult export = await CliRunner.RunAsync("sync", "--src", Repository + ":latest", "--to", bundle, "--to-bundle");
            Assert.True(export.ExitCode == 0, export.ToString());
            await using RegistryInstance destination = await RegistryInstance.StartAsync();

            CliResult plan = await CliRunner.RunAsync("sync", "--src", bundle, "--to", destination.Host, "--dry-run");

            Assert.True(plan.ExitCode == 0, plan.ToString());
            Assert.Contains("would-copy ", plan.StdOut);
            Assert.Contains("\\u001b[31mred\\u009b2J", plan.StdOut);
            Assert.False(plan.StdOut.Contains('\u001b') || plan.StdErr.Contains('\u001b'), plan.ToString().Replace("\u001b", "<ESC>"));
            Assert.False(plan.StdOut.Contains('\u009b') || plan.StdErr.Contains('\u009b'), plan.ToString());
            Assert.Empty(await RegistryProbe.CatalogAsync(destination.Host));
        }
    }
}
