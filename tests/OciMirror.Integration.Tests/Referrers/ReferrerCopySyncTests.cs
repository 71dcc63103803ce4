using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using OciMirror.Integration.Tests.Corpus;
using OciMirror.Integration.Tests.Infrastructure;
using OciMirror.Integration.Tests.Infrastructure.Fake;
using Xunit;

namespace OciMirror.Integration.Tests.Referrers
{
    /// <summary>
    /// Issue 9 on registry → registry copy and sync: the signed set (signature, SBOM, signature of the SBOM,
    /// cosign digest tag) travels with its image between registries with the referrers API (the fake) and
    /// without it (distribution 2.8: the tag schema), through the CLI; opt-out, artifactType filter, dry run,
    /// the sync-file key, and a bounded loop at concurrency 4 counting pushes.
    /// </summary>
    public sealed class ReferrerCopySyncTests
    {
        [Theory]
        [MemberData(nameof(ReferrerRoundTripTests.Pairs), MemberType = typeof(ReferrerRoundTripTests))]
        public async Task Copy_CarriesEveryReferrer_Recursively_Discoverable_ReRunWritesNothing(RegistryKind from, RegistryKind to)
        {
            var set = new SignedImageSet();
            await using ITestRegistry source = await TestRegistry.StartAsync(from);
            await SignedSetPush.PushAsync(source, set);
            await using ITestRegistry destination = await TestRegistry.StartAsync(to);

            CliResult copy = await CliRunner.RunAsync(new[] { "copy", "--to", destination.Host, "--plain-http", "--json" }.Concat(set.References(source.Host)).ToArray());

            Assert.True(copy.ExitCode == 0, copy.ToString());
            Assert.Equal(7, copy.JsonLines.Count);
            var carried = copy.JsonLines.Where(j => j.GetProperty("referrerOf").ValueKind == JsonValueKind.String).ToList();
            Assert.Equal(set.AllReferrers.Select(r => r.Digest).OrderBy(d => d), carried.Select(j => j.GetProperty("digest").GetString()).OrderBy(d => d));
            Assert.Equal(set.Sbom.Digest, carried.Single(j => j.GetProperty("digest").GetString() == set.SbomSignature.Digest).GetProperty("referrerOf").GetString());
            await AssertAllThereAsync(set, destination);

            CliResult again = await CliRunner.RunAsync(new[] { "copy", "--to", destination.Host, "--plain-http", "--json" }.Concat(set.References(source.Host)).ToArray());
            Assert.True(again.ExitCode == 0, again.ToString());
            Assert.Equal(7, again.JsonLines.Count);
            Assert.All(again.JsonLines, j => Assert.Equal("skipped", j.GetProperty("status").GetString()));
        }

        [Theory]
        [InlineData(RegistryKind.Fake)]
        [InlineData(RegistryKind.Distribution)]
        public async Task Copy_NoReferrers_AndReferrerType_LeaveOutWhatTheyShould(RegistryKind kind)
        {
            var set = new SignedImageSet();
            await using ITestRegistry source = await TestRegistry.StartAsync(kind);
            await SignedSetPush.PushAsync(source, set);
            string app = source.Host + "/" + SignedImageSet.App + ":1.0";

            await using ITestRegistry none = await TestRegistry.StartAsync(kind);
            CliResult plain = await CliRunner.RunAsync("copy", app, "--to", none.Host, "--plain-http", "--json", "--no-referrers");
            Assert.True(plain.ExitCode == 0, plain.ToString());
            Assert.Single(plain.JsonLines);
            Assert.Empty(await ReferrerProbe.DigestsAsync(none, SignedImageSet.App, set.Image.Digest));
            Assert.DoesNotContain(set.CosignTag, await RegistryProbe.TagsAsync(none.Host, SignedImageSet.App));

            await using ITestRegistry sboms = await TestRegistry.StartAsync(kind);
            CliResult typed = await CliRunner.RunAsync("copy", app, "--to", sboms.Host, "--plain-http", "--json", "--referrer-type", SignedImageSet.SbomType);
            Assert.True(typed.ExitCode == 0, typed.ToString());
            Assert.Equal(new[] { set.Image.Digest, set.Sbom.Digest }, typed.JsonLines.Select(j => j.GetProperty("digest").GetString()));
            Assert.Equal(new[] { set.Sbom.Digest }, await ReferrerProbe.DigestsAsync(sboms, SignedImageSet.App, set.Image.Digest));
            Assert.Empty(await ReferrerProbe.DigestsAsync(sboms, SignedImageSet.App, set.Sbom.Digest));

            CliResult both = await CliRunner.RunAsync("copy", app, "--to", sboms.Host, "--plain-http", "--no-referrers", "--referrer-type", SignedImageSet.SbomType);
            Assert.Equal(2, both.ExitCode);
        }

