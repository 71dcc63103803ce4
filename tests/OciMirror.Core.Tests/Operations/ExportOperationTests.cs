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
    public class ExportOperationTests
    {
        private const string BundlePath = "/tmp/bundle";
        private readonly MemoryRegistry _registry = new MemoryRegistry();
        private readonly MemoryTarget _bundle = new MemoryTarget();
        private readonly RecordingObserver _observer = new RecordingObserver();
        private readonly Descriptor _base;
        private readonly Descriptor _v1;
        private readonly Descriptor _v2;
        private readonly Descriptor _other;

        public ExportOperationTests()
        {
            MemoryRepository app = _registry.Repository("registry.local/app");
            _base = Fixtures.Blob(app, "base layer");
            _v1 = Fixtures.SimpleImage(app, "v1", _base);
            _v2 = Fixtures.SimpleImage(app, "v2", _base);
            app.TagAsync(_v1, "1", default).GetAwaiter().GetResult();
            app.TagAsync(_v2, "2", default).GetAwaiter().GetResult();
            MemoryRepository other = _registry.Repository("registry.local/other");
            _other = Fixtures.SimpleImage(other, "other", Fixtures.Blob(other, "base layer"));
            other.TagAsync(_other, "latest", default).GetAwaiter().GetResult();
        }

        private Task<OperationSummary> Export(params string[] references) =>
            new ExportOperation(new ExportRequest { References = references, BundlePath = BundlePath }, _registry, _bundle).RunAsync(_observer, CancellationToken.None);

        [Fact]
        public async Task Batch_SkipsBlankAndCommentLines_ReportsMalformedReference_AndExportsTheRest()
        {
            OperationSummary summary = await Export("registry.local/app:1", "", "  # comment", "registry.local/App:bad!", "registry.local/app:2", "registry.local/other");

            Assert.Equal(4, summary.Results.Count);
            Assert.Equal(4, _observer.Completed.Count);
            Assert.Equal(3, summary.Copied);
            Assert.Equal(1, summary.Failed);
            ArtifactResult bad = _observer.ResultFor("registry.local/App:bad!");
            Assert.Equal(ArtifactStatus.Failed, bad.Status);
            Assert.Equal(OciErrorKind.InvalidReference, bad.Error!.Kind);
            Assert.Equal(new[] { "registry.local/app:1", "registry.local/app:2", "registry.local/other:latest" }, _bundle.TagNames.OrderBy(t => t));
            Assert.Equal(_v2, await _bundle.ResolveAsync("registry.local/app:2", default));
            Assert.Equal(1, AccessCounts.Get(_registry.Counts.Fetches, _base.Digest)); // shared by three references, fetched once
            Assert.All(_registry.Counts.Fetches.Values, n => Assert.Equal(1, n));
            ArtifactResult v1 = _observer.ResultFor("registry.local/app:1");
            Assert.Equal(_v1.Digest.ToString(), v1.Digest);
            Assert.Equal(MediaTypes.OciManifest, v1.MediaType);
            Assert.Equal(BundlePath, v1.Destination);
            Assert.Equal(Fixtures.Graph(_registry.Repository("registry.local/app"), _v1).Sum(d => (long)_bundle.Bytes(d).Length), v1.Size);
            Assert.Equal(3, _observer.ShouldProcessCalls.Count);
            Assert.All(_observer.ShouldProcessCalls, c => Assert.Matches(@"^Export \d+ blobs? \(.+\) to /tmp/bundle$", c.Action));
            Assert.True(_observer.Progress.Last().Completed);
            Assert.Single(_observer.Progress, p => p.Completed);
        }

        [Fact]
        public async Task UnknownTag_FailsWithNotFound()
        {
            OperationSummary summary = await Export("registry.local/app:missing", "registry.local/app:1");

            ArtifactResult missing = _observer.ResultFor("registry.local/app:missing");
            Assert.Equal(ArtifactStatus.Failed, missing.Status);
            Assert.Equal(OciErrorKind.NotFound, missing.Error!.Kind);
            Assert.Equal(ErrorSide.Source, missing.Error.Side);
            Assert.Equal(1, summary.Copied);
        }

        [Fact]
        public async Task DeclinedShouldProcess_WritesNothing()
        {
            _observer.Answer = (_, _) => false;

            OperationSummary summary = await Export("registry.local/app:1", "registry.local/other");

            Assert.Equal(2, summary.Declined);
            Assert.Empty(_bundle.Digests);
            Assert.Empty(_bundle.TagNames);
            Assert.Equal(0, _bundle.Counts.TotalPushes);
            Assert.Contains(_observer.ShouldProcessCalls, c => c.Target == "registry.local/app:1" && c.Action.StartsWith("Export 5 blobs ("));
        }

        [Fact]
        public async Task SecondRun_SkipsEverything_AndFetchesNothing()
        {
            string[] refs = { "registry.local/app:1", "registry.local/app:2", "registry.local/other:latest" };
            await Export(refs);
            _registry.Counts.Reset();
            _bundle.Counts.Reset();
            var second = new RecordingObserver();

            OperationSummary summary = await new ExportOperation(new ExportRequest { References = refs, BundlePath = BundlePath }, _registry, _bundle).RunAsync(second, CancellationToken.None);

            Assert.Equal(3, summary.Skipped);
            Assert.Equal(0, _registry.Counts.TotalFetches);
            Assert.Equal(0, _bundle.Counts.TotalPushes);
            Assert.Empty(second.ShouldProcessCalls);
            Assert.All(summary.Results, r => Assert.True(r.Size > 0 && r.NodesSkipped == 5 && r.NodesCopied == 0 && r.BytesCopied == 0));
        }

        [Fact]
        public async Task NameTagAtDigest_ResolvesByDigest_AndNamesWithTheTag()
        {
            string input = "registry.local/app:1@" + _v2.Digest;

            await Export(input);

            ArtifactResult result = _observer.ResultFor(input);
            Assert.Equal(ArtifactStatus.Copied, result.Status);
            Assert.Equal(_v2.Digest.ToString(), result.Digest);
            Assert.Equal(_v2.Digest, (await _bundle.ResolveAsync("registry.local/app:1", default)).Digest);
        }

        [Fact]
        public async Task Index_ReportsPlatforms()
        {
            MemoryRepository multi = _registry.Repository("registry.local/multi");
            Descriptor index = Fixtures.Index(multi, false, (Fixtures.SimpleImage(multi, "amd"), "linux/amd64"), (Fixtures.SimpleImage(multi, "arm"), "linux/arm/v7"));
            await multi.TagAsync(index, "1", default);

            await Export("registry.local/multi:1");

            ArtifactResult result = _observer.ResultFor("registry.local/multi:1");
            Assert.Equal(new[] { "linux/amd64", "linux/arm/v7" }, result.Platforms);
            Assert.Equal(MediaTypes.OciIndex, result.MediaType);
            Assert.Equal(9, result.NodesCopied);
        }
    }
}
