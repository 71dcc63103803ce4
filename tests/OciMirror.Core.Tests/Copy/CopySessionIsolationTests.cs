using System;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Content;
using OciMirror.Core.Copy;
using OciMirror.Core.Errors;
using OciMirror.Core.Model;
using OciMirror.Core.Tests.TestDoubles;
using Xunit;

namespace OciMirror.Core.Tests.Copy
{
    public class CopySessionIsolationTests
    {
        private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

        [Fact]
        public async Task SharedManifest_OwnedByAnArtifactThatFailsElsewhere_DoesNotFailTheOtherArtifact()
        {
            // Artifact A = index over M1 and M2; artifact B = M1 alone. A owns M1 when a corrupt layer of
            // M2 fails A; B, waiting for M1, must take the work over, not inherit A's unrelated error.
            var source = new MemoryTarget();
            Descriptor l1 = Fixtures.Blob(source, "layer of m1");
            Descriptor m1 = Fixtures.Image(source, Fixtures.Config(source, "m1"), new[] { l1 });
            Descriptor l2 = Fixtures.Blob(source, "layer of m2");
            source.PutRaw(l2, Encoding.UTF8.GetBytes("LAYER OF M2"));
            Descriptor m2 = Fixtures.Image(source, Fixtures.Config(source, "m2"), new[] { l2 });
            Descriptor index = Fixtures.Index(source, false, (m1, "linux/amd64"), (m2, "linux/arm64"));
            var gated = new GatedSource(source, l1.Digest, l2.Digest);
            var destination = new MemoryTarget();
            using var session = new CopySession(new CopyOptions { Concurrency = 4 });

            Task a = session.CopyAsync(gated, index, destination, "a", CancellationToken.None);
            await gated.FirstL1Started.Task.WaitAsync(Timeout);
            Task b = session.CopyAsync(gated, m1, destination, "b", CancellationToken.None);
            gated.BWaiting.TrySetResult(true);

            OciException error = await Assert.ThrowsAsync<OciException>(() => a.WaitAsync(Timeout));
            Assert.Equal(OciErrorKind.DigestMismatch, error.Kind);
            await b.WaitAsync(Timeout);
            Assert.True(destination.Has(m1.Digest));
            Assert.True(destination.Has(l1.Digest));
        }

        /// <summary>First fetch of <c>l1</c> waits for cancellation; fetch of <c>l2</c> waits until B is queued.</summary>
        private sealed class GatedSource : IReadOnlyStorage
        {
            private readonly MemoryTarget _inner;
            private readonly Digest _l1;
            private readonly Digest _l2;
            private int _l1Fetches;

            public GatedSource(MemoryTarget inner, Digest l1, Digest l2)
            {
                _inner = inner;
                _l1 = l1;
                _l2 = l2;
            }

            public TaskCompletionSource<bool> FirstL1Started { get; } = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);

            public TaskCompletionSource<bool> BWaiting { get; } = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);

            public async Task<Stream> FetchAsync(Descriptor target, CancellationToken cancellationToken)
            {
                if (target.Digest == _l1 && Interlocked.Increment(ref _l1Fetches) == 1)
                {
                    FirstL1Started.TrySetResult(true);
                    await Task.Delay(System.Threading.Timeout.Infinite, cancellationToken).ConfigureAwait(false);
                }

                if (target.Digest == _l2)
                {
                    await BWaiting.Task.ConfigureAwait(false);
                }

                return await _inner.FetchAsync(target, cancellationToken).ConfigureAwait(false);
            }

            public Task<bool> ExistsAsync(Descriptor target, CancellationToken cancellationToken) => _inner.ExistsAsync(target, cancellationToken);
        }
    }
}
