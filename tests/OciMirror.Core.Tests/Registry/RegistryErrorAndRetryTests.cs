using System;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Net.Security;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Diagnostics;
using OciMirror.Core.Errors;
using OciMirror.Core.Model;
using OciMirror.Core.Registry;
using Xunit;
using static OciMirror.Core.Tests.Registry.FakeRegistryHandler;

namespace OciMirror.Core.Tests.Registry
{
    public class RegistryErrorAndRetryTests
    {
        [Fact]
        public async Task ErrorBody_CodesAndMessagesAreMapped()
        {
            using var kit = new RegistryTestKit();
            kit.Handler.On("HEAD", "/v2/team/app/manifests/v9", r => Error(404, "MANIFEST_UNKNOWN", "manifest unknown"));
            kit.Handler.On("GET", "/v2/team/app/tags/list", r => Error(403, "DENIED", "requested access to the resource is denied"));

            var notFound = await Assert.ThrowsAsync<OciException>(() => kit.Repository().ResolveAsync("v9", CancellationToken.None));
            var denied = await Assert.ThrowsAsync<OciException>(() => kit.Repository().ListTagsAsync(CancellationToken.None));

            Assert.Equal(OciErrorKind.NotFound, notFound.Kind);
            Assert.Equal(404, notFound.StatusCode);
            Assert.Equal(RegistryTestKit.Host, notFound.Registry);
            Assert.Contains("registry.test:5000/team/app:v9", notFound.Message);
            Assert.Equal(OciErrorKind.PermissionDenied, denied.Kind);
            Assert.Equal(new[] { "DENIED" }, denied.RegistryErrorCodes);
            Assert.Contains("requested access to the resource is denied", denied.Message);
            Assert.NotNull(denied.RecommendedAction);
        }

        [Fact]
        public async Task DigestInvalid_OnUpload_IsDigestMismatchWithTheDigest()
        {
            using var kit = new RegistryTestKit();
            byte[] data = Encoding.UTF8.GetBytes("blob");
            Descriptor blob = Descriptor.FromBytes(MediaTypes.OciLayerTar, data);
            kit.Handler.On("POST", "/v2/team/app/blobs/uploads/", r => Status(202, m => m.Headers.Location = new Uri("/v2/team/app/blobs/uploads/u", UriKind.Relative)));
            kit.Handler.On("PUT", "/v2/team/app/blobs/uploads/u", r => Error(400, "DIGEST_INVALID", "provided digest did not match uploaded content"));

            var e = await Assert.ThrowsAsync<OciException>(() => kit.Repository().PushAsync(blob, new MemoryStream(data), CancellationToken.None));

            Assert.Equal(OciErrorKind.DigestMismatch, e.Kind);
            Assert.Equal(blob.Digest, e.Digest);
            Assert.Contains("DIGEST_INVALID", e.RegistryErrorCodes);
        }

        [Fact]
        public async Task ManifestBlobUnknown_IsProtocolErrorWithTheCode()
        {
            using var kit = new RegistryTestKit();
            byte[] manifest = RegistryTestKit.ManifestBytes();
            var desc = Descriptor.FromBytes(MediaTypes.OciManifest, manifest);
            kit.Handler.On("PUT", "/v2/team/app/manifests/" + desc.Digest, r => Error(400, "MANIFEST_BLOB_UNKNOWN", "blob unknown to registry"));

            var e = await Assert.ThrowsAsync<OciException>(() => kit.Repository().PushAsync(desc, new MemoryStream(manifest), CancellationToken.None));

            Assert.Equal(OciErrorKind.ProtocolError, e.Kind);
            Assert.Equal(new[] { "MANIFEST_BLOB_UNKNOWN" }, e.RegistryErrorCodes);
        }

        [Fact]
        public async Task Status503_WithRetryAfter_IsRetriedThenSucceeds()
        {
            using var kit = new RegistryTestKit();
            int calls = 0;
            kit.Handler.On("GET", "/v2/", r => ++calls < 3
                ? Status(503, m => m.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(2)))
                : Status(200));

            await kit.Client.PingAsync(RegistryTestKit.Host, CancellationToken.None);

            Assert.Equal(3, calls);
            Assert.Equal(new[] { TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(2) }, kit.Delays);
        }

