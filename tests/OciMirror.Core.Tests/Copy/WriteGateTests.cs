using System;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Copy;
using OciMirror.Core.Model;
using Xunit;

namespace OciMirror.Core.Tests.Copy
{
    public class WriteGateTests
    {
        private const string Repo = "repo:r/a";
        private static readonly Digest X = Digest.Compute(new byte[] { 1 });
        private static readonly Digest Y = Digest.Compute(new byte[] { 2 });
        private readonly WriteGate _gate = new WriteGate();

        [Fact]
        public async Task AWrite_KeepsReadersOfThatDigestWaiting_UntilItEnds()
        {
            IDisposable write = await _gate.EnterAsync(Repo, X, Array.Empty<Digest>(), default);
            Task<IDisposable> read = _gate.EnterAsync(Repo, null, new[] { X }, default);
            Task<IDisposable> otherDigest = _gate.EnterAsync(Repo, null, new[] { Y }, default);
            Task<IDisposable> otherDestination = _gate.EnterAsync("repo:r/b", null, new[] { X }, default);

            Assert.True(otherDigest.Status == TaskStatus.RanToCompletion);
            Assert.True(otherDestination.Status == TaskStatus.RanToCompletion);
            Assert.False(read.IsCompleted);
            write.Dispose();
            (await read).Dispose();
        }

        [Fact]
        public async Task Readers_ShareADigest_AndKeepAWriteWaiting()
        {
            IDisposable first = await _gate.EnterAsync(Repo, null, new[] { X }, default);
            IDisposable second = await _gate.EnterAsync(Repo, null, new[] { X }, default);
            Task<IDisposable> write = _gate.EnterAsync(Repo, X, Array.Empty<Digest>(), default);

            first.Dispose();
            Assert.False(write.IsCompleted);
            second.Dispose();
            (await write).Dispose();
        }

        [Fact]
        public async Task AWaiter_HoldsNothing_WhileItWaits()
        {
            IDisposable writeY = await _gate.EnterAsync(Repo, Y, Array.Empty<Digest>(), default);
            Task<IDisposable> parent = _gate.EnterAsync(Repo, X, new[] { Y }, default); // writes X, reads Y: waits for Y

            Task<IDisposable> readX = _gate.EnterAsync(Repo, null, new[] { X }, default);

            Assert.True(readX.Status == TaskStatus.RanToCompletion); // X was not taken by the waiting parent
            Assert.False(parent.IsCompleted);
            (await readX).Dispose();
            writeY.Dispose();
            (await parent).Dispose();
        }

        [Fact]
        public async Task ACancelledWaiter_LeavesNothingHeld()
        {
            IDisposable writeY = await _gate.EnterAsync(Repo, Y, Array.Empty<Digest>(), default);
            using var cancel = new CancellationTokenSource();
            Task<IDisposable> waiting = _gate.EnterAsync(Repo, X, new[] { Y }, cancel.Token);

            cancel.Cancel();

            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
            writeY.Dispose();
            (await _gate.EnterAsync(Repo, X, new[] { Y }, default)).Dispose();
            (await _gate.EnterAsync(Repo, Y, new[] { X }, default)).Dispose();
        }

        [Fact]
        public async Task DisposingTwice_ReleasesOnce()
        {
            IDisposable read = await _gate.EnterAsync(Repo, null, new[] { X }, default);
            IDisposable other = await _gate.EnterAsync(Repo, null, new[] { X }, default);
            read.Dispose();
            read.Dispose();

            Task<IDisposable> write = _gate.EnterAsync(Repo, X, Array.Empty<Digest>(), default);

            Assert.False(write.IsCompleted); // "other" still reads X
            other.Dispose();
            (await write).Dispose();
        }
    }
}
