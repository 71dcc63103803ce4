using System.IO;
using System.Linq;
using System.Threading.Tasks;
using OciMirror.Integration.Tests.Infrastructure;
using Xunit;

namespace OciMirror.Integration.Tests.Mirror
{
    /// <summary>ocimirror sync between real registries and bundles: one YAML file, several routes, keep-going, bad input.</summary>
    [Collection(MirrorCollection.Name)]
    public sealed class SyncTests
    {
        private readonly MirrorFixture _fixture;

        public SyncTests(MirrorFixture fixture)
        {
            _fixture = fixture;
        }

        /// <summary>A sync file with skopeo's keys and OciMirror's: all of busybox, a semver range with latest-N and digest tags kept with their images, etcd from the second registry.</summary>
        private string Yaml => $@"{_fixture.Example.Host}:
  images:
    busybox: []
  repositories:
    {MirrorFixture.FarmRepository}:
      semver: '>=1.4'
      exclude: ['2024*']
      latest: 3
      digest-tags: with-images
{_fixture.Quay.Host}:
  images:
    coreos/etcd: [latest]
";

        /// <summary>What <see cref="Yaml"/> selects: repository → tags.</summary>
        private (string Host, string Repository, string[] Tags)[] Expected => new[]
        {
            (_fixture.Example.Host, MirrorFixture.FarmRepository, new[] { "2.0.1", "2.1.0", "3.0.0" }.Concat(_fixture.Farm.SignatureTags).ToArray()),
            (_fixture.Example.Host, "busybox", new[] { "1-glibc", "1-musl", "latest" }),
            (_fixture.Quay.Host, "coreos/etcd", new[] { "latest" }),
        };

        [Fact]
        public async Task OneYaml_RegistryToRegistry_AndRegistryToBundleToRegistry_IdenticalDigests_AndReRunsCopyNothing()
        {
            using var files = new TempDirectory("ocimirror-sync");
            string yaml = files.Combine("sync.yaml");
            await File.WriteAllTextAsync(yaml, Yaml);
            await using RegistryInstance direct = await RegistryInstance.StartAsync();
            await using RegistryInstance viaBundle = await RegistryInstance.StartAsync();
            string bundle = files.Combine("mirror.tgz");

            CliResult toRegistry = await CliRunner.RunAsync("sync", "--src", yaml, "--to", direct.Host, "--json");
            CliResult toBundle = await CliRunner.RunAsync("sync", "--src", yaml, "--to", bundle, "--json");
            CliResult fromBundle = await CliRunner.RunAsync("sync", "--src", bundle, "--to", viaBundle.Host, "--json");
            CliResult again = await CliRunner.RunAsync("sync", "--src", yaml, "--to", direct.Host, "--json");

            Assert.True(toRegistry.ExitCode == 0, toRegistry.ToString());
            Assert.True(toBundle.ExitCode == 0, toBundle.ToString());
            Assert.True(fromBundle.ExitCode == 0, fromBundle.ToString());
            int count = Expected.Sum(e => e.Tags.Length);
            Assert.Equal(count, toRegistry.JsonLines.Count);
            Assert.Equal(count, fromBundle.JsonLines.Count);
            foreach (var (host, repository, tags) in Expected)
            {
                Assert.Equal(tags.OrderBy(t => t, System.StringComparer.Ordinal), (await RegistryProbe.TagsAsync(direct.Host, repository)).OrderBy(t => t, System.StringComparer.Ordinal));
                foreach (string tag in tags)
                {
                    string? source = await RegistryProbe.ManifestDigestAsync(host, repository, tag);
                    Assert.Equal(source, await RegistryProbe.ManifestDigestAsync(direct.Host, repository, tag));
                    Assert.Equal(source, await RegistryProbe.ManifestDigestAsync(viaBundle.Host, repository, tag));
                }
            }

            Assert.True(again.ExitCode == 0, again.ToString());
            Assert.All(again.JsonLines, j => Assert.Equal("skipped", j.GetProperty("status").GetString()));
        }

