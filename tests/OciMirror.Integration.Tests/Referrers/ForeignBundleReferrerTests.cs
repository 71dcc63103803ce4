using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using OciMirror.Integration.Tests.Corpus;
using OciMirror.Integration.Tests.Infrastructure;
using Xunit;

namespace OciMirror.Integration.Tests.Referrers
{
    /// <summary>
    /// Referrers in bundles other tools write: oras backup (tag-only image entry, referrers as unnamed
    /// index.json entries) and regclient's ocidir (a <c>sha256-&lt;hex&gt;</c> tagged index listing referrers
    /// that are not entries themselves).
    /// </summary>
    public sealed class ForeignBundleReferrerTests
    {
        [Theory]
        [InlineData(RegistryKind.Fake)]
        [InlineData(RegistryKind.Distribution)]
        public async Task OrasBackupStyle_UnnamedReferrers_GoWithTheirImage(RegistryKind kind)
        {
            var set = new SignedImageSet();
            using var dir = new TempDirectory();
            string bundle = dir.Combine("oras-backup");
            HandLayout.Write(bundle, ImageBlobs(set).Concat(set.ReferrerBlobs), new (CorpusContent, string?, string?)[]
            {
                (set.Image, null, "1.0"),
                (set.Signature, null, null),
                (set.Sbom, null, null),
                (set.SbomSignature, null, null),
            });
            await using ITestRegistry destination = await TestRegistry.StartAsync(kind);

            CliResult import = await CliRunner.RunAsync("import", bundle, "--to", destination.Host + "/team/app", "--plain-http", "--json");

            Assert.True(import.ExitCode == 0, import.ToString());
            Assert.Equal(set.Image.Digest, await RegistryProbe.ManifestDigestAsync(destination.Host, "team/app", "1.0"));
            Assert.Equal(set.ImageReferrers.Select(r => r.Digest).OrderBy(d => d, System.StringComparer.Ordinal), await ReferrerProbe.DigestsAsync(destination, "team/app", set.Image.Digest));
            Assert.Equal(new[] { set.SbomSignature.Digest }, await ReferrerProbe.DigestsAsync(destination, "team/app", set.Sbom.Digest));
        }

        [Theory]
        [InlineData(RegistryKind.Fake)]
        [InlineData(RegistryKind.Distribution)]
        public async Task RegclientStyle_TagSchemaEntry_ItsReferrersAreImported_TheIndexIsNot(RegistryKind kind)
        {
            var set = new SignedImageSet();
            using var dir = new TempDirectory();
            string bundle = dir.Combine("ocidir");
            string app = "example.com/" + SignedImageSet.App;
            CorpusContent tagIndex = SignedImageSet.TagIndex(set.Signature, set.Sbom);
            HandLayout.Write(bundle, ImageBlobs(set).Concat(set.ReferrerBlobs).Concat(new[] { set.Signature, set.Sbom }), new (CorpusContent, string?, string?)[]
            {
                (set.Image, app + ":1.0", "1.0"),
                (tagIndex, app + ":sha256-" + set.Image.Hex, "sha256-" + set.Image.Hex),
            });
            await using ITestRegistry destination = await TestRegistry.StartAsync(kind);

            CliResult import = await CliRunner.RunAsync("import", bundle, "--to", destination.Host, "--plain-http", "--json");

            Assert.True(import.ExitCode == 0, import.ToString());
            Assert.Equal(3, import.JsonLines.Count);
            Assert.Equal(set.ImageReferrers.Select(r => r.Digest).OrderBy(d => d, System.StringComparer.Ordinal), await ReferrerProbe.DigestsAsync(destination, SignedImageSet.App, set.Image.Digest));
            if (destination.HasReferrersApi)
            {
                Assert.DoesNotContain("sha256-" + set.Image.Hex, await RegistryProbe.TagsAsync(destination.Host, SignedImageSet.App));
            }
        }

        private static IEnumerable<CorpusContent> ImageBlobs(SignedImageSet set) =>
            set.ImageUploads.Where(u => !u.IsManifest && u.Repository == SignedImageSet.App).Select(u => u.Content);
    }
}
