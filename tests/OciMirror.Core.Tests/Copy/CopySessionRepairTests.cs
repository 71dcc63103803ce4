using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Copy;
using OciMirror.Core.Errors;
using OciMirror.Core.Model;
using OciMirror.Core.Tests.TestDoubles;
using Xunit;

namespace OciMirror.Core.Tests.Copy
{
    /// <summary>Self-healing: a manifest refused for a child the destination reported present gets its children copied again and is retried once.</summary>
    public class CopySessionRepairTests
    {
        private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

        [Fact]
        public async Task BlobsReportedPresentButLost_ArePushedAgain_AndTheManifestPushSucceeds()
        {
            var source = new MemoryTarget();
            Descriptor config = Fixtures.Config(source, "img");
            Descriptor layer = Fixtures.Blob(source, "collected by the garbage collector");
            Descriptor image = Fixtures.Image(source, config, new[] { layer });
            var destination = new HalfWrittenTarget();
            destination.Lose(config, layer);
            var log = new RecordingObserver();
            using var session = new CopySession(new CopyOptions { Log = log });

            CopyStats stats = await session.CopyAsync(source, image, destination, "r/img:1", CancellationToken.None).WaitAsync(Timeout);

            Assert.All(Fixtures.Graph(source, image), d => Assert.True(destination.Inner.Has(d)));
            Assert.Equal(1, AccessCounts.Get(destination.Inner.Counts.Pushes, layer.Digest));
            Assert.Equal(2, AccessCounts.Get(destination.PushAttempts, image.Digest));
            Assert.Equal(3, stats.NodesCopied);
            Assert.Equal(0, stats.NodesSkipped);
            Assert.Equal(config.Size + layer.Size + image.Size, stats.BytesCopied);
            Assert.Contains(log.Logs, l => l.StartsWith("Verbose: Repaired " + image.Digest + " of r/img:1", StringComparison.Ordinal) && l.Contains("MANIFEST_BLOB_UNKNOWN"));
            Assert.Contains(log.Logs, l => l.StartsWith("Verbose: Repair", StringComparison.Ordinal) && l.Contains(layer.Digest.ToString()));
        }

        [Fact]
        public async Task IndexChildReportedPresentButMissing_IsPushedAgain_WithoutItsStoredChildren()
        {
            var source = new MemoryTarget();
            Descriptor lost = Fixtures.SimpleImage(source, "amd");
            Descriptor fresh = Fixtures.SimpleImage(source, "arm");
            Descriptor index = Fixtures.Index(source, false, (lost, "linux/amd64"), (fresh, "linux/arm64"));
            var destination = new HalfWrittenTarget();
            foreach (Descriptor child in ManifestInfo.Parse(lost, source.Bytes(lost.Digest)).Children)
            {
                destination.Inner.PutRaw(child, source.Bytes(child.Digest));
            }

            destination.Lose(lost);
            using var session = new CopySession();

            CopyStats stats = await session.CopyAsync(source, index, destination, CancellationToken.None).WaitAsync(Timeout);

            Assert.True(destination.Inner.Has(index.Digest));
            Assert.Equal(1, AccessCounts.Get(destination.Inner.Counts.Pushes, lost.Digest));
            Assert.All(ManifestInfo.Parse(lost, source.Bytes(lost.Digest)).Children, c => Assert.Equal(0, AccessCounts.Get(destination.PushAttempts, c.Digest)));
            Assert.Equal(2, AccessCounts.Get(destination.PushAttempts, index.Digest));
            Assert.Equal(Fixtures.Graph(source, index).Count - 3, stats.NodesCopied + stats.NodesSkipped);
            Assert.Equal(0, stats.NodesSkipped);
        }

        [Fact]
        public async Task IndexChildWhoseBlobsAreMissingToo_IsRepairedRecursively_WithConcurrencyOne()
        {
            var source = new MemoryTarget();
            Descriptor lost = Fixtures.SimpleImage(source, "amd");
            Descriptor index = Fixtures.Index(source, false, (lost, "linux/amd64"), (Fixtures.SimpleImage(source, "arm"), "linux/arm64"));
            var destination = new HalfWrittenTarget();
            destination.Lose(lost);
            using var session = new CopySession(new CopyOptions { Concurrency = 1 });

            CopyStats stats = await session.CopyAsync(source, index, destination, CancellationToken.None).WaitAsync(Timeout);

            Assert.All(Fixtures.Graph(source, index), d => Assert.True(destination.Inner.Has(d)));
            Assert.Equal(2, AccessCounts.Get(destination.PushAttempts, lost.Digest));
            Assert.Equal(2, AccessCounts.Get(destination.PushAttempts, index.Digest));
            Assert.Equal(0, stats.NodesSkipped);
        }

        [Fact]
        public async Task RefusedAgainAfterTheRepair_FailsWithTheOriginalErrorAndSaysARepairWasAttempted()
        {
            var source = new MemoryTarget();
            Descriptor image = Fixtures.SimpleImage(source, "img");
            var destination = new HalfWrittenTarget
            {
                Refuse = d => d.Digest == image.Digest ? HalfWrittenTarget.Error(400, "MANIFEST_BLOB_UNKNOWN", d) : null,
            };
            using var session = new CopySession();

            OciException error = await Assert.ThrowsAsync<OciException>(() => session.CopyAsync(source, image, destination, "r/img:1", CancellationToken.None).WaitAsync(Timeout));

            Assert.StartsWith(HalfWrittenTarget.Error(400, "MANIFEST_BLOB_UNKNOWN", image).Message, error.Message, StringComparison.Ordinal);
            Assert.Contains("A repair was attempted", error.Message, StringComparison.Ordinal);
            Assert.Equal(new[] { "MANIFEST_BLOB_UNKNOWN" }, error.RegistryErrorCodes);
            Assert.Equal(ErrorSide.Destination, error.Side);
            Assert.Equal("r/img:1", error.Reference);
            Assert.Equal(image.Digest, error.Digest);
            Assert.Equal(2, AccessCounts.Get(destination.PushAttempts, image.Digest));
        }

