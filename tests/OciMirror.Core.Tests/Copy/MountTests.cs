using System;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Copy;
using OciMirror.Core.Model;
using OciMirror.Core.Tests.TestDoubles;
using Xunit;

namespace OciMirror.Core.Tests.Copy
{
    public class MountTests
    {
        [Theory]
        [InlineData(true)]
        [InlineData(false)]
        public async Task BlobSharedByTwoRepositoriesOfOneRegistry_IsPushedOnceAndMounted(bool allowMount)
        {
            var source = new MemoryTarget();
            Descriptor shared = Fixtures.Blob(source, "shared base");
            Descriptor one = Fixtures.SimpleImage(source, "one", shared);
            Descriptor two = Fixtures.SimpleImage(source, "two", shared);
            var registry = new MemoryRegistry { AllowMount = allowMount };
            MemoryRepository repoA = registry.Repository("registry.local/team/a");
            MemoryRepository repoB = registry.Repository("registry.local/team/b");
            using var session = new CopySession();

            CopyStats[] stats = await Task.WhenAll(
                session.CopyAsync(source, one, repoA, CancellationToken.None),
                session.CopyAsync(source, two, repoB, CancellationToken.None)).WaitAsync(TimeSpan.FromSeconds(10));

            Assert.Equal(1, AccessCounts.Get(registry.Counts.MountAttempts, shared.Digest));
            Assert.Equal(allowMount ? 1 : 0, AccessCounts.Get(registry.Counts.Mounts, shared.Digest));
            Assert.Equal(allowMount ? 1 : 2, AccessCounts.Get(registry.Counts.Pushes, shared.Digest));
            Assert.Equal(allowMount ? 1 : 2, AccessCounts.Get(source.Counts.Fetches, shared.Digest));
            Assert.True(repoA.Has(shared.Digest) && repoB.Has(shared.Digest));
            Assert.Equal(allowMount ? 1 : 0, stats[0].NodesMounted + stats[1].NodesMounted);
        }

        [Fact]
        public async Task BlobFoundInAnotherRepository_IsMountedFromIt()
        {
            var source = new MemoryTarget();
            Descriptor shared = Fixtures.Blob(source, "already there");
            Descriptor one = Fixtures.SimpleImage(source, "one", shared);
            Descriptor two = Fixtures.SimpleImage(source, "two", shared);
            var registry = new MemoryRegistry();
            MemoryRepository repoA = registry.Repository("registry.local/a");
            MemoryRepository repoB = registry.Repository("registry.local/b");
            using var session = new CopySession();

            await session.CopyAsync(source, one, repoA, CancellationToken.None);
            registry.Counts.Reset();
            await session.CopyAsync(source, two, repoB, CancellationToken.None);

            Assert.Equal(1, AccessCounts.Get(registry.Counts.Mounts, shared.Digest));
            Assert.Equal(0, AccessCounts.Get(registry.Counts.Pushes, shared.Digest));
        }
    }
}