        [Fact]
        public async Task UnreachableSourceRegistry_AmongThree_TheOtherTwoSync_ExitCode1()
        {
            using var files = new TempDirectory("ocimirror-sync-down");
            string yaml = files.Combine("sync.yaml");
            int closed = FreePort.Next();
            await File.WriteAllTextAsync(yaml, Yaml + $"127.0.0.1:{closed}:\n  images:\n    gone/app: []\n    gone/tool: ['1.0']\n");
            await using RegistryInstance destination = await RegistryInstance.StartAsync();

            CliResult r = await CliRunner.RunAsync("sync", "--src", yaml, "--to", destination.Host + "/mirror");

            Assert.True(r.ExitCode == 1, r.ToString());
            Assert.Contains($"127.0.0.1:{closed}/gone/app", r.StdErr);
            Assert.Contains($"127.0.0.1:{closed}/gone/tool:1.0", r.StdErr);
            Assert.Contains("2 failed", r.StdErr);
            foreach (var (host, repository, tags) in Expected)
            {
                foreach (string tag in tags)
                {
                    Assert.Equal(await RegistryProbe.ManifestDigestAsync(host, repository, tag), await RegistryProbe.ManifestDigestAsync(destination.Host, "mirror/" + repository, tag));
                }
            }
        }

        [Theory]
        [InlineData("{0}:\n  images:\n    busybox: []\n  imagez:\n    redis: []\n", 4, "imagez", "unknown key")]
        [InlineData("{0}:\n  images:\n    busybox: latest\n", 3, "images → busybox", "must be a list")]
        [InlineData("{0}:\n  images:\n    busybox: []\n  images-by-tag-regex:\n    nginx: '^1\\.13\\.[12'\n", 5, "images-by-tag-regex → nginx", "Invalid regular expression")]
        [InlineData("{0}:\n  images:\n    busybox: []\n  images-by-semver:\n    alpine: '>= 3.x.y'\n", 5, "images-by-semver → alpine", "semantic-version range")]
        public async Task BadYaml_NamesFileLineAndKey_AndCopiesNothing(string template, int line, string key, string why)
        {
            using var files = new TempDirectory("ocimirror-sync-bad");
            string yaml = files.Combine("bad.yaml");
            await File.WriteAllTextAsync(yaml, string.Format(System.Globalization.CultureInfo.InvariantCulture, template, _fixture.Example.Host));
            await using RegistryInstance destination = await RegistryInstance.StartAsync();

            CliResult r = await CliRunner.RunAsync("sync", "--src", yaml, "--to", destination.Host);

            Assert.True(r.ExitCode == 2, r.ToString());
            Assert.Contains($"'{yaml}', line {line}, key '{_fixture.Example.Host} → {key}'", r.StdErr);
            Assert.Contains(why, r.StdErr);
            Assert.Empty(await RegistryProbe.CatalogAsync(destination.Host));
        }

        [Fact]
        public async Task OneRepository_Scoped_SourceWithAPort_GetsAValidPath_AndDryRunWritesNothing()
        {
            await using RegistryInstance destination = await RegistryInstance.StartAsync();
            string source = _fixture.Example.Host + "/" + MirrorFixture.FarmRepository;
            string scopedRepository = "mirror/" + _fixture.Example.Host.Replace(':', '_') + "/" + MirrorFixture.FarmRepository;

            CliResult plan = await CliRunner.RunAsync("sync", "--src", source, "--to", destination.Host + "/mirror", "--scoped", "--semver", "~1.2", "--dry-run");
            Assert.True(plan.ExitCode == 0, plan.ToString());
            Assert.Empty(await RegistryProbe.CatalogAsync(destination.Host));
            Assert.Contains($"would-copy {destination.Host}/{scopedRepository}:1.2.0", plan.StdOut);
            Assert.Contains("to transfer", plan.StdErr);

            CliResult r = await CliRunner.RunAsync("sync", "--src", source, "--to", destination.Host + "/mirror", "--scoped", "--semver", "~1.2");

            Assert.True(r.ExitCode == 0, r.ToString());
            Assert.Equal(new[] { "1.2.0", "1.2.1" }, (await RegistryProbe.TagsAsync(destination.Host, scopedRepository)).OrderBy(t => t, System.StringComparer.Ordinal));
            Assert.Equal(_fixture.Farm.Digests["1.2.1"], await RegistryProbe.ManifestDigestAsync(destination.Host, scopedRepository, "1.2.1"));
        }

        [Fact]
        public async Task SkopeoTransportSpelling_IsAUsageErrorWithAHint()
        {
            CliResult r = await CliRunner.RunAsync("sync", "--src", "yaml", "--to", "127.0.0.1:1");

            Assert.Equal(2, r.ExitCode);
            Assert.Contains("not a transport", r.StdErr);
        }
    }
}
