using System;
using System.IO;
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
    /// <summary>
    /// What a sync (and <c>tags</c>) does when the registry's tag list is refused for one repository, or lists names
    /// that are not tags: the repository is reported (one failed result, counted in the summary) and the others go
    /// on; an invalid name is left out with a warning instead of failing its repository or reaching a request.
    /// </summary>
    public sealed class SyncPlanningFailureTests : IDisposable
    {
        private readonly string _dir = Path.Combine(Path.GetTempPath(), "ocimirror-syncplan-" + Guid.NewGuid().ToString("N"));

        public SyncPlanningFailureTests() => Directory.CreateDirectory(_dir);

        public void Dispose() => Directory.Delete(_dir, recursive: true);

        [Fact]
        public async Task ARepositoryWhoseTagListIsRefused_IsOneFailedResult_TheOthersSync()
        {
            var source = new MemoryRegistry();
            var destination = new MemoryRegistry();
            foreach (string name in new[] { "src.local/one", "src.local/denied", "src.local/two" })
            {
                MemoryRepository repo = source.Repository(name);
                await repo.TagAsync(Fixtures.SimpleImage(repo, name), "1.0", default);
            }

            source.Repository("src.local/denied").BeforeListTags = () => throw new OciException(OciErrorKind.PermissionDenied, "denied: requested access to the resource is denied") { Reference = "src.local/denied" };
            var observer = new RecordingObserver();

            OperationSummary summary = await Sync("src.local:\n  images:\n    one: []\n    denied: []\n    two: []\n", source, destination, observer);

            Assert.Equal(2, summary.Copied);
            Assert.Equal(1, summary.Failed);
            ArtifactResult failed = summary.Results.Single(r => r.Status == ArtifactStatus.Failed);
            Assert.Contains("denied", failed.Input);
            Assert.Equal(OciErrorKind.PermissionDenied, failed.Error!.Kind);
            Assert.Equal(ErrorSide.Source, failed.Error.Side);
            Assert.Contains(observer.Completed, r => r.Status == ArtifactStatus.Failed);
            Assert.NotNull(destination.Find("dst.local", "one")?.TagNames.SingleOrDefault(t => t == "1.0"));
            Assert.NotNull(destination.Find("dst.local", "two")?.TagNames.SingleOrDefault(t => t == "1.0"));
            Assert.Null(destination.Find("dst.local", "denied"));
        }

        [Fact]
        public async Task ARepositoryWhoseTagListIsRefused_IntoABundle_IsOneFailedResult_TheOthersAreExported()
        {
            var source = new MemoryRegistry();
            foreach (string name in new[] { "src.local/one", "src.local/denied", "src.local/two" })
            {
                MemoryRepository repo = source.Repository(name);
                await repo.TagAsync(Fixtures.SimpleImage(repo, name), "1.0", default);
            }

            source.Repository("src.local/denied").BeforeListTags = () => throw new OciException(OciErrorKind.NotFound, "repository name not known to registry") { Reference = "src.local/denied" };
            string file = Path.Combine(_dir, "sync.yaml");
            File.WriteAllText(file, "src.local:\n  images:\n    one: []\n    denied: []\n    two: []\n");
            string bundle = Path.Combine(_dir, "bundle");
            var request = new SyncRequest { Source = file, Destination = bundle, DestinationKind = SyncDestinationKind.Bundle };

            OperationSummary summary = await new SyncOperation(request, source, new MemoryRegistry()).RunAsync(new RecordingObserver(), CancellationToken.None);

            Assert.Equal(2, summary.Copied);
            Assert.Equal(1, summary.Failed);
            Assert.Contains("denied", summary.Results.Single(r => r.Status == ArtifactStatus.Failed).Input);
            string index = File.ReadAllText(Path.Combine(bundle, "index.json"));
            Assert.Contains("src.local/one:1.0", index);
            Assert.Contains("src.local/two:1.0", index);
            Assert.DoesNotContain("denied", index);
        }

        [Fact]
        public async Task ListedNamesThatAreNotTags_AreLeftOutWithAWarning_TheRepositorySyncs()
        {
            var source = new MemoryRegistry();
            var destination = new MemoryRegistry();
            MemoryRepository repo = source.Repository("src.local/app");
            Descriptor image = Fixtures.SimpleImage(repo, "app");
            foreach (string tag in new[] { "1.0", "bad\u001b[31mred", "../../other", "2.0" })
            {
                await repo.TagAsync(image, tag, default);
            }

            var observer = new RecordingObserver();
            OperationSummary summary = await Sync("src.local:\n  images:\n    app: []\n", source, destination, observer);

            Assert.Equal(0, summary.Failed);
            Assert.Equal(2, summary.Copied);
            Assert.Equal(new[] { "1.0", "2.0" }, destination.Find("dst.local", "app")!.TagNames.OrderBy(t => t, StringComparer.Ordinal));
            string warning = Assert.Single(observer.Logs, l => l.StartsWith("Warning:", StringComparison.Ordinal) && l.Contains("not valid tag names"));
            Assert.Contains("2 tag(s)", warning);
        }

        [Fact]
        public async Task Tags_LeavesOutNamesThatAreNotTags_WithAWarning()
        {
            var registry = new MemoryRegistry();
            MemoryRepository repo = registry.Repository("registry.local/app");
            Descriptor image = Fixtures.SimpleImage(repo, "app");
            await repo.TagAsync(image, "ok", default);
            await repo.TagAsync(image, "\u001b]0;title\u0007", default);
            var log = new RecordingObserver();

            var tags = await new TagListOperation(new TagListRequest { Repository = "registry.local/app", ResolveDigests = true }, registry).RunAsync(log, CancellationToken.None);

            Assert.Equal(new[] { "ok" }, tags.Select(t => t.Tag));
            Assert.Contains(log.Logs, l => l.Contains("not valid tag names"));
        }

        private async Task<OperationSummary> Sync(string yaml, MemoryRegistry source, MemoryRegistry destination, RecordingObserver observer)
        {
            string file = Path.Combine(_dir, "sync.yaml");
            File.WriteAllText(file, yaml);
            var request = new SyncRequest { Source = file, Destination = "dst.local", DestinationKind = SyncDestinationKind.Registry };
            return await new SyncOperation(request, source, destination).RunAsync(observer, CancellationToken.None);
        }
    }
}
