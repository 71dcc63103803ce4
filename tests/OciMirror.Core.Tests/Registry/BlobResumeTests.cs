using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Content;
using OciMirror.Core.Diagnostics;
using OciMirror.Core.Errors;
using OciMirror.Core.Model;
using Xunit;
using static OciMirror.Core.Tests.Registry.FakeRegistryHandler;

namespace OciMirror.Core.Tests.Registry
{
    /// <summary>A blob whose connection breaks mid-body is resumed with Range (DESIGN §7).</summary>
    public class BlobResumeTests
    {
        private const int Size = 100_000;
        private static readonly byte[] Data = MakeData();
        private static readonly Descriptor Blob = Descriptor.FromBytes(MediaTypes.OciLayerTarGzip, Data);
        private static readonly string BlobPath = "/v2/team/app/blobs/" + Blob.Digest;

        [Theory]
        [InlineData(false)]
        [InlineData(true)]
        public async Task BrokenBody_206_ContinuesFromTheBreak(bool prematureEof)
        {
            using var kit = new RegistryTestKit();
            kit.Handler.On("GET", BlobPath, r => r.Range == null ? BreakingBody.Response(Data, 0, 30_001, prematureEof) : BreakingBody.Partial(Data, 30_001));

            byte[] fetched = await ResumeKit.FetchVerifiedAsync(kit, Blob);

            Assert.Equal(Data, fetched);
            Assert.Equal(new string?[] { null, "bytes=30001-" }, kit.Handler.Requests.Select(r => r.Range));
            Assert.Contains(kit.Log.Lines, l => l.Level == LogLevel.Verbose && l.Message.Contains($"Resuming {Blob.Digest}") && l.Message.Contains("at byte 30001 of 100000 (attempt 1/3)"));
            Assert.Single(kit.Delays);
        }

        [Fact]
        public async Task ServerIgnoringRange_200_SkipsTheBytesAlreadyYielded()
        {
            using var kit = new RegistryTestKit();
            kit.Handler.On("GET", BlobPath, r => r.Range == null ? BreakingBody.Response(Data, 0, 54_321) : Bytes(200, Data));

            byte[] fetched = await ResumeKit.FetchVerifiedAsync(kit, Blob);

            Assert.Equal(Data, fetched);
            Assert.Equal("bytes=54321-", kit.Handler.Requests.Last().Range);
        }

        [Fact]
        public async Task RangeNotSatisfiable_416_IsConnectionFailedNamingTheBlobAndTheBytes()
        {
            using var kit = new RegistryTestKit();
            kit.Handler.On("GET", BlobPath, r => r.Range == null ? BreakingBody.Response(Data, 0, 300) : Status(416));

            var e = await Assert.ThrowsAsync<OciException>(() => ResumeKit.FetchVerifiedAsync(kit, Blob));

            Assert.Equal(OciErrorKind.ConnectionFailed, e.Kind);
            Assert.Equal(Blob.Digest, e.Digest);
            Assert.Equal(RegistryTestKit.Host, e.Registry);
            Assert.Contains($"{RegistryTestKit.Host}/team/app@{Blob.Digest}", e.Message);
            Assert.Contains("after 300 of 100000 bytes", e.Message);
            Assert.Contains("416", e.Message);
            Assert.Contains("Connection reset by peer", e.Message);
        }

        [Fact]
        public async Task PartialContent_WithTheWrongStart_IsConnectionFailed()
        {
            using var kit = new RegistryTestKit();
            kit.Handler.On("GET", BlobPath, r => r.Range == null ? BreakingBody.Response(Data, 0, 300) : BreakingBody.Partial(Data, 200));

            var e = await Assert.ThrowsAsync<OciException>(() => ResumeKit.FetchVerifiedAsync(kit, Blob));

            Assert.Equal(OciErrorKind.ConnectionFailed, e.Kind);
            Assert.Contains("Content-Range 'bytes 200-99999/100000' instead of bytes 300-99999/100000", e.Message);
        }

        [Fact]
        public async Task ThreeBreaks_AreEachResumed()
        {
            using var kit = new RegistryTestKit();
            kit.Handler.On("GET", BlobPath, r =>
            {
                int from = ResumeKit.From(r);
                return from < 30_000 ? BreakingBody.Response(Data, from, 10_000) : BreakingBody.Partial(Data, from);
            });

            byte[] fetched = await ResumeKit.FetchVerifiedAsync(kit, Blob);

            Assert.Equal(Data, fetched);
            Assert.Equal(new string?[] { null, "bytes=10000-", "bytes=20000-", "bytes=30000-" }, kit.Handler.Requests.Select(r => r.Range));
            Assert.Equal(3, kit.Delays.Count);
            Assert.True(kit.Delays[2] > kit.Delays[0], "the backoff grows");
            Assert.Contains("(attempt 3/3)", kit.Log.All);
        }

        [Fact]
        public async Task FourthBreak_Fails()
        {
            using var kit = new RegistryTestKit();
            kit.Handler.On("GET", BlobPath, r => BreakingBody.Response(Data, ResumeKit.From(r), 10_000));

            var e = await Assert.ThrowsAsync<OciException>(() => ResumeKit.FetchVerifiedAsync(kit, Blob));

            Assert.Equal(OciErrorKind.ConnectionFailed, e.Kind);
            Assert.Contains("after 40000 of 100000 bytes", e.Message);
            Assert.Contains("already resumed 3 times", e.Message);
            Assert.Equal(4, kit.Handler.Count("GET", BlobPath));
        }

        [Fact]
        public async Task ManifestsAreNotResumed()
        {
            using var kit = new RegistryTestKit();
            byte[] manifest = RegistryTestKit.ManifestBytes();
            var desc = Descriptor.FromBytes(MediaTypes.OciManifest, manifest);
            kit.Handler.On("GET", "/v2/team/app/manifests/" + desc.Digest, r => BreakingBody.Response(manifest, 0, 10));

            var e = await Assert.ThrowsAsync<OciException>(() => ResumeKit.FetchVerifiedAsync(kit, desc));

            Assert.Equal(OciErrorKind.ConnectionFailed, e.Kind);
            Assert.Single(kit.Handler.Requests);
        }

        private static byte[] MakeData()
        {
            var data = new byte[Size];
            new Random(42).NextBytes(data);
            return data;
        }
    }
}
