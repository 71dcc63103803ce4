using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Diagnostics;
using OciMirror.Core.Model;
using OciMirror.Core.Operations;
using OciMirror.Core.Tests.TestDoubles;
using Xunit;

namespace OciMirror.Core.Tests.Operations
{
    public class TagListOperationTests
    {
        [Fact]
        public async Task IncludeAndExclude_FilterInRegistryOrder_AndDigestsResolve()
        {
            var registry = new MemoryRegistry();
            MemoryRepository nginx = registry.Repository("docker.io/library/nginx");
            Descriptor image = Fixtures.SimpleImage(nginx, "n");
            foreach (string tag in new[] { "1.27", "latest", "1.26-rc1", "1.20", "1.2", "1.3" })
            {
                await nginx.TagAsync(image, tag, default);
            }

            var request = new TagListRequest { Repository = "nginx", Include = new[] { "1.2*" }, Exclude = new[] { "*-rc*" }, ResolveDigests = true };
            var tags = await new TagListOperation(request, registry).RunAsync(NullLogSink.Instance, CancellationToken.None);

            Assert.Equal(new[] { "1.27", "1.20", "1.2" }, tags.Select(t => t.Tag));
            Assert.All(tags, t => Assert.Equal(image.Digest.ToString(), t.Digest));
            Assert.Equal("docker.io/library/nginx:1.27", tags[0].Reference);
        }

        [Fact]
        public async Task WithoutPatterns_AllTags_AndNoDigests()
        {
            var registry = new MemoryRegistry();
            MemoryRepository repo = registry.Repository("registry.local/app");
            Descriptor image = Fixtures.SimpleImage(repo, "n");
            await repo.TagAsync(image, "b", default);
            await repo.TagAsync(image, "a", default);

            var tags = await new TagListOperation(new TagListRequest { Repository = "registry.local/app:ignored" }, registry).RunAsync(NullLogSink.Instance, CancellationToken.None);

            Assert.Equal(new[] { "b", "a" }, tags.Select(t => t.Tag));
            Assert.All(tags, t => Assert.Null(t.Digest));
            Assert.Equal(0, registry.Counts.TotalFetches);
        }
    }
}
