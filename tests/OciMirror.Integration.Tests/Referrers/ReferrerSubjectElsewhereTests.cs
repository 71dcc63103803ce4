using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using OciMirror.Integration.Tests.Corpus;
using OciMirror.Integration.Tests.Infrastructure;
using Xunit;

namespace OciMirror.Integration.Tests.Referrers
{
    /// <summary>
    /// Issue 7 item 7: a bundle of signatures and SBOMs without their images is not damaged. verify calls it
    /// valid (with a note per referrer whose subject is elsewhere); import imports each referrer into the
    /// repository that holds its subject, and reports each one whose subject is nowhere as failed, saying
    /// why, without writing anything for it.
    /// </summary>
    public sealed class ReferrerSubjectElsewhereTests
    {
        private const string Registry = "registry.example.com";

        [Fact]
        public async Task Verify_ReferrersWithoutTheirImage_IsValid_WithANote()
        {
            var set = new SignedImageSet();
            using var dir = new TempDirectory();
            string bundle = WriteReferrersOnly(dir, set);

            CliResult text = await CliRunner.RunAsync("verify", bundle);
            CliResult json = await CliRunner.RunAsync("verify", bundle, "--json");

            Assert.True(text.ExitCode == 0, text.ToString());
            Assert.Contains("valid", text.StdErr);
            Assert.Contains("note(s)", text.StdErr);
            foreach (CorpusContent referrer in new[] { set.Signature, set.Sbom, set.SbomSignature })
            {
                Assert.Contains(text.StdOut.Split('\n'), l => l.StartsWith("ok ", System.StringComparison.Ordinal) && l.Contains(referrer.Digest + "  note: Its subject " + set.Image.Digest + " ("));
            }

            Assert.True(json.ExitCode == 0, json.ToString());
            JsonElement report = JsonDocument.Parse(json.StdOut).RootElement;
            Assert.True(report.GetProperty("valid").GetBoolean());
            JsonElement cosign = report.GetProperty("artifacts").EnumerateArray().Single(a => a.GetProperty("digest").GetString() == set.CosignSignature.Digest);
            Assert.Equal(JsonValueKind.Null, cosign.GetProperty("note").ValueKind);
        }

        [Theory]
        [InlineData(RegistryKind.Fake)]
        [InlineData(RegistryKind.Distribution)]
        public async Task Import_ReferrersWithoutTheirImage_IntoTheRepositoryThatHoldsIt_AllImportedAndDiscoverable(RegistryKind kind)
        {
            var set = new SignedImageSet();
            using var dir = new TempDirectory();
            string bundle = WriteReferrersOnly(dir, set);
            await using ITestRegistry destination = await TestRegistry.StartAsync(kind);
            await SignedSetPush.PushAsync(destination, set.ImageUploads);

            CliResult import = await CliRunner.RunAsync("import", bundle, "--to", destination.Host, "--plain-http", "--json");

            Assert.True(import.ExitCode == 0, import.ToString());
            Assert.Equal(4, import.JsonLines.Count);
            Assert.All(import.JsonLines, j => Assert.Equal("copied", j.GetProperty("status").GetString()));
            foreach (CorpusContent referrer in set.AllReferrers)
            {
                Assert.Equal(referrer.Digest, await RegistryProbe.ManifestDigestAsync(destination.Host, SignedImageSet.App, referrer.Digest));
            }

            Assert.Equal(set.CosignSignature.Digest, await RegistryProbe.ManifestDigestAsync(destination.Host, SignedImageSet.App, set.CosignTag));
            Assert.Equal(set.ImageReferrers.Select(r => r.Digest).OrderBy(d => d, System.StringComparer.Ordinal), await ReferrerProbe.DigestsAsync(destination, SignedImageSet.App, set.Image.Digest));
            Assert.Equal(new[] { set.SbomSignature.Digest }, await ReferrerProbe.DigestsAsync(destination, SignedImageSet.App, set.Sbom.Digest));
        }

        [Theory]
        [InlineData(RegistryKind.Fake)]
        [InlineData(RegistryKind.Distribution)]
        public async Task Import_ReferrersWhoseImageIsNowhere_EachFailsSayingWhy_NothingWritten(RegistryKind kind)
        {
            var set = new SignedImageSet();
            using var dir = new TempDirectory();
            string bundle = WriteReferrersOnly(dir, set);
            await using ITestRegistry destination = await TestRegistry.StartAsync(kind);
            await SignedSetPush.PushAsync(destination, set.ImageUploads.Where(u => u.Content.Digest != set.Image.Digest).ToList());

            CliResult import = await CliRunner.RunAsync("import", bundle, "--to", destination.Host, "--plain-http", "--json");

            Assert.True(import.ExitCode == 1, import.ToString());
            Assert.Equal(4, import.JsonLines.Count);
            foreach (JsonElement result in import.JsonLines)
            {
                Assert.Equal("failed", result.GetProperty("status").GetString());
                JsonElement error = result.GetProperty("error");
                Assert.Equal("NotFound", error.GetProperty("kind").GetString());
                Assert.Contains("neither in bundle", error.GetProperty("message").GetString());
                Assert.Equal(set.Image.Digest, error.GetProperty("digest").GetString());
                Assert.Contains("first", error.GetProperty("recommendedAction").GetString());
            }

            Assert.Contains("refers to " + set.Sbom.Digest + ", which in the end refers to " + set.Image.Digest, import.StdErr);
            foreach (CorpusContent referrer in set.AllReferrers)
            {
                Assert.Null(await RegistryProbe.ManifestDigestAsync(destination.Host, SignedImageSet.App, referrer.Digest));
            }

            Assert.Empty(await ReferrerProbe.DigestsAsync(destination, SignedImageSet.App, set.Image.Digest));
            Assert.DoesNotContain(set.CosignTag, await RegistryProbe.TagsAsync(destination.Host, SignedImageSet.App));
        }

        /// <summary>The four referrers of the set, named under their repository (the cosign one by its tag), and their blobs; no image.</summary>
        private static string WriteReferrersOnly(TempDirectory dir, SignedImageSet set)
        {
            string bundle = dir.Combine("referrers-only");
            string app = Registry + "/" + SignedImageSet.App;
            var entries = new List<(CorpusContent, string?, string?)>
            {
                (set.Signature, app + "@" + set.Signature.Digest, null),
                (set.Sbom, app + "@" + set.Sbom.Digest, null),
                (set.SbomSignature, app + "@" + set.SbomSignature.Digest, null),
                (set.CosignSignature, app + ":" + set.CosignTag, set.CosignTag),
            };
            HandLayout.Write(bundle, set.ReferrerBlobs, entries);
            return bundle;
        }
    }
}
