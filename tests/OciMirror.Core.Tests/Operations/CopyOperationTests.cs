using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Errors;
using OciMirror.Core.Model;
using OciMirror.Core.Operations;
using OciMirror.Core.Tests.TestDoubles;
using Xunit;

namespace OciMirror.Core.Tests.Operations
{
    public class CopyOperationTests
    {
        private readonly MemoryRegistry _source = new MemoryRegistry();
        private readonly MemoryRegistry _destination = new MemoryRegistry();
        private readonly RecordingObserver _observer = new RecordingObserver();

        private Task<OperationSummary> Copy(CopyRequest request) =>
            new CopyOperation(request, _source, _destination).RunAsync(_observer, CancellationToken.None);

        private async Task<Descriptor> Push(string repository, string tag, params Descriptor[] shared)
        {
            MemoryRepository repo = _source.Repository(repository);
            Descriptor root = Fixtures.SimpleImage(repo, repository + ":" + tag, shared);
            await repo.TagAsync(root, tag, default);
            return root;
        }

        [Fact]
        public async Task References_KeepTheirPath_SharedBlobsAreReadOnce_AndMountedInsideTheDestination()
        {
            MemoryRepository first = _source.Repository("src.local/team/a");
            Descriptor shared = Fixtures.Blob(first, "shared base layer");
            _source.Repository("src.local/team/b").PutRaw(shared, first.Bytes(shared.Digest));
            Descriptor a = await Push("src.local/team/a", "1.0", shared);
            Descriptor b = await Push("src.local/team/b", "2.0", shared);

            OperationSummary summary = await Copy(new CopyRequest { References = new[] { "src.local/team/a:1.0", "src.local/team/b:2.0" }, Destination = "dst.local/mirror", Concurrency = 1 });

            Assert.Equal(2, summary.Copied);
            Assert.Equal(a.Digest, (await _destination.Repository("dst.local/mirror/team/a").ResolveAsync("1.0", default)).Digest);
            Assert.Equal(b.Digest, (await _destination.Repository("dst.local/mirror/team/b").ResolveAsync("2.0", default)).Digest);
            Assert.Equal(1, AccessCounts.Get(_source.Counts.Fetches, shared.Digest));
            Assert.Equal(1, AccessCounts.Get(_destination.Counts.Mounts, shared.Digest));
            Assert.Equal(new[] { "dst.local/mirror/team/a:1.0", "dst.local/mirror/team/b:2.0" }, summary.Results.Select(r => r.Destination));
        }

        [Fact]
        public async Task ReRun_CopiesNothing_AndReadsNoBlob()
        {
            Descriptor root = await Push("src.local/app", "1.0");
            var request = new CopyRequest { References = new[] { "src.local/app:1.0" }, Destination = "dst.local" };
            await Copy(request);
            _source.Counts.Reset();
            _destination.Counts.Reset();

            OperationSummary again = await Copy(request);

            Assert.Equal(1, again.Skipped);
            Assert.Equal(0, _destination.Counts.TotalPushes);
            Assert.All(Fixtures.Graph(_source.Repository("src.local/app"), root).Where(d => d != root.Digest), d => Assert.Equal(0, AccessCounts.Get(_source.Counts.Fetches, d)));
        }

        [Fact]
        public async Task SingleReference_IsRenamed_KeepingTheSourceTagWhenTheDestinationHasNone()
        {
            Descriptor root = await Push("src.local/dev/app", "1.4");

            await Copy(new CopyRequest { References = new[] { "src.local/dev/app:1.4" }, DestinationReference = "dst.local/prod/app" });
            await Copy(new CopyRequest { References = new[] { "src.local/dev/app:1.4" }, DestinationReference = "dst.local/prod/app:stable" });

            Assert.Equal(root.Digest, (await _destination.Repository("dst.local/prod/app").ResolveAsync("1.4", default)).Digest);
            Assert.Equal(root.Digest, (await _destination.Repository("dst.local/prod/app").ResolveAsync("stable", default)).Digest);
        }

        [Fact]
        public async Task DigestOnlySource_IsPushedByDigest_WithoutATag()
        {
            Descriptor root = await Push("src.local/app", "1.0");

            OperationSummary summary = await Copy(new CopyRequest { References = new[] { "src.local/app@" + root.Digest }, Destination = "dst.local" });

            Assert.Equal(1, summary.Copied);
            Assert.Equal("dst.local/app@" + root.Digest, summary.Results.Single().Destination);
            Assert.True(await _destination.Repository("dst.local/app").ExistsAsync(root, default));
            Assert.DoesNotContain(_destination.Repository("dst.local/app").Events, e => e.StartsWith("tag:", System.StringComparison.Ordinal));
        }

