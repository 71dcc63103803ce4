using System;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Errors;
using OciMirror.Core.Model;
using OciMirror.Core.Operations;
using OciMirror.Core.Tests.TestDoubles;
using Xunit;

namespace OciMirror.Core.Tests.Bundles
{
    /// <summary>Issue 3's hostile-archive table at import: refused or skipped naming the entry, nothing extracted, nothing pushed for the bad blob, no tag for what depends on it.</summary>
    public class HostileImportTests
    {
        private readonly MemoryRegistry _registry = new MemoryRegistry();
        private readonly RecordingObserver _observer = new RecordingObserver();

        private Task<OperationSummary> Import(MaterializedBundle bundle) =>
            new ImportOperation(new ImportRequest { BundlePath = bundle.Path, InputStream = bundle.Stream, Destination = "registry.local" }, _registry)
                .RunAsync(_observer, CancellationToken.None);

        private bool AnyTag => new[] { "team/good", "team/victim", "team/huge", "ocimirror-staging" }
            .Any(r => _registry.Find("registry.local", r)?.TagNames.Count > 0);

        private bool AnyRepositoryHas(Digest d) => new[] { "team/good", "team/victim", "team/huge", "ocimirror-staging" }
            .Any(r => _registry.Find("registry.local", r)?.Has(d) == true);

        public static TheoryData<string, BundleForm> RefusedCases()
        {
            var data = new TheoryData<string, BundleForm>();
            foreach (string c in HostileCase.Refused.Keys.Concat(new[] { HostileCase.Duplicate }))
            {
                data.Add(c, BundleForm.TarFile);
                data.Add(c, BundleForm.TgzStream);
                data.Add(c, BundleForm.ZstFile);
            }

            return data;
        }

        [Theory]
        [MemberData(nameof(RefusedCases))]
        public async Task HostileEntry_IsRefusedNamingIt_AndNothingIsTaggedOrExtracted(string hostile, BundleForm form)
        {
            var (b, _, victim) = HostileCase.TwoImages();
            string named;
            if (hostile == HostileCase.Duplicate)
            {
                TestBundle.Entry first = b.Blob(HostileCase.VictimLayer(b, victim).Digest);
                b.Extra.Add(new TestBundle.Entry("./" + first.Name, first.Data));
                named = first.Name;
            }
            else
            {
                b.Extra.Add(HostileCase.Refused[hostile].Entry);
                named = HostileCase.Refused[hostile].Named;
            }

            using var bundle = MaterializedBundle.FromBytes(b.Encode(form), form);
            string[] before = bundle.Files();

            OciException e = await Assert.ThrowsAsync<OciException>(() => Import(bundle));

            Assert.Equal(OciErrorKind.InvalidLayout, e.Kind);
            Assert.Contains("'" + named + "'", e.Message);
            Assert.False(AnyTag);
            Assert.Equal(before, bundle.Files());
        }

        [Theory]
        [InlineData(BundleForm.TarFile)]
        [InlineData(BundleForm.TgzStream)]
        [InlineData(BundleForm.ZstStream)]
        public async Task EntryOutsideTheLayout_IsSkippedWithAWarning(BundleForm form)
        {
            var (b, good, _) = HostileCase.TwoImages();
            b.Extra.Add(new TestBundle.Entry("notes/readme.txt", Encoding.ASCII.GetBytes("hello")));
            b.Extra.Add(new TestBundle.Entry("manifest.json", Encoding.ASCII.GetBytes("[]")));
            using var bundle = MaterializedBundle.FromBytes(b.Encode(form), form);

            OperationSummary summary = await Import(bundle);

            Assert.Equal(2, summary.Copied);
            Assert.Single(_observer.Logs, l => l.StartsWith("Warning") && l.Contains("'notes/readme.txt'"));
            Assert.DoesNotContain(_observer.Logs, l => l.StartsWith("Warning") && l.Contains("manifest.json")); // docker save's, expected
        }