        [Fact]
        public async Task OtherErrors_AreNotRepaired()
        {
            var source = new MemoryTarget();
            Descriptor layer = Fixtures.Blob(source, "lost");
            Descriptor image = Fixtures.SimpleImage(source, "img", layer);
            var destination = new HalfWrittenTarget
            {
                Refuse = d => d.Digest == image.Digest ? HalfWrittenTarget.Error(403, "DENIED", d) : null,
            };
            destination.Lose(layer);
            using var session = new CopySession();

            OciException error = await Assert.ThrowsAsync<OciException>(() => session.CopyAsync(source, image, destination, CancellationToken.None).WaitAsync(Timeout));

            Assert.Equal(OciErrorKind.PermissionDenied, error.Kind);
            Assert.DoesNotContain("repair", error.Message, StringComparison.OrdinalIgnoreCase);
            Assert.Equal(1, AccessCounts.Get(destination.PushAttempts, image.Digest));
            Assert.Equal(0, AccessCounts.Get(destination.PushAttempts, layer.Digest));
        }

        [Fact]
        public async Task TwoArtifactsRefusedForTheSameLostBlob_RepairItOnce()
        {
            var source = new MemoryTarget();
            Descriptor shared = Fixtures.Blob(source, "shared, lost");
            Descriptor a = Fixtures.SimpleImage(source, "a", shared);
            Descriptor b = Fixtures.SimpleImage(source, "b", shared);
            var destination = new HalfWrittenTarget();
            destination.Lose(shared);
            var bothRefused = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            var refused = new System.Collections.Concurrent.ConcurrentDictionary<Digest, bool>();
            destination.Refused = async d =>
            {
                // The first manifest refused waits, inside its push, until the other was refused too: both
                // are refused before either repairs (a repair's push of the blob never overlaps a push of a
                // manifest that reads it, so a manifest attempted after the repair started would wait for it).
                refused[d.Digest] = true;
                if (refused.ContainsKey(a.Digest) && refused.ContainsKey(b.Digest))
                {
                    bothRefused.TrySetResult(true);
                }

                await bothRefused.Task.WaitAsync(Timeout);
            };
            using var session = new CopySession(new CopyOptions { Concurrency = 4 });

            CopyStats[] stats = await Task.WhenAll(
                session.CopyAsync(source, a, destination, "a", CancellationToken.None),
                session.CopyAsync(source, b, destination, "b", CancellationToken.None)).WaitAsync(Timeout);

            Assert.Equal(1, AccessCounts.Get(destination.Inner.Counts.Pushes, shared.Digest));
            Assert.True(destination.Inner.Has(a.Digest) && destination.Inner.Has(b.Digest));
            Assert.Equal(2, AccessCounts.Get(destination.PushAttempts, a.Digest));
            Assert.Equal(2, AccessCounts.Get(destination.PushAttempts, b.Digest));
            Assert.All(stats, s => Assert.Equal(5, s.NodesCopied + s.NodesSkipped));
            Assert.Equal(1, stats.Sum(s => s.NodesSkipped));
        }

        [Fact]
        public async Task RepairOwnerCancelled_AnotherArtifactWaitingForTheRepair_TakesItOver()
        {
            var source = new MemoryTarget();
            Descriptor shared = Fixtures.Blob(source, "shared, lost");
            Descriptor a = Fixtures.SimpleImage(source, "a", shared);
            Descriptor b = Fixtures.SimpleImage(source, "b", shared);
            var destination = new HalfWrittenTarget();
            destination.Lose(shared);
            using var cancelA = new CancellationTokenSource();
            var repairStarted = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            int sharedPushes = 0;
            destination.Inner.BeforePush = async d =>
            {
                if (d.Digest == shared.Digest && Interlocked.Increment(ref sharedPushes) == 1)
                {
                    repairStarted.TrySetResult(true);
                    await Task.Delay(System.Threading.Timeout.Infinite, cancelA.Token);
                }
            };
            using var session = new CopySession(new CopyOptions { Concurrency = 4 });

            Task copyA = session.CopyAsync(source, a, destination, "a", cancelA.Token);
            await repairStarted.Task.WaitAsync(Timeout);
            Task copyB = session.CopyAsync(source, b, destination, "b", CancellationToken.None);
            // b's own blobs stored: its manifest push now waits, at the write gate (the repair writes the
            // shared blob it reads) or, refused, for the repair; either way it must take the repair over.
            Digest[] ownBlobs = Fixtures.Graph(source, b).Where(d => d != b.Digest && d != shared.Digest).ToArray();
            DateTime deadline = DateTime.UtcNow + Timeout;
            while (!ownBlobs.All(destination.Inner.Has) && DateTime.UtcNow < deadline)
            {
                await Task.Delay(1);
            }

            cancelA.Cancel();

            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => copyA.WaitAsync(Timeout));
            await copyB.WaitAsync(Timeout);
            Assert.True(destination.Inner.Has(b.Digest));
            Assert.Equal(1, AccessCounts.Get(destination.Inner.Counts.Pushes, shared.Digest));
            Assert.Equal(2, Volatile.Read(ref sharedPushes));
        }
    }
}