        [Theory]
        [InlineData(RegistryKind.Fake)]
        [InlineData(RegistryKind.Distribution)]
        public async Task Copy_Renamed_ReferrersFollowIntoTheNewRepository(RegistryKind kind)
        {
            var set = new SignedImageSet();
            await using ITestRegistry source = await TestRegistry.StartAsync(RegistryKind.Fake);
            await SignedSetPush.PushAsync(source, set);
            await using ITestRegistry destination = await TestRegistry.StartAsync(kind);

            CliResult copy = await CliRunner.RunAsync("copy", source.Host + "/" + SignedImageSet.App + ":1.0", destination.Host + "/prod/app:1.0", "--plain-http", "--json");

            Assert.True(copy.ExitCode == 0, copy.ToString());
            Assert.Equal(5, copy.JsonLines.Count);
            Assert.All(copy.JsonLines, j => Assert.StartsWith(destination.Host + "/prod/app", j.GetProperty("destination").GetString()));
            Assert.Equal(set.ImageReferrers.Select(r => r.Digest).OrderBy(d => d, StringComparer.Ordinal), await ReferrerProbe.DigestsAsync(destination, "prod/app", set.Image.Digest));
            Assert.Equal(new[] { set.SbomSignature.Digest }, await ReferrerProbe.DigestsAsync(destination, "prod/app", set.Sbom.Digest));
            Assert.Equal(set.CosignSignature.Digest, await RegistryProbe.ManifestDigestAsync(destination.Host, "prod/app", set.CosignTag));
            Assert.Null(await RegistryProbe.ManifestDigestAsync(destination.Host, SignedImageSet.App, set.Signature.Digest));
        }

        [Fact]
        public async Task Copy_DryRun_ListsTheReferrersItWouldCarry_WritesNothing()
        {
            var set = new SignedImageSet();
            await using ITestRegistry source = await TestRegistry.StartAsync(RegistryKind.Fake);
            await SignedSetPush.PushAsync(source, set);
            await using ITestRegistry destination = await TestRegistry.StartAsync(RegistryKind.Distribution);

            CliResult plan = await CliRunner.RunAsync("copy", source.Host + "/" + SignedImageSet.App + ":1.0", "--to", destination.Host, "--plain-http", "--dry-run");

            Assert.True(plan.ExitCode == 0, plan.ToString());
            foreach (CorpusContent referrer in set.AllReferrers)
            {
                Assert.Contains(plan.StdOut.Split('\n'), l => l.StartsWith("would-copy ", StringComparison.Ordinal) && l.Contains(referrer.Digest) && l.Contains("referrer of sha256:"));
            }

            Assert.Empty(await RegistryProbe.CatalogAsync(destination.Host));
        }

        [Theory]
        [InlineData(RegistryKind.Fake, RegistryKind.Distribution)]
        [InlineData(RegistryKind.Distribution, RegistryKind.Fake)]
        [InlineData(RegistryKind.Distribution, RegistryKind.Distribution)]
        public async Task Sync_OfTheRepository_CarriesReferrers_DigestTagsCopiedOnce(RegistryKind from, RegistryKind to)
        {
            var set = new SignedImageSet();
            await using ITestRegistry source = await TestRegistry.StartAsync(from);
            await SignedSetPush.PushAsync(source, set);
            await using ITestRegistry destination = await TestRegistry.StartAsync(to);

            CliResult sync = await CliRunner.RunAsync("sync", "--src", source.Host + "/" + SignedImageSet.App, "--to", destination.Host, "--plain-http", "--json");

            Assert.True(sync.ExitCode == 0, sync.ToString());
            // 1.0 and its four referrers, each reported once: the cosign tag travels as a referrer of 1.0, not as
            // a tag of its own besides; a source without the API also has its two sha256-<hex> index tags, copied
            // as the tags they are (their referrers are then already there and listed).
            int indexes = source.HasReferrersApi ? 0 : 2;
            Assert.Equal(5 + indexes, sync.JsonLines.Count);
            Assert.Equal(5 + indexes, sync.JsonLines.Select(j => j.GetProperty("digest").GetString()).Distinct().Count());
            Assert.Single(sync.JsonLines, j => j.GetProperty("digest").GetString() == set.CosignSignature.Digest && j.GetProperty("referrerOf").GetString() == set.Image.Digest);
            await AssertReferrersOfAppAsync(set, destination);
        }

        [Fact]
        public async Task Sync_File_ReferrersKey_TurnsThemOffForItsEntry()
        {
            var set = new SignedImageSet();
            await using ITestRegistry source = await TestRegistry.StartAsync(RegistryKind.Distribution);
            await SignedSetPush.PushAsync(source, set);
            await using ITestRegistry destination = await TestRegistry.StartAsync(RegistryKind.Distribution);
            using var dir = new TempDirectory();
            string file = dir.Combine("sync.yaml");
            File.WriteAllText(file, $"{source.Host}:\n  repositories:\n    {SignedImageSet.App}:\n      tags: ['1.0']\n      referrers: false\n    {SignedImageSet.Tool}:\n      tags: ['1.0']\n");

            CliResult sync = await CliRunner.RunAsync("sync", "--src", file, "--to", destination.Host, "--plain-http", "--json");

            Assert.True(sync.ExitCode == 0, sync.ToString());
            Assert.Equal(2, sync.JsonLines.Count);
            Assert.Empty(await ReferrerProbe.DigestsAsync(destination, SignedImageSet.App, set.Image.Digest));
        }

