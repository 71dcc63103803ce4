using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using OciMirror.Integration.Tests.Corpus;
using OciMirror.Integration.Tests.Infrastructure;
using Xunit;

namespace OciMirror.Integration.Tests.Referrers
{
    /// <summary>
    /// Issue 9: an image with a signature, an SBOM and a signature of the SBOM (plus a cosign digest-tag
    /// signature), exported with two other images into one bundle and imported, through the CLI, between
    /// registries with the referrers API (the fake) and without it (distribution 2.8: the tag schema).
    /// </summary>
    public sealed class ReferrerRoundTripTests
    {
        public static IEnumerable<object[]> Pairs() =>
            from s in new[] { RegistryKind.Fake, RegistryKind.Distribution }
            from d in new[] { RegistryKind.Fake, RegistryKind.Distribution }
            select new object[] { s, d };

        [Theory]
        [MemberData(nameof(Pairs))]
        public async Task SignedImage_ExportedWithTwoOthers_Imported_EveryReferrerPresentAndDiscoverable(RegistryKind from, RegistryKind to)
        {
            var set = new SignedImageSet();
            await using ITestRegistry source = await TestRegistry.StartAsync(from);
            await SignedSetPush.PushAsync(source, set);
            using var dir = new TempDirectory();
            string bundle = dir.Combine("bundle");

            CliResult export = await CliRunner.RunAsync(new[] { "export", "-o", bundle, "--plain-http", "--json" }.Concat(set.References(source.Host)).ToArray());

            Assert.True(export.ExitCode == 0, export.ToString());
            Assert.Equal(7, export.JsonLines.Count);
            var carried = export.JsonLines.Where(j => j.GetProperty("referrerOf").ValueKind == JsonValueKind.String).ToList();
            Assert.Equal(set.AllReferrers.Select(r => r.Digest).OrderBy(d => d), carried.Select(j => j.GetProperty("digest").GetString()).OrderBy(d => d));
            Assert.Equal(set.Sbom.Digest, carried.Single(j => j.GetProperty("digest").GetString() == set.SbomSignature.Digest).GetProperty("referrerOf").GetString());
            var entries = BundleInspector.IndexEntries(bundle);
            string app = source.Host + "/" + SignedImageSet.App;
            foreach (CorpusContent referrer in new[] { set.Signature, set.Sbom, set.SbomSignature })
            {
                // DESIGN §4: a referrer is an entry under its subject's repository, without a tag.
                var entry = Assert.Single(entries, e => e.Digest == referrer.Digest);
                Assert.Equal(app + "@" + referrer.Digest, entry.Annotations["io.containerd.image.name"]);
                Assert.False(entry.Annotations.ContainsKey("org.opencontainers.image.ref.name"));
            }

            var cosign = Assert.Single(entries, e => e.Digest == set.CosignSignature.Digest);
            Assert.Equal(set.CosignTag, cosign.Annotations["org.opencontainers.image.ref.name"]);
            Assert.Empty(BundleInspector.BlobProblems(bundle));
            CliResult verify = await CliRunner.RunAsync("verify", bundle);
            Assert.True(verify.ExitCode == 0, verify.ToString());

            await using ITestRegistry destination = await TestRegistry.StartAsync(to);
            CliResult import = await CliRunner.RunAsync("import", bundle, "--to", destination.Host, "--plain-http", "--json");

            Assert.True(import.ExitCode == 0, import.ToString());
            Assert.Equal(7, import.JsonLines.Count);
            foreach (CorpusContent referrer in set.AllReferrers)
            {
                Assert.Equal(referrer.Digest, await RegistryProbe.ManifestDigestAsync(destination.Host, SignedImageSet.App, referrer.Digest));
            }

            Assert.Equal(set.CosignSignature.Digest, await RegistryProbe.ManifestDigestAsync(destination.Host, SignedImageSet.App, set.CosignTag));
            Assert.Equal(set.ImageReferrers.Select(r => r.Digest).OrderBy(d => d, StringComparer.Ordinal), await ReferrerProbe.DigestsAsync(destination, SignedImageSet.App, set.Image.Digest));
            Assert.Equal(new[] { set.SbomSignature.Digest }, await ReferrerProbe.DigestsAsync(destination, SignedImageSet.App, set.Sbom.Digest));
            JsonObject sbom = (await ReferrerProbe.ListAsync(destination, SignedImageSet.App, set.Image.Digest)).Single(m => (string?)m["digest"] == set.Sbom.Digest);
            Assert.Equal(SignedImageSet.SbomType, (string?)sbom["artifactType"]);
            Assert.Equal(SignedImageSet.Created, (string?)sbom["annotations"]?["org.opencontainers.image.created"]);

            // Importing again writes nothing new and says so.
            CliResult again = await CliRunner.RunAsync("import", bundle, "--to", destination.Host, "--plain-http", "--json");
            Assert.True(again.ExitCode == 0, again.ToString());
            Assert.All(again.JsonLines, j => Assert.Equal(0, j.GetProperty("bytesCopied").GetInt64()));
        }
    }
}
