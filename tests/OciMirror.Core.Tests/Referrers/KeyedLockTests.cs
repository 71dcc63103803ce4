using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Referrers;
using Xunit;

namespace OciMirror.Core.Tests.Referrers
{
    public sealed class KeyedLockTests
    {
        [Fact]
        public async Task OneHolderPerKey_OtherKeysIndependent_EntriesGoneAfterwards()
        {
            var locks = new KeyedLock();
            int inside = 0;
            int most = 0;
            var holders = Enumerable.Range(0, 16).Select(_ => Task.Run(async () =>
            {
                using (await locks.AcquireAsync("a", CancellationToken.None))
                {
                    int now = Interlocked.Increment(ref inside);
                    InterlockedMax(ref most, now);
                    await Task.Yield();
                    Interlocked.Decrement(ref inside);
                }
            })).ToArray();
            IDisposable other = await locks.AcquireAsync("b", CancellationToken.None);

            await Task.WhenAll(holders);

            Assert.Equal(1, most);
            Assert.Equal(1, locks.Count);
            other.Dispose();
            Assert.Equal(0, locks.Count);
        }

        [Fact]
        public async Task CancelledWaiter_LeavesNoEntry()
        {
            var locks = new KeyedLock();
            IDisposable held = await locks.AcquireAsync("k", CancellationToken.None);
            using var cancel = new CancellationTokenSource();
            Task waiting = locks.AcquireAsync("k", cancel.Token);
            cancel.Cancel();

            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
            held.Dispose();

            Assert.Equal(0, locks.Count);
        }

        private static void InterlockedMax(ref int target, int value)
        {
            int current;
            while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current)
            {
            }
        }
    }
}
