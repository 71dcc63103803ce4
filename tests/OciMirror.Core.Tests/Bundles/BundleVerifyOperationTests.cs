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
    public class BundleVerifyOperationTests
    {
        private readonly RecordingObserver _observer = new RecordingObserver();

        private Task<BundleVerifyReport> Verify(MaterializedBundle bundle) =>
            new BundleVerifyOperation(new BundleRequest { BundlePath = bundle.Path, InputStream = bundle.Stream }).RunAsync(_observer, CancellationToken.None);

        [Theory]
        [InlineData(BundleForm.Directory)]
        [InlineData(BundleForm.TarFile)]
        [InlineData(BundleForm.TgzFile)]
        [InlineData(BundleForm.TarStream)]
        [InlineData(BundleForm.TgzStream)]
        [InlineData(BundleForm.ZstFile)]
        [InlineData(BundleForm.ZstStream)]
        public async Task GoodBundle_IsValid_EveryBlobHashed_ProgressReported(BundleForm form)
        {
            var (b, _, _) = HostileCase.TwoImages();
            b.AddLargeImage("big", 5 * 1024 * 1024 + 3);
            using var bundle = MaterializedBundle.Create(b, form);

            BundleVerifyReport report = await Verify(bundle);

            Assert.True(report.IsValid, string.Join("; ", report.LayoutProblems.Concat(report.BadBlobs.Select(p => p.Message))));
            Assert.Equal(b.Blobs.Count, report.BlobsChecked);
            Assert.Equal(b.Blobs.Sum(e => (long)e.Data.Length), report.BytesChecked);
            Assert.Equal(3, report.Artifacts.Count);
            Assert.True(_observer.Progress.Last().Completed);
            Assert.True(_observer.Progress.Last().BytesDone >= report.BytesChecked);
            Assert.Empty(_observer.ShouldProcessCalls);
        }

        [Theory]
        [InlineData(BundleForm.Directory)]
        [InlineData(BundleForm.TarFile)]
        [InlineData(BundleForm.TgzStream)]
        public async Task DamagedBundle_ReportsTheExactBadBlobs_AndWhichArtifactsDependOnThem(BundleForm form)
        {
            var b = new TestBundle();
            Descriptor good = b.AddImage("good", "docker.io/team/good:1", "1");
            Descriptor victim = b.AddImage("victim", "docker.io/team/victim:1", "1");
            Descriptor other = b.AddImage("other", "docker.io/team/other:1", "1");
            Descriptor corrupt = HostileCase.VictimLayer(b, victim);
            Descriptor missing = HostileCase.VictimLayer(b, other);
            Descriptor resized = ManifestInfo.Parse(other, b.Content.Bytes(other.Digest)).Children[0];
            b.Blob(corrupt.Digest).Data = Encoding.ASCII.GetBytes("tampered bytes");
            b.Blobs.Remove(b.Blob(missing.Digest));
            b.Blob(resized.Digest).Data = b.Blob(resized.Digest).Data.Take(3).ToArray();
            using var bundle = MaterializedBundle.Create(b, form);

            BundleVerifyReport report = await Verify(bundle);

            Assert.False(report.IsValid);
            Assert.Empty(report.LayoutProblems);
            BlobProblem bad = report.BadBlobs.Single(p => p.Digest == corrupt.Digest.ToString());
            Assert.Equal(BlobProblemKind.DigestMismatch, bad.Kind);
            Assert.Equal(TestBundle.BlobName(corrupt.Digest), bad.Location);
            Assert.Equal(BlobProblemKind.Missing, report.BadBlobs.Single(p => p.Digest == missing.Digest.ToString()).Kind);
            Assert.Contains(report.BadBlobs, p => p.Digest == resized.Digest.ToString());
            Assert.Equal(3, report.BadBlobs.Count);
            Assert.True(report.Artifacts.Single(a => a.Reference == "docker.io/team/good:1").IsValid);
            Assert.Equal(new[] { corrupt.Digest.ToString() }, report.Artifacts.Single(a => a.Reference == "docker.io/team/victim:1").BadBlobs);
            Assert.Equal(2, report.Artifacts.Single(a => a.Reference == "docker.io/team/other:1").BadBlobs.Count);
        }

        [Theory]
        [InlineData(BundleForm.TarFile)]
        [InlineData(BundleForm.TgzStream)]
        public async Task HostileAndUnexpectedEntries_AreLayoutProblems_NotThrown(BundleForm form)
        {
            var (b, _, victim) = HostileCase.TwoImages();
            foreach (var (entry, _) in HostileCase.Refused.Values)
            {
                b.Extra.Add(entry);
            }

            TestBundle.Entry dup = b.Blob(HostileCase.VictimLayer(b, victim).Digest);
            b.Extra.Add(new TestBundle.Entry("./" + dup.Name, dup.Data));
            b.Extra.Add(new TestBundle.Entry("notes/readme.txt", Encoding.ASCII.GetBytes("hi")));
            b.Extra.Add(new TestBundle.Entry("repositories", Encoding.ASCII.GetBytes("{}"))); // docker save: expected
            using var bundle = MaterializedBundle.FromBytes(form == BundleForm.TarFile ? b.ToTar() : b.ToTgz(), form);

            BundleVerifyReport report = await Verify(bundle);

            Assert.False(report.IsValid);
            foreach (string named in HostileCase.Refused.Values.Select(v => v.Named).Concat(new[] { dup.Name, "notes/readme.txt" }))
            {
                Assert.Contains(report.LayoutProblems, p => p.Contains("'" + named + "'"));
            }

            Assert.Equal(HostileCase.Refused.Count + 2, report.LayoutProblems.Count);
            Assert.Empty(report.BadBlobs);
            Assert.All(report.Artifacts, a => Assert.True(a.IsValid));
        }

        [Theory]
        [InlineData(BundleForm.TarFile, false)]
        [InlineData(BundleForm.TgzFile, false)]
        [InlineData(BundleForm.TgzStream, true)]
        public async Task TruncatedArchives_AreReported(BundleForm form, bool cutGzip)
        {
            var (b, _, victim) = HostileCase.TwoImages();
            b.IndexFirst = true;
            Descriptor last = HostileCase.VictimLayer(b, victim);
            TestBundle.Entry entry = b.Blob(last.Digest);
            b.Blobs.Remove(entry);
            if (!cutGzip)
            {
                b.Blobs.Add(new TestBundle.Entry(entry.Name, entry.Data.Take(4).ToArray(), declaredSize: entry.Data.Length));
            }

            byte[] bytes = form == BundleForm.TarFile ? b.ToTar() : b.ToTgz();
            if (cutGzip)
            {
                bytes = bytes.Take(bytes.Length - 10).ToArray();
            }

            using var bundle = MaterializedBundle.FromBytes(bytes, form);

            BundleVerifyReport report = await Verify(bundle);

            Assert.False(report.IsValid);
            Assert.Contains(report.LayoutProblems, p => p.Contains("truncated"));
            if (!cutGzip)
            {
                BlobProblem p = report.BadBlobs.Single(x => x.Digest == last.Digest.ToString());
                Assert.Equal(BlobProblemKind.Unreadable, p.Kind);
                Assert.False(report.Artifacts.Single(a => a.Reference == "docker.io/team/victim:1").IsValid);
                Assert.True(report.Artifacts.Single(a => a.Reference == "docker.io/team/good:1").IsValid);
            }
        }

        [Fact]
        public async Task GzipMemberInflatingPastItsDeclaredSize_IsReported()
        {
            var (b, _, _) = HostileCase.TwoImages();
            b.AddLargeImage("big", 300_000);
            using var bundle = MaterializedBundle.FromBytes(HostileCase.GzipWithOversizedFirstMember(b.ToTar()), BundleForm.TgzFile, "bundle.tgz");

            BundleVerifyReport report = await Verify(bundle);

            Assert.False(report.IsValid);
            Assert.Contains(report.LayoutProblems, p => p.Contains("CRC-32/length") && p.Contains("bundle.tgz"));
        }

        [Fact]
        public async Task ArchiveWithoutEndMarker_IsReportedAsPossiblyTruncated()
        {
            var (b, _, _) = HostileCase.TwoImages();
            using var bundle = MaterializedBundle.FromBytes(b.ToTar(end: false), BundleForm.TarFile);

            BundleVerifyReport report = await Verify(bundle);

            Assert.Contains(report.LayoutProblems, p => p.Contains("end-of-archive"));
            Assert.Empty(report.BadBlobs);
        }

        [Theory]
        [InlineData(BundleForm.Directory)]
        [InlineData(BundleForm.TgzStream)]
        public async Task ManifestOver4MiB_AndIndexJsonNotJson_AreReported(BundleForm form)
        {
            var (b, _, _) = HostileCase.TwoImages();
            Descriptor huge = HostileCase.AddOversizedManifest(b);
            using (var bundle = MaterializedBundle.Create(b, form))
            {
                BundleVerifyReport report = await Verify(bundle);
                BlobProblem p = Assert.Single(report.BadBlobs);
                Assert.Equal((huge.Digest.ToString(), BlobProblemKind.Unreadable), (p.Digest, p.Kind));
                Assert.Contains("limit", p.Message);
            }

            b.IndexOverride = Encoding.ASCII.GetBytes("not json at all");
            using (var bundle = MaterializedBundle.Create(b, form))
            {
                BundleVerifyReport report = await Verify(bundle);
                Assert.Contains(report.LayoutProblems, p => p.Contains("index.json") && p.Contains("not valid JSON"));
                Assert.Empty(report.Artifacts);
            }
        }

        [Fact]
        public async Task MissingPathOrNoLayout_Throws_ButAMissingIndexIsReported()
        {
            await Assert.ThrowsAsync<OciException>(() => new BundleVerifyOperation(new BundleRequest { BundlePath = "/nonexistent/bundle.tar" }).RunAsync(_observer, CancellationToken.None));
            using var dir = MaterializedBundle.FromBytes(new byte[0], BundleForm.TarFile, "unused");

            // A directory without oci-layout is not a bundle at all (exit 2 in the CLI), not a damaged one.
            OciException notABundle = await Assert.ThrowsAsync<OciException>(() => new BundleVerifyOperation(new BundleRequest { BundlePath = dir.Directory }).RunAsync(_observer, CancellationToken.None));
            Assert.Equal(OciErrorKind.InvalidLayout, notABundle.Kind);
            Assert.Contains("is not an OCI image layout", notABundle.Message);

            System.IO.File.WriteAllText(System.IO.Path.Combine(dir.Directory, "oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
            BundleVerifyReport report = await new BundleVerifyOperation(new BundleRequest { BundlePath = dir.Directory }).RunAsync(_observer, CancellationToken.None);
            Assert.Contains(report.LayoutProblems, p => p.Contains("index.json"));
            Assert.False(report.IsValid);
        }
    }
}