        [Fact]
        public async Task OneBadReference_NeverStopsTheOthers()
        {
            await Push("src.local/app", "1.0");

            OperationSummary summary = await Copy(new CopyRequest { References = new[] { "Bad Ref", "src.local/app:missing", "src.local/app:1.0" }, Destination = "dst.local" });

            Assert.Equal((1, 2), (summary.Copied, summary.Failed));
            Assert.Equal(OciErrorKind.InvalidReference, _observer.ResultFor("Bad Ref").Error!.Kind);
            Assert.Equal(OciErrorKind.NotFound, _observer.ResultFor("src.local/app:missing").Error!.Kind);
            Assert.Equal(ErrorSide.Source, _observer.ResultFor("src.local/app:missing").Error!.Side);
        }

        [Fact]
        public async Task Declined_WritesNothing_AndSaysWhatWouldMove()
        {
            await Push("src.local/app", "1.0");
            _observer.Answer = (_, _) => false;

            OperationSummary summary = await Copy(new CopyRequest { References = new[] { "src.local/app:1.0" }, Destination = "dst.local" });

            Assert.Equal(1, summary.Declined);
            Assert.Equal(0, _destination.Counts.TotalPushes);
            (string target, string action) = Assert.Single(_observer.ShouldProcessCalls);
            Assert.Equal("dst.local/app:1.0", target);
            Assert.StartsWith("Copy 4 blobs (", action);
        }

        [Fact]
        public async Task OnePlatform_OfAnIndex_CopiesThatChildManifest_UnderTheTag()
        {
            MemoryRepository repo = _source.Repository("src.local/multi");
            Descriptor amd = Fixtures.SimpleImage(repo, "amd64");
            Descriptor arm = Fixtures.SimpleImage(repo, "arm64");
            Descriptor index = Fixtures.Index(repo, false, (amd, "linux/amd64"), (arm, "linux/arm64"));
            await repo.TagAsync(index, "1.0", default);

            OperationSummary summary = await Copy(new CopyRequest
            {
                References = new[] { "src.local/multi:1.0" },
                Destination = "dst.local",
                Platforms = OciMirror.Core.Platforms.PlatformFilter.Parse(new[] { "linux/arm64" }, filterIndex: false, preserveDigests: false),
            });

            ArtifactResult result = summary.Results.Single();
            Assert.Equal(ArtifactStatus.Copied, result.Status);
            Assert.Equal(arm.Digest.ToString(), result.Digest);
            Assert.Equal(index.Digest.ToString(), result.ResolvedDigest);
            Assert.Equal(arm.Digest, (await _destination.Repository("dst.local/multi").ResolveAsync("1.0", default)).Digest);
            Assert.False(_destination.Repository("dst.local/multi").Has(amd.Digest));
        }

        [Theory]
        [InlineData(null, null)]
        [InlineData("dst.local", "dst.local/app:1")]
        public async Task DestinationAndDestinationReference_AreExclusive(string? destination, string? destinationReference)
        {
            var e = await Assert.ThrowsAsync<OciException>(() => Copy(new CopyRequest { References = new[] { "src.local/app:1" }, Destination = destination, DestinationReference = destinationReference }));
            Assert.Equal(OciErrorKind.InvalidDestination, e.Kind);
        }

        [Fact]
        public async Task DestinationReference_TakesOneSource_AndNoForeignDigest()
        {
            Descriptor root = await Push("src.local/app", "1");
            var several = await Assert.ThrowsAsync<OciException>(() => Copy(new CopyRequest { References = new[] { "src.local/app:1", "src.local/app:2" }, DestinationReference = "dst.local/app" }));
            OperationSummary foreign = await Copy(new CopyRequest { References = new[] { "src.local/app:1" }, DestinationReference = "dst.local/app@sha256:" + new string('a', 64) });

            Assert.Equal(OciErrorKind.InvalidDestination, several.Kind);
            Assert.Equal(OciErrorKind.InvalidDestination, foreign.Results.Single().Error!.Kind);
            Assert.NotEqual(default, root.Digest);
        }
    }
}
