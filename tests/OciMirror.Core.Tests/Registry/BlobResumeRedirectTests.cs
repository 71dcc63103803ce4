using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Model;
using Xunit;
using static OciMirror.Core.Tests.Registry.FakeRegistryHandler;

namespace OciMirror.Core.Tests.Registry
{
    /// <summary>Resuming a blob served from object storage after a redirect, and cancelling a resume.</summary>
    public class BlobResumeRedirectTests
    {
        private static readonly byte[] Data = Enumerable.Range(0, 70_000).Select(i => (byte)(i * 31 + (i >> 8))).ToArray();
        private static readonly Descriptor Blob = Descriptor.FromBytes(MediaTypes.OciLayerTarGzip, Data);
        private static readonly string BlobPath = "/v2/team/app/blobs/" + Blob.Digest;

        [Fact]
        public async Task RedirectedBlob_IsResumedAgainstTheRedirectTarget_WithoutAuthorization()
        {
            using var kit = new RegistryTestKit(RegistryTestKit.WithCredential("alice", "pw"));
            RouteRegistryTo(kit, n => "sig123");
            kit.Handler.On("GET", "/bucket/blob", r => r.Range == null ? BreakingBody.Response(Data, 0, 25_000) : BreakingBody.Partial(Data, ResumeKit.From(r)), "storage.test");

            byte[] fetched = await ResumeKit.FetchVerifiedAsync(kit, Blob);

            Assert.Equal(Data, fetched);
            var storage = kit.Handler.Requests.Where(r => r.Uri.Host == "storage.test").ToList();
            Assert.Equal(new string?[] { null, "bytes=25000-" }, storage.Select(r => r.Range));
            Assert.All(storage, r => Assert.Null(r.Authorization));
            Assert.Contains("X-Amz-Signature=sig123", storage[1].Uri.Query);
            Assert.DoesNotContain(kit.Handler.Requests, r => r.Uri.Host == "registry.test" && r.Range != null);
            Assert.DoesNotContain("sig123", kit.Log.All);
            Assert.Contains("at byte 25000 of 70000 (attempt 1/3)", kit.Log.All);
        }

        [Fact]
        public async Task ExpiredRedirectTarget_FallsBackToTheRegistryUrl_ForAFreshRedirect()
        {
            using var kit = new RegistryTestKit(RegistryTestKit.WithCredential("alice", "pw"));
            RouteRegistryTo(kit, n => "sig" + n);
            kit.Handler.On("GET", "/bucket/blob", r => r.Range == null ? BreakingBody.Response(Data, 0, 25_000)
                : r.Query("X-Amz-Signature") == "sig1" ? Error(403, "AccessDenied", "Request has expired")
                : BreakingBody.Partial(Data, ResumeKit.From(r)), "storage.test");

            byte[] fetched = await ResumeKit.FetchVerifiedAsync(kit, Blob);

            Assert.Equal(Data, fetched);
            RecordedRequest again = kit.Handler.Requests.Last(r => r.Uri.Host == "registry.test");
            Assert.Equal("bytes=25000-", again.Range);
            Assert.NotNull(again.Authorization);
            RecordedRequest resumed = kit.Handler.Requests.Last();
            Assert.Equal(("storage.test", "sig2", "bytes=25000-"), (resumed.Uri.Host, resumed.Query("X-Amz-Signature"), resumed.Range));
            Assert.All(kit.Handler.Requests.Where(r => r.Uri.Host == "storage.test"), r => Assert.Null(r.Authorization));
            Assert.DoesNotContain("sig1", kit.Log.All);
            Assert.DoesNotContain("sig2", kit.Log.All);
        }

        [Fact]
        public async Task Cancellation_DuringTheBackoff_StopsAtOnce()
        {
            using var kit = new RegistryTestKit();
            using var cts = new CancellationTokenSource();
            kit.Handler.On("GET", BlobPath, r => BreakingBody.Response(Data, ResumeKit.From(r), 10_000));
            kit.Client.Transport.Retry.Delay = async (delay, token) =>
            {
                cts.Cancel();
                await Task.Delay(Timeout.Infinite, token);
            };

            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => ResumeKit.FetchVerifiedAsync(kit, Blob, cts.Token).WaitAsync(TimeSpan.FromSeconds(10)));

            Assert.DoesNotContain(kit.Handler.Requests, r => r.Range != null);
        }

        [Fact]
        public async Task Cancellation_DuringTheResumeRequest_StopsAtOnce()
        {
            using var kit = new RegistryTestKit();
            using var cts = new CancellationTokenSource();
            kit.Handler.OnAsync("GET", BlobPath, async (r, token) =>
            {
                if (r.Range == null)
                {
                    return BreakingBody.Response(Data, 0, 10_000);
                }

                cts.Cancel();
                await Task.Delay(Timeout.Infinite, token);
                throw new InvalidOperationException("unreachable");
            });

            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => ResumeKit.FetchVerifiedAsync(kit, Blob, cts.Token).WaitAsync(TimeSpan.FromSeconds(10)));

            Assert.Equal(2, kit.Handler.Count("GET", BlobPath));
        }

        /// <summary>The registry demands Basic auth, then redirects GET number n (1-based) to storage signed with <paramref name="signature"/>(n).</summary>
        private static void RouteRegistryTo(RegistryTestKit kit, Func<int, string> signature)
        {
            int redirects = 0;
            kit.Handler.On("GET", BlobPath, r => r.Authorization == null
                ? Status(401, m => m.Headers.Add("WWW-Authenticate", "Basic realm=\"registry\""))
                : Status(307, m => m.Headers.Location = new Uri("https://storage.test/bucket/blob?X-Amz-Signature=" + signature(Interlocked.Increment(ref redirects)))), RegistryTestKit.Host);
        }
    }
}
