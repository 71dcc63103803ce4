using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Copy;
using OciMirror.Core.Model;
using OciMirror.Core.Tests.TestDoubles;
using Xunit;

namespace OciMirror.Core.Tests.Copy
{
    public class CopySessionDedupTests
    {
        private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

        [Fact]
        public async Task SharedBaseLayerAndConfig_AreFetchedOnceAndPushedOnce_InOneBatch()
        {
            var source = new MemoryTarget();
            Descriptor baseLayer = Fixtures.Blob(source, "base");
            Descriptor config = Fixtures.Config(source, "shared");
            var roots = Enumerable.Range(0, 3).Select(i => Fixtures.Image(source, config, new[] { baseLayer, Fixtures.Blob(source, "own-" + i) })).ToList();
            var counted = new CountingTarget(source);
            var destination = new MemoryTarget();
            using var session = new CopySession(new CopyOptions { Concurrency = 4 });

            await Task.WhenAll(roots.Select(r => session.CopyAsync(counted, r, destination, CancellationToken.None))).WaitAsync(Timeout);

            Assert.Equal(1, AccessCounts.Get(counted.Counts.Fetches, baseLayer.Digest));
            Assert.Equal(1, AccessCounts.Get(counted.Counts.Fetches, config.Digest));
            Assert.All(source.Digests, d => Assert.Equal(1, AccessCounts.Get(destination.Counts.Pushes, d)));
            Assert.All(source.Digests, d => Assert.True(AccessCounts.Get(counted.Counts.Fetches, d) <= 1, $"{d} fetched more than once"));
            Assert.Equal(source.Digests.Count, destination.Digests.Count);
        }

        [Fact]
        public async Task ChildrenArePushedBeforeParents()
        {
            var source = new MemoryTarget();
            Descriptor shared = Fixtures.Blob(source, "shared");
            Descriptor amd = Fixtures.SimpleImage(source, "amd", shared);
            Descriptor arm = Fixtures.SimpleImage(source, "arm", shared);
            Descriptor index = Fixtures.Index(source, false, (amd, "linux/amd64"), (arm, "linux/arm64/v8"));
            Descriptor signature = Fixtures.Image(source, Fixtures.Put(source, MediaTypes.OciEmpty, new byte[] { (byte)'{', (byte)'}' }), new[] { Fixtures.Blob(source, "sig", "application/vnd.example.sig") }, subject: index, artifactType: "application/vnd.example.sig");
            var destination = new MemoryTarget();
            using var session = new CopySession(new CopyOptions { Concurrency = 3 });

            await session.CopyAsync(source, signature, destination, CancellationToken.None).WaitAsync(Timeout);

            List<Digest> order = destination.PushOrder.ToList();
            Assert.Equal(Fixtures.Graph(source, signature).Count, order.Count);
            foreach (Digest parent in order)
            {
                Descriptor p = await source.ResolveAsync(parent.ToString(), default);
                if (!MediaTypes.IsManifestOrIndex(p.MediaType))
                {
                    continue;
                }

                foreach (Descriptor child in ManifestInfo.Parse(p, source.Bytes(parent)).Children)
                {
                    Assert.True(order.IndexOf(child.Digest) < order.IndexOf(parent), $"{child.Digest} was pushed after its parent {parent}");
                }
            }
        }

