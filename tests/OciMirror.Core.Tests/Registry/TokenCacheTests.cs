using System;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Registry.Auth;
using Xunit;

namespace OciMirror.Core.Tests.Registry
{
    public class TokenCacheTests
    {
        private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

        [Fact]
        public async Task SharedFetchCancelledByItsCaller_DoesNotCancelAnotherCaller_WhoFetchesItself()
        {
            var cache = new TokenCache();
            using var first = new CancellationTokenSource();
            Task<BearerToken> a = cache.GetOrFetchAsync("k", async () =>
            {
                await Task.Delay(System.Threading.Timeout.Infinite, first.Token).ConfigureAwait(false);
                return new BearerToken("a", DateTime.UtcNow.AddHours(1));
            });
            int secondFetches = 0;
            Task<BearerToken> b = cache.GetOrFetchAsync("k", () =>
            {
                Interlocked.Increment(ref secondFetches);
                return Task.FromResult(new BearerToken("b", DateTime.UtcNow.AddHours(1)));
            });

            first.Cancel();

            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => a.WaitAsync(Timeout));
            BearerToken token = await b.WaitAsync(Timeout);
            Assert.Equal("b", token.Value);
            Assert.Equal(1, secondFetches);
        }

        [Fact]
        public async Task SharedFetchThatFailed_IsReportedToTheWaiter()
        {
            var cache = new TokenCache();
            var gate = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            Task<BearerToken> a = cache.GetOrFetchAsync("k", async () =>
            {
                await gate.Task.ConfigureAwait(false);
                throw new InvalidOperationException("refused");
            });
            Task<BearerToken> b = cache.GetOrFetchAsync("k", () => Task.FromResult(new BearerToken("b", DateTime.UtcNow.AddHours(1))));

            gate.SetResult(true);

            await Assert.ThrowsAsync<InvalidOperationException>(() => a.WaitAsync(Timeout));
            await Assert.ThrowsAsync<InvalidOperationException>(() => b.WaitAsync(Timeout));
        }
    }
}
