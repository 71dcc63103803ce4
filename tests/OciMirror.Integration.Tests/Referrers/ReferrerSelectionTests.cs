using System;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using OciMirror.Integration.Tests.Corpus;
using OciMirror.Integration.Tests.Infrastructure;
using OciMirror.Integration.Tests.Infrastructure.Fake;
using Xunit;

namespace OciMirror.Integration.Tests.Referrers
{
    /// <summary>Issue 9: --no-referrers leaves them out; --referrer-type keeps only those types, on export and on import, through archives too.</summary>
    public sealed class ReferrerSelectionTests
    {
        [Theory]
        [InlineData(RegistryKind.Fake)]
        [InlineData(RegistryKind.Distribution)]
        public async Task Export_NoReferrers_BundleHoldsOnlyTheImages(RegistryKind kind)
        {
            var set = new SignedImageSet();
            using var dir = new TempDirectory();
            string bundle = dir.Combine("bundle");

            (ITestRegistry source, CliResult export) = await ExportAsync(kind, set, bundle, "--no-referrers");
            await using ITestRegistry registry = source;

            Assert.True(export.ExitCode == 0, export.ToString());
            Assert.Equal(3, export.JsonLines.Count);
            Assert.Equal(new[] { set.Image.Digest, set.ToolImage.Digest, set.BaseImage.Digest }.OrderBy(d => d), BundleInspector.IndexEntries(bundle).Select(e => e.Digest).OrderBy(d => d));
            Assert.DoesNotContain(set.Signature.Hex, string.Join(",", BundleInspector.Files(bundle)));
        }

        [Theory]
        [InlineData(RegistryKind.Fake)]
        [InlineData(RegistryKind.Distribution)]
        public async Task Import_NoReferrers_FromATgz_DestinationGetsOnlyTheImages(RegistryKind kind)
        {
            var set = new SignedImageSet();
            using var dir = new TempDirectory();
            string bundle = dir.Combine("bundle.tgz");
            (ITestRegistry source, CliResult export) = await ExportAsync(RegistryKind.Fake, set, bundle);
            await using ITestRegistry registry = source;
            Assert.True(export.ExitCode == 0, export.ToString());
            await using ITestRegistry destination = await TestRegistry.StartAsync(kind);

            CliResult import = await CliRunner.RunAsync("import", bundle, "--to", destination.Host, "--plain-http", "--json", "--no-referrers");

            Assert.True(import.ExitCode == 0, import.ToString());
            Assert.Equal(3, import.JsonLines.Count);
            Assert.Equal(set.Image.Digest, await RegistryProbe.ManifestDigestAsync(destination.Host, SignedImageSet.App, "1.0"));
            foreach (CorpusContent referrer in set.AllReferrers)
            {
                Assert.Null(await RegistryProbe.ManifestDigestAsync(destination.Host, SignedImageSet.App, referrer.Digest));
            }

            Assert.Empty(await ReferrerProbe.DigestsAsync(destination, SignedImageSet.App, set.Image.Digest));
            Assert.Equal(new[] { "1.0" }, await RegistryProbe.TagsAsync(destination.Host, SignedImageSet.App));
        }

        [Theory]
        [InlineData(RegistryKind.Fake)]
        [InlineData(RegistryKind.Distribution)]
        public async Task Export_ReferrerType_KeepsThatTypeOnly_AndNotTheReferrersOfWhatItLeavesOut(RegistryKind kind)
        {
            var set = new SignedImageSet();
            await using ITestRegistry source = await TestRegistry.StartAsync(kind);
            await SignedSetPush.PushAsync(source, set);
            using var dir = new TempDirectory();
            string sbomOnly = dir.Combine("sbom");
            string two = dir.Combine("two.tar");

            CliResult first = await CliRunner.RunAsync(new[] { "export", "-o", sbomOnly, "--plain-http", "--json", "--referrer-type", SignedImageSet.SbomType }.Concat(set.References(source.Host)).ToArray());
            CliResult second = await CliRunner.RunAsync(new[] { "export", "-o", two, "--plain-http", "--json", "--referrer-type", SignedImageSet.SbomType, "--referrer-type", SignedImageSet.SignatureType }.Concat(set.References(source.Host)).ToArray());

            Assert.True(first.ExitCode == 0, first.ToString());
            Assert.Equal(new[] { set.Sbom.Digest }, Carried(first));
            Assert.True(second.ExitCode == 0, second.ToString());
            Assert.Equal(new[] { set.Signature.Digest, set.Sbom.Digest, set.SbomSignature.Digest }.OrderBy(d => d), Carried(second));
            if (source is FakeRegistry fake)
            {
                // One type: the registry is asked to filter (and says it did).
                Assert.Contains(fake.Requests, r => r.PathAndQuery.Contains("/referrers/" + set.Image.Digest + "?artifactType=", StringComparison.Ordinal));
            }
        }