        [Fact]
        public async Task Status429_Forever_IsUnavailableAfterThreeRetriesWithCappedBackoff()
        {
            using var kit = new RegistryTestKit();
            kit.Handler.On("GET", "/v2/team/app/tags/list", r => Status(429, m => m.Headers.TryAddWithoutValidation("Retry-After", "3600")));

            var e = await Assert.ThrowsAsync<OciException>(() => kit.Repository().ListTagsAsync(CancellationToken.None));

            Assert.Equal(OciErrorKind.Unavailable, e.Kind);
            Assert.Equal(4, kit.Handler.Requests.Count);
            Assert.All(kit.Delays, d => Assert.Equal(TimeSpan.FromSeconds(30), d));
        }

        [Fact]
        public async Task Status500_WithoutRetryAfter_BacksOffExponentially()
        {
            using var kit = new RegistryTestKit();
            kit.Handler.On("GET", "/v2/", r => Status(500));

            await Assert.ThrowsAsync<OciException>(() => kit.Client.PingAsync(RegistryTestKit.Host, CancellationToken.None));

            Assert.Equal(3, kit.Delays.Count);
            Assert.InRange(kit.Delays[0].TotalMilliseconds, 160, 240);
            Assert.InRange(kit.Delays[2].TotalMilliseconds, 640, 960);
        }

        [Fact]
        public async Task UploadBody_IsNeverRetried()
        {
            using var kit = new RegistryTestKit();
            byte[] data = Encoding.UTF8.GetBytes("blob");
            Descriptor blob = Descriptor.FromBytes(MediaTypes.OciLayerTar, data);
            kit.Handler.On("POST", "/v2/team/app/blobs/uploads/", r => Status(202, m => m.Headers.Location = new Uri("/v2/team/app/blobs/uploads/u", UriKind.Relative)));
            kit.Handler.On("PUT", "/v2/team/app/blobs/uploads/u", r => Status(503));

            var e = await Assert.ThrowsAsync<OciException>(() => kit.Repository().PushAsync(blob, new MemoryStream(data), CancellationToken.None));

            Assert.Equal(OciErrorKind.Unavailable, e.Kind);
            Assert.Equal(1, kit.Handler.Count("PUT", "/v2/team/app/blobs/uploads/u"));
        }

        [Fact]
        public async Task ConnectionFailure_IsRetriedThenConnectionFailedNamingHostAndUrl()
        {
            using var kit = new RegistryTestKit();
            kit.Handler.On("GET", "/v2/", r => throw new HttpRequestException("Connection refused", new System.Net.Sockets.SocketException(111)));

            var e = await Assert.ThrowsAsync<OciException>(() => kit.Client.PingAsync(RegistryTestKit.Host, CancellationToken.None));

            Assert.Equal(OciErrorKind.ConnectionFailed, e.Kind);
            Assert.Contains(RegistryTestKit.Host, e.Message);
            Assert.Contains("http://registry.test:5000/v2/", e.Message);
            Assert.Equal(4, kit.Handler.Requests.Count);
            Assert.Contains(kit.Log.Lines, l => l.Level == LogLevel.Verbose && l.Message.StartsWith("GET http://registry.test:5000/v2/ → failed", StringComparison.Ordinal));
        }

        [Fact]
        public async Task HeaderTimeout_IsTimeout_ButCallerCancellationStaysCancellation()
        {
            using var kit = new RegistryTestKit();
            kit.Client.Transport.HeaderTimeout = TimeSpan.FromMilliseconds(30);
            kit.Handler.OnAsync("GET", "/v2/", async (r, token) =>
            {
                await Task.Delay(Timeout.Infinite, token);
                return Status(200);
            });

            var e = await Assert.ThrowsAsync<OciException>(() => kit.Client.PingAsync(RegistryTestKit.Host, CancellationToken.None));
            Assert.Equal(OciErrorKind.Timeout, e.Kind);

            using var cancelled = new CancellationTokenSource();
            cancelled.Cancel();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => kit.Client.PingAsync(RegistryTestKit.Host, cancelled.Token));
        }

        [Fact]
        public async Task RequestLog_HasOneVerboseLinePerExchangeWithStatusAndSize()
        {
            using var kit = new RegistryTestKit();
            Descriptor blob = RegistryTestKit.Blob("12345");
            kit.Handler.On("GET", "/v2/team/app/blobs/" + blob.Digest, r => Bytes(200, Encoding.UTF8.GetBytes("12345")));

            using (Stream s = await kit.Repository().FetchAsync(blob, CancellationToken.None))
            {
            }

            var line = Assert.Single(kit.Log.Lines, l => l.Level == LogLevel.Verbose);
            Assert.Matches(@"^GET http://registry\.test:5000/v2/team/app/blobs/sha256:[0-9a-f]{64} → 200 \(5 B, \d+ ms\)$", line.Message);
        }
    }
}