        [Fact]
        public async Task Sync_RegistryToBundleToRegistry_CarriesReferrers_AndOneBundleTakesOneReferrerSelection()
        {
            var set = new SignedImageSet();
            await using ITestRegistry source = await TestRegistry.StartAsync(RegistryKind.Fake);
            await SignedSetPush.PushAsync(source, set);
            await using ITestRegistry destination = await TestRegistry.StartAsync(RegistryKind.Distribution);
            using var dir = new TempDirectory();
            string file = dir.Combine("sync.yaml");
            string bundle = dir.Combine("mirror.tgz");
            File.WriteAllText(file, $"{source.Host}:\n  images:\n    {SignedImageSet.App}: ['1.0']\n    {SignedImageSet.Tool}: ['1.0']\n");

            CliResult toBundle = await CliRunner.RunAsync("sync", "--src", file, "--to", bundle, "--plain-http", "--json");
            CliResult fromBundle = await CliRunner.RunAsync("sync", "--src", bundle, "--to", destination.Host, "--plain-http", "--json");

            Assert.True(toBundle.ExitCode == 0, toBundle.ToString());
            Assert.Equal(6, toBundle.JsonLines.Count);
            Assert.True(fromBundle.ExitCode == 0, fromBundle.ToString());
            await AssertReferrersOfAppAsync(set, destination);

            string mixed = dir.Combine("mixed.yaml");
            File.WriteAllText(mixed, $"{source.Host}:\n  repositories:\n    {SignedImageSet.App}:\n      tags: ['1.0']\n      referrers: false\n    {SignedImageSet.Tool}:\n      tags: ['1.0']\n");
            CliResult refused = await CliRunner.RunAsync("sync", "--src", mixed, "--to", dir.Combine("mixed.tgz"), "--plain-http");
            Assert.Equal(2, refused.ExitCode);
            Assert.Contains("one referrer selection", refused.StdErr);
            Assert.False(File.Exists(dir.Combine("mixed.tgz")));
        }

        /// <summary>
        /// Concurrency 4, eight rounds, three images whose referrers share nothing but the subject: every manifest
        /// is pushed by digest once, the referrers tag index lists both referrers of the image (no lost write).
        /// </summary>
        [Fact]
        public async Task Copy_AtConcurrencyFour_PushesEveryManifestOnce_LosesNoIndexEntry()
        {
            var set = new SignedImageSet();
            await using ITestRegistry source = await TestRegistry.StartAsync(RegistryKind.Fake);
            await SignedSetPush.PushAsync(source, set);
            for (int round = 0; round < 8; round++)
            {
                await using FakeRegistry destination = await FakeRegistry.StartAsync(new FakeRegistryOptions { ReferrersApi = false });
                CliResult copy = await CliRunner.RunAsync(new[] { "copy", "--to", destination.Host, "--plain-http", "--json", "--concurrency", "4" }.Concat(set.References(source.Host)).ToArray());

                Assert.True(copy.ExitCode == 0, $"round {round}: {copy}");
                var pushes = destination.Requests.Where(r => r.Method == "PUT" && r.PathAndQuery.Contains("/manifests/sha256:", StringComparison.Ordinal))
                    .GroupBy(r => r.PathAndQuery).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
                Assert.True(pushes.Count == 0, $"round {round}: pushed more than once: {string.Join(", ", pushes)}");
                Assert.Equal(set.ImageReferrers.Select(r => r.Digest).OrderBy(d => d, StringComparer.Ordinal), destination.TagIndexDigests(SignedImageSet.App, "sha256-" + set.Image.Hex).OrderBy(d => d, StringComparer.Ordinal));
            }
        }

        private static async Task AssertAllThereAsync(SignedImageSet set, ITestRegistry destination)
        {
            await AssertReferrersOfAppAsync(set, destination);
            Assert.Equal(set.ToolImage.Digest, await RegistryProbe.ManifestDigestAsync(destination.Host, SignedImageSet.Tool, "1.0"));
            Assert.Equal(set.BaseImage.Digest, await RegistryProbe.ManifestDigestAsync(destination.Host, SignedImageSet.Base, "2.0"));
        }

        private static async Task AssertReferrersOfAppAsync(SignedImageSet set, ITestRegistry destination)
        {
            foreach (CorpusContent referrer in set.AllReferrers)
            {
                Assert.Equal(referrer.Digest, await RegistryProbe.ManifestDigestAsync(destination.Host, SignedImageSet.App, referrer.Digest));
            }

            Assert.Equal(set.CosignSignature.Digest, await RegistryProbe.ManifestDigestAsync(destination.Host, SignedImageSet.App, set.CosignTag));
            Assert.Equal(set.ImageReferrers.Select(r => r.Digest).OrderBy(d => d, StringComparer.Ordinal), await ReferrerProbe.DigestsAsync(destination, SignedImageSet.App, set.Image.Digest));
            Assert.Equal(new[] { set.SbomSignature.Digest }, await ReferrerProbe.DigestsAsync(destination, SignedImageSet.App, set.Sbom.Digest));
        }
    }
}