        [Fact]
        public async Task SharedChild_BeingCopiedByAnotherArtifact_IsAwaitedBeforeTheParentIsPushed()
        {
            var source = new MemoryTarget();
            Descriptor shared = Fixtures.Blob(source, "slow shared layer");
            Descriptor imageA = Fixtures.SimpleImage(source, "a", shared);
            Descriptor imageB = Fixtures.SimpleImage(source, "b", shared);
            var destination = new MemoryTarget();
            var sharedStarted = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            var release = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            var bChildrenIn = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            var bOwn = ManifestInfo.Parse(imageB, source.Bytes(imageB.Digest)).Children.Where(c => c.Digest != shared.Digest).Select(c => c.Digest).ToList();
            var violations = new List<string>();
            destination.BeforePush = async d =>
            {
                if (d.Digest == shared.Digest)
                {
                    sharedStarted.TrySetResult(true);
                    await release.Task;
                }
                else if (MediaTypes.IsManifest(d.MediaType) && !destination.Has(shared.Digest))
                {
                    lock (violations)
                    {
                        violations.Add(d.Digest.ToString());
                    }
                }
            };
            using var session = new CopySession(new CopyOptions { Concurrency = 4 });

            Task copyA = session.CopyAsync(source, imageA, destination, CancellationToken.None);
            await sharedStarted.Task.WaitAsync(Timeout);
            var watch = Task.Run(async () =>
            {
                while (!bOwn.All(destination.Has))
                {
                    await Task.Delay(1);
                }

                bChildrenIn.TrySetResult(true);
            });
            Task copyB = session.CopyAsync(source, imageB, destination, CancellationToken.None);
            await bChildrenIn.Task.WaitAsync(Timeout);

            // B has every child but the shared one, which A is still pushing: B must be waiting for it.
            Task first = await Task.WhenAny(copyB, Task.Delay(200));
            Assert.NotSame(copyB, first);
            Assert.False(destination.Has(imageB.Digest));

            release.SetResult(true);
            await Task.WhenAll(copyA, copyB).WaitAsync(Timeout);
            Assert.Empty(violations);
            Assert.Equal(1, AccessCounts.Get(destination.Counts.Pushes, shared.Digest));
        }

        [Fact]
        public async Task ConcurrencyOne_WithTwoLevelIndex_DoesNotDeadlock()
        {
            var source = new MemoryTarget();
            Descriptor shared = Fixtures.Blob(source, "shared");
            Descriptor inner = Fixtures.Index(source, false, (Fixtures.SimpleImage(source, "x", shared), "linux/amd64"), (Fixtures.SimpleImage(source, "y", shared), "linux/arm64"));
            Descriptor outer = Fixtures.Index(source, false, (inner, "linux/amd64"), (Fixtures.SimpleImage(source, "z", shared), "linux/s390x"));
            var destination = new MemoryTarget();
            using var session = new CopySession(new CopyOptions { Concurrency = 1 });

            CopyStats stats = await session.CopyAsync(source, outer, destination, CancellationToken.None).WaitAsync(Timeout);

            Assert.Equal(Fixtures.Graph(source, outer).Count, destination.Digests.Count);
            Assert.Equal(destination.Digests.Count, stats.NodesCopied);
        }

        [Fact]
        public async Task ExistingContent_IsSkippedWithItsSubtree_WithoutFetching()
        {
            var source = new MemoryTarget();
            Descriptor layer = Fixtures.Blob(source, "present layer");
            Descriptor image = Fixtures.SimpleImage(source, "img", layer);
            var destination = new MemoryTarget();
            destination.PutRaw(layer, source.Bytes(layer.Digest));
            var counted = new CountingTarget(source);
            using (var session = new CopySession())
            {
                CopyStats first = await session.CopyAsync(counted, image, destination, CancellationToken.None);
                Assert.Equal(0, AccessCounts.Get(counted.Counts.Fetches, layer.Digest));
                Assert.Equal(1, first.NodesSkipped);
                Assert.Equal(0, AccessCounts.Get(destination.Counts.Pushes, layer.Digest));
            }

            counted.Counts.Reset();
            destination.Counts.Reset();
            using (var session = new CopySession())
            {
                CopyStats again = await session.CopyAsync(counted, image, destination, CancellationToken.None);
                Assert.Equal(0, counted.Counts.TotalFetches);
                Assert.Equal(1, again.NodesSkipped);
                Assert.Equal(0, again.NodesCopied);
                Assert.Equal(1, destination.Counts.Exists.Values.Sum()); // the root only: its subtree is not visited
            }
        }
    }
}