        [Theory]
        [InlineData(BundleForm.TarFile, false)]
        [InlineData(BundleForm.TgzStream, false)]
        [InlineData(BundleForm.TarStream, true)]
        [InlineData(BundleForm.TgzFile, true)]
        [InlineData(BundleForm.ZstStream, false)]
        [InlineData(BundleForm.ZstFile, true)]
        public async Task BlobWhoseBytesDoNotMatchItsName_IsNeverPushed_AndOnlyItsArtifactFails(BundleForm form, bool large)
        {
            var b = new TestBundle();
            Descriptor good = b.AddImage("good", "docker.io/team/good:1", "1");
            Descriptor victim = large ? b.AddLargeImage("victim", 5 * 1024 * 1024) : b.AddImage("victim", "docker.io/team/victim:1", "1");
            Descriptor bad = HostileCase.VictimLayer(b, victim);
            if (large)
            {
                bad = ManifestInfo.Parse(victim, b.Content.Bytes(victim.Digest)).Children.Single(c => c.Size > 4 * 1024 * 1024);
            }

            byte[] corrupt = (byte[])b.Blob(bad.Digest).Data.Clone();
            corrupt[corrupt.Length / 2] ^= 0xFF;
            b.Blob(bad.Digest).Data = corrupt;
            using var bundle = MaterializedBundle.FromBytes(b.Encode(form), form);

            OperationSummary summary = await Import(bundle);

            ArtifactResult failed = summary.Results.Single(r => r.Status == ArtifactStatus.Failed);
            Assert.Contains(large ? "victim" : "team/victim", failed.Input);
            Assert.Equal(OciErrorKind.DigestMismatch, failed.Error!.Kind);
            Assert.Contains(bad.Digest.ToString(), failed.Error.Message);
            Assert.Equal(1, summary.Copied);
            Assert.Equal(0, AccessCounts.Get(_registry.Counts.Pushes, bad.Digest));
            Assert.False(AnyRepositoryHas(bad.Digest));
            Assert.False(AnyRepositoryHas(victim.Digest));
            Assert.Empty(_registry.Repository(large ? "registry.local/library/victim" : "registry.local/team/victim").TagNames);
            Assert.Equal(good.Digest, (await _registry.Repository("registry.local/team/good").ResolveAsync("1", default)).Digest);
        }

        [Theory]
        [InlineData(BundleForm.TarFile)]
        [InlineData(BundleForm.TgzStream)]
        [InlineData(BundleForm.ZstFile)]
        public async Task MissingChild_FailsOnlyItsArtifact(BundleForm form)
        {
            var (b, good, victim) = HostileCase.TwoImages();
            Descriptor missing = HostileCase.VictimLayer(b, victim);
            b.Blobs.Remove(b.Blob(missing.Digest));
            using var bundle = MaterializedBundle.FromBytes(b.Encode(form), form);

            OperationSummary summary = await Import(bundle);

            ArtifactResult failed = summary.Results.Single(r => r.Status == ArtifactStatus.Failed);
            Assert.Equal(OciErrorKind.NotFound, failed.Error!.Kind);
            Assert.Contains(missing.Digest.ToString(), failed.Error.Message);
            Assert.Empty(_registry.Repository("registry.local/team/victim").TagNames);
            Assert.Equal(1, summary.Copied);
        }

        [Theory]
        [InlineData(BundleForm.TarFile)]
        [InlineData(BundleForm.TgzFile)]
        [InlineData(BundleForm.TarStream)]
        [InlineData(BundleForm.ZstStream)]
        public async Task EntryShorterThanItsHeader_IsRefusedNamingIt(BundleForm form)
        {
            var (b, _, victim) = HostileCase.TwoImages();
            TestBundle.Entry cut = b.Blob(HostileCase.VictimLayer(b, victim).Digest);
            b.Extra.Add(new TestBundle.Entry("blobs/sha256/" + new string('a', 64), cut.Data, declaredSize: cut.Data.Length + 4096));
            using var bundle = MaterializedBundle.FromBytes(b.Encode(form), form);

            OciException e = await Assert.ThrowsAsync<OciException>(() => Import(bundle));

            Assert.Equal(OciErrorKind.InvalidLayout, e.Kind);
            Assert.Contains("truncated", e.Message);
            Assert.Contains(new string('a', 64), e.Message);
            Assert.False(AnyTag);
        }

        [Fact]
        public async Task StreamCutAfterIndexJson_ImportsWhatArrivedComplete_AndFailsTheRest()
        {
            var (b, good, victim) = HostileCase.TwoImages();
            b.IndexFirst = true;
            Descriptor last = HostileCase.VictimLayer(b, victim);
            TestBundle.Entry cut = b.Blob(last.Digest);
            b.Blobs.Remove(cut);
            b.Blobs.Add(new TestBundle.Entry(cut.Name, cut.Data.Take(3).ToArray(), declaredSize: cut.Data.Length));
            using var bundle = MaterializedBundle.FromBytes(b.ToTgz(), BundleForm.TgzStream);

            OperationSummary summary = await Import(bundle);

            ArtifactResult failed = summary.Results.Single(r => r.Status == ArtifactStatus.Failed);
            Assert.Contains(last.Digest.ToString(), failed.Error!.Message);
            Assert.Empty(_registry.Repository("registry.local/team/victim").TagNames);
            Assert.Equal(good.Digest, (await _registry.Repository("registry.local/team/good").ResolveAsync("1", default)).Digest);
            Assert.Contains(_observer.Logs, l => l.StartsWith("Warning") && l.Contains("truncated"));
            Assert.Contains("truncated", failed.Error.Message);
        }

