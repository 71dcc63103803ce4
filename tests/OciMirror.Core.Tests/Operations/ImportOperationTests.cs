using OciMirror.Core.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Content;
using OciMirror.Core.Errors;
using OciMirror.Core.Model;
using OciMirror.Core.Operations;
using OciMirror.Core.Tests.TestDoubles;
using Xunit;

namespace OciMirror.Core.Tests.Operations
{
    public class ImportOperationTests
    {
        private const string BundlePath = "/tmp/bundle";
        private readonly MemoryTarget _bundle = new MemoryTarget();
        private readonly MemoryRegistry _registry = new MemoryRegistry();
        private readonly RecordingObserver _observer = new RecordingObserver();

        private Task<OperationSummary> Import(string destination, bool scoped = false, params string[] filters) =>
            new ImportOperation(new ImportRequest { BundlePath = BundlePath, Destination = destination, Scoped = scoped, References = filters }, _bundle, _bundle, _registry)
                .RunAsync(_observer, CancellationToken.None);

        private Descriptor AddImage(string name, string? fullName, string? tag, params Descriptor[] shared)
        {
            Descriptor root = Fixtures.SimpleImage(_bundle, name, shared);
            _bundle.AddEntry(new BundleEntry(root, fullName, tag));
            return root;
        }

        [Theory]
        [InlineData(false, "registry.local/mirror/library/nginx")]
        [InlineData(true, "registry.local/mirror/docker.io/library/nginx")]
        public async Task NamedEntry_KeepsItsPath_UnderTheDestination(bool scoped, string expectedRepository)
        {
            Descriptor root = AddImage("nginx", "docker.io/library/nginx:1.27", "1.27");

            OperationSummary summary = await Import("registry.local/mirror", scoped);

            Assert.Equal(1, summary.Copied);
            MemoryRepository repo = _registry.Repository(expectedRepository);
            Assert.Equal(root.Digest, (await repo.ResolveAsync("1.27", default)).Digest);
            Assert.All(Fixtures.Graph(_bundle, root), d => Assert.Equal(_bundle.Bytes(d), repo.Bytes(d)));
            Assert.Equal("tag:1.27", repo.Events.Last()); // the tag comes after every child and the root
            ArtifactResult result = summary.Results.Single();
            Assert.Equal(expectedRepository + ":1.27", result.Destination);
            Assert.Equal("docker.io/library/nginx:1.27", result.Input);
            var call = Assert.Single(_observer.ShouldProcessCalls);
            Assert.Equal((expectedRepository + ":1.27", "Import 4 blobs (" + ByteSize.Format(result.Size) + ") from /tmp/bundle"), call);
        }

        [Fact]
        public async Task TagOnlyEntry_GoesToTheDestinationRepository()
        {
            Descriptor root = AddImage("app", null, "v1");

            await Import("registry.local/team/app");

            Assert.Equal(root.Digest, (await _registry.Repository("registry.local/team/app").ResolveAsync("v1", default)).Digest);
            Assert.Equal(ArtifactStatus.Copied, _observer.ResultFor("v1").Status);
        }

        [Fact]
        public async Task TagOnlyEntry_WithoutRepositoryInTheDestination_Fails()
        {
            AddImage("app", null, "v1");
            Descriptor named = AddImage("named", "registry.example/named:2", "2");

            OperationSummary summary = await Import("registry.local");

            ArtifactResult result = _observer.ResultFor("v1");
            Assert.Equal(ArtifactStatus.Failed, result.Status);
            Assert.Equal(OciErrorKind.InvalidReference, result.Error!.Kind);
            Assert.Contains("host/repository", result.Error.RecommendedAction);
            Assert.Equal(1, summary.Copied);
            Assert.True(_registry.Repository("registry.local/named").Has(named.Digest));
        }

        [Fact]
        public async Task UntaggedEntry_IsPushedByDigestOnly()
        {
            Descriptor root = AddImage("lonely", null, null);

            await Import("registry.local/team/app");

            MemoryRepository repo = _registry.Repository("registry.local/team/app");
            Assert.True(repo.Has(root.Digest));
            Assert.Empty(repo.TagNames);
            Assert.Equal("registry.local/team/app@" + root.Digest, _observer.ResultFor(root.Digest.ToString()).Destination);
        }

        [Fact]
        public async Task Filters_SelectEntries_AndAFilterMatchingNothingFails()
        {
            Descriptor wanted = AddImage("nginx", "docker.io/library/nginx:1.27", "1.27");
            Descriptor unwanted = AddImage("redis", "docker.io/library/redis:7", "7");

            OperationSummary summary = await Import("registry.local", false, "nginx:1.27", "nope");

            Assert.Equal(2, summary.Results.Count);
            Assert.True(_registry.Repository("registry.local/library/nginx").Has(wanted.Digest));
            Assert.False(_registry.Repository("registry.local/library/redis").Has(unwanted.Digest));
            ArtifactResult nope = _observer.ResultFor("nope");
            Assert.Equal(OciErrorKind.NotFound, nope.Error!.Kind);
            Assert.Contains("'nope'", nope.Error.Message);
        }

        [Fact]
        public async Task BlobSharedByTwoRepositories_IsPushedOnceAndMountedOnce_AndARerunSkips()
        {
            Descriptor shared = Fixtures.Blob(_bundle, "shared base");
            AddImage("a", "docker.io/team/a:1", "1", shared);
            AddImage("b", "docker.io/team/b:1", "1", shared);

            await Import("registry.local");

            Assert.Equal(1, AccessCounts.Get(_registry.Counts.Pushes, shared.Digest));
            Assert.Equal(1, AccessCounts.Get(_registry.Counts.Mounts, shared.Digest));
            _registry.Counts.Reset();
            var again = new RecordingObserver();
            OperationSummary rerun = await new ImportOperation(new ImportRequest { BundlePath = BundlePath, Destination = "registry.local" }, _bundle, _bundle, _registry).RunAsync(again, CancellationToken.None);
            Assert.Equal(2, rerun.Skipped);
            Assert.Equal(0, _registry.Counts.TotalPushes);
        }

        [Theory]
        [InlineData("")]
        [InlineData("https://registry.local")]
        [InlineData("myrepo")]
        public async Task InvalidDestination_Throws(string destination)
        {
            AddImage("x", null, "1");

            OciException error = await Assert.ThrowsAsync<OciException>(() => Import(destination));

            Assert.Equal(OciErrorKind.InvalidReference, error.Kind);
            Assert.Empty(_observer.Completed);
        }
    }
}
