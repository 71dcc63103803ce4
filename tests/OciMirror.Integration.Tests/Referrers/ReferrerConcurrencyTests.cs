using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Diagnostics;
using OciMirror.Core.Model;
using OciMirror.Core.References;
using OciMirror.Core.Referrers;
using OciMirror.Core.Registry;
using OciMirror.Integration.Tests.Corpus;
using OciMirror.Integration.Tests.Infrastructure;
using OciMirror.Integration.Tests.Infrastructure.Fake;
using Xunit;

namespace OciMirror.Integration.Tests.Referrers
{
    /// <summary>
    /// The referrers tag schema is a read-modify-write of one tag: concurrent writers of one subject must
    /// not lose entries. In one process every writer of a tag takes the same lock; across processes the
    /// PUT is conditional (If-Match), which a registry that honours it turns into a retry.
    /// </summary>
    public sealed class ReferrerConcurrencyTests
    {
        private const int Writers = 4;
        private const int Rounds = 8;
        private const int ConditionalRounds = 20;

        [Fact]
        public async Task ConcurrentImports_OfReferrersOfOneSubject_IntoDistribution_LoseNoEntry()
        {
            await using ITestRegistry destination = await TestRegistry.StartAsync(RegistryKind.Distribution);
            for (int round = 0; round < Rounds; round++)
            {
                var set = new SignedImageSet("-round-" + round);
                await SignedSetPush.PushAsync(destination, set.ImageUploads);
                using var dir = new TempDirectory();
                var signatures = new List<CorpusContent>();
                var bundles = new List<string>();
                for (int i = 0; i < Writers; i++)
                {
                    (CorpusContent signature, IReadOnlyList<CorpusContent> blobs) = set.NewSignature($"signature {i} of round {round}");
                    string bundle = dir.Combine("bundle-" + i);
                    HandLayout.Write(bundle, blobs, new[] { (signature, (string?)("example.com/" + SignedImageSet.App + "@" + signature.Digest), (string?)null) });
                    signatures.Add(signature);
                    bundles.Add(bundle);
                }

                CliResult[] imports = await Task.WhenAll(bundles.Select(b => CliRunner.RunAsync("import", b, "--to", destination.Host, "--plain-http")));

                Assert.All(imports, r => Assert.True(r.ExitCode == 0, r.ToString()));
                Assert.Equal(signatures.Select(s => s.Digest).OrderBy(d => d, StringComparer.Ordinal), await ReferrerProbe.DigestsAsync(destination, SignedImageSet.App, set.Image.Digest));
            }
        }

        [Fact]
        public async Task WritersOfSeparateProcesses_RegistryHonoursIfMatch_LoseNoEntry()
        {
            await using FakeRegistry registry = await FakeRegistry.StartAsync(new FakeRegistryOptions { ReferrersApi = false, HonourConditions = true });
            using var client = new RegistryClient(new RegistryAccessOptions { PlainHttp = true });
            var repository = (RegistryRepository)client.GetRepository(Reference.ParseRepository(registry.Host + "/" + SignedImageSet.App));
            for (int round = 0; round < ConditionalRounds; round++)
            {
                var set = new SignedImageSet("-round-" + round);
                var listings = new List<Descriptor>();
                for (int i = 0; i < Writers; i++)
                {
                    (CorpusContent signature, IReadOnlyList<CorpusContent> blobs) = set.NewSignature($"signature {i} of round {round}");
                    await SignedSetPush.PushAsync(registry, blobs.Select(b => new CorpusUpload(SignedImageSet.App, b, false, null)).Append(new CorpusUpload(SignedImageSet.App, signature, true, null)).ToList());
                    listings.Add(new Descriptor(signature.MediaType, Digest.Parse(signature.Digest), signature.Size, null, null, SignedImageSet.SignatureType));
                }

                Digest subject = Digest.Parse(set.Image.Digest);

                // One lock per writer: what separate processes have. Only the conditional PUT protects them.
                await Task.WhenAll(listings.Select(l => Task.Run(() => ReferrersTagIndex.AddAsync(repository, "repo", subject, l, NullLogSink.Instance, CancellationToken.None, new KeyedLock()))));

                Assert.Equal(listings.Select(l => l.Digest.ToString()).OrderBy(d => d, StringComparer.Ordinal), registry.TagIndexDigests(SignedImageSet.App, ReferrerTags.TagSchemaTag(subject)));
            }
        }
    }
}