        [Theory]
        [InlineData(BundleForm.ZstFile)]
        [InlineData(BundleForm.ZstStream)]
        public async Task TruncatedZstd_IsRefusedNamingTheFrame_NothingTagged(BundleForm form)
        {
            var (b, _, _) = HostileCase.TwoImages();
            b.AddLargeImage("big", 300_000);
            byte[] zst = b.ToZst();
            using var bundle = MaterializedBundle.FromBytes(zst.Take(zst.Length * 2 / 3).ToArray(), form, "bundle.tar.zst");

            OciException e = await Assert.ThrowsAsync<OciException>(() => Import(bundle));

            Assert.Equal(OciErrorKind.InvalidLayout, e.Kind);
            Assert.Contains("truncated", e.Message);
            Assert.Contains("zstd frame", e.Message);
            Assert.Contains("index.json never arrived", e.Message);
            Assert.False(AnyTag);
        }

        [Theory]
        [InlineData(BundleForm.TgzFile)]
        [InlineData(BundleForm.TgzStream)]
        public async Task TruncatedGzip_IsRefused_NothingTagged(BundleForm form)
        {
            var (b, _, _) = HostileCase.TwoImages();
            b.AddLargeImage("big", 300_000);
            byte[] tgz = b.ToTgz();
            using var bundle = MaterializedBundle.FromBytes(tgz.Take(tgz.Length * 2 / 3).ToArray(), form, "bundle.tgz");

            OciException e = await Assert.ThrowsAsync<OciException>(() => Import(bundle));

            Assert.Equal(OciErrorKind.InvalidLayout, e.Kind);
            Assert.Contains("truncated", e.Message);
            Assert.Contains("index.json never arrived", e.Message);
            Assert.False(AnyTag);
        }

        [Fact]
        public async Task GzipMemberInflatingPastItsDeclaredSize_IsRefused()
        {
            var (b, _, _) = HostileCase.TwoImages();
            b.AddLargeImage("big", 300_000);
            using var bundle = MaterializedBundle.FromBytes(HostileCase.GzipWithOversizedFirstMember(b.ToTar()), BundleForm.TgzFile, "bundle.tgz");

            OciException e = await Assert.ThrowsAsync<OciException>(() => Import(bundle));

            Assert.Equal(OciErrorKind.InvalidLayout, e.Kind);
            Assert.Contains("CRC-32/length", e.Message);
            Assert.Contains("bundle.tgz", e.Message);
            Assert.False(AnyTag);
        }

        [Theory]
        [InlineData(BundleForm.TarFile)]
        [InlineData(BundleForm.TgzStream)]
        [InlineData(BundleForm.ZstStream)]
        public async Task ManifestOver4MiB_FailsItsArtifact(BundleForm form)
        {
            var (b, good, _) = HostileCase.TwoImages();
            Descriptor huge = HostileCase.AddOversizedManifest(b);
            using var bundle = MaterializedBundle.FromBytes(b.Encode(form), form);

            OperationSummary summary = await Import(bundle);

            ArtifactResult failed = summary.Results.Single(r => r.Status == ArtifactStatus.Failed);
            Assert.Equal("docker.io/team/huge:1", failed.Input);
            Assert.Contains("limit", failed.Error!.Message);
            // A stream stages a 5 MiB blob before index.json says it is meant as a manifest; it stays
            // untagged in staging (the garbage collector's) and never reaches the target repository.
            Assert.False(_registry.Repository("registry.local/team/huge").Has(huge.Digest));
            Assert.Empty(_registry.Repository("registry.local/team/huge").TagNames);
            Assert.Equal(2, summary.Copied);
        }

        [Theory]
        [InlineData(BundleForm.TarFile)]
        [InlineData(BundleForm.TgzStream)]
        [InlineData(BundleForm.ZstStream)]
        public async Task IndexJsonThatIsNotJson_IsRefusedNamingIt(BundleForm form)
        {
            var (b, _, _) = HostileCase.TwoImages();
            b.IndexOverride = Encoding.ASCII.GetBytes("{\"manifests\": [ this is not json");
            using var bundle = MaterializedBundle.FromBytes(b.Encode(form), form);

            OciException e = await Assert.ThrowsAsync<OciException>(() => Import(bundle));

            Assert.Equal(OciErrorKind.InvalidLayout, e.Kind);
            Assert.Contains("index.json", e.Message);
            Assert.Contains("not valid JSON", e.Message);
            Assert.False(AnyTag);
        }
    }
}