        [Fact]
        public async Task Export_ReferrerType_RegistryIgnoresTheFilter_ClientFilters()
        {
            var set = new SignedImageSet();
            await using FakeRegistry source = await FakeRegistry.StartAsync(new FakeRegistryOptions { FilterReferrers = false });
            await SignedSetPush.PushAsync(source, set);
            using var dir = new TempDirectory();

            CliResult export = await CliRunner.RunAsync(new[] { "export", "-o", dir.Combine("b"), "--plain-http", "--json", "--referrer-type", SignedImageSet.SbomType }.Concat(set.References(source.Host)).ToArray());

            Assert.True(export.ExitCode == 0, export.ToString());
            Assert.Equal(new[] { set.Sbom.Digest }, Carried(export));
        }

        [Theory]
        [InlineData(RegistryKind.Fake)]
        [InlineData(RegistryKind.Distribution)]
        public async Task Import_ReferrerType_ImportsThatTypeOnly(RegistryKind kind)
        {
            var set = new SignedImageSet();
            using var dir = new TempDirectory();
            string bundle = dir.Combine("bundle.tar");
            (ITestRegistry source, CliResult export) = await ExportAsync(RegistryKind.Fake, set, bundle);
            await using ITestRegistry registry = source;
            Assert.True(export.ExitCode == 0, export.ToString());
            await using ITestRegistry destination = await TestRegistry.StartAsync(kind);

            CliResult import = await CliRunner.RunAsync("import", bundle, "--to", destination.Host, "--plain-http", "--json", "--referrer-type", SignedImageSet.SbomType);

            Assert.True(import.ExitCode == 0, import.ToString());
            Assert.Equal(new[] { set.Sbom.Digest }, Carried(import));
            Assert.Equal(new[] { set.Sbom.Digest }, await ReferrerProbe.DigestsAsync(destination, SignedImageSet.App, set.Image.Digest));
            Assert.Null(await RegistryProbe.ManifestDigestAsync(destination.Host, SignedImageSet.App, set.CosignTag));
        }

        [Fact]
        public async Task NoReferrers_WithReferrerType_IsAUsageError()
        {
            CliResult r = await CliRunner.RunAsync("export", "-o", "/nonexistent/x", "127.0.0.1:1/a:b", "--no-referrers", "--referrer-type", "x/y");

            Assert.Equal(2, r.ExitCode);
            Assert.Contains("--no-referrers and --referrer-type", r.StdErr);
        }

        /// <summary>A source registry of <paramref name="kind"/> holding <paramref name="set"/>, and an export of its three images with <paramref name="flags"/>.</summary>
        private static async Task<(ITestRegistry Source, CliResult Export)> ExportAsync(RegistryKind kind, SignedImageSet set, string bundle, params string[] flags)
        {
            ITestRegistry source = await TestRegistry.StartAsync(kind);
            await SignedSetPush.PushAsync(source, set);
            CliResult export = await CliRunner.RunAsync(new[] { "export", "-o", bundle, "--plain-http", "--json" }.Concat(flags).Concat(set.References(source.Host)).ToArray());
            return (source, export);
        }

        private static string?[] Carried(CliResult result) =>
            result.JsonLines.Where(j => j.GetProperty("referrerOf").ValueKind == JsonValueKind.String).Select(j => j.GetProperty("digest").GetString()).OrderBy(d => d).ToArray();
    }
}
