using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Content;
using OciMirror.Core.Diagnostics;
using OciMirror.Core.Errors;
using OciMirror.Core.Model;
using OciMirror.Core.Registry;
using Xunit;
using static OciMirror.Core.Tests.Registry.FakeRegistryHandler;

namespace OciMirror.Core.Tests.Registry
{
    /// <summary>
    /// Issue 7 item 14, the network side: a registry that sends headers and then stalls mid-body fails the
    /// transfer within the idle read timeout (a blob first resumes with Range), a slow trickle is not a stall,
    /// and a registry that stops accepting an upload fails it the same way. The stalled bodies below ignore
    /// cancellation and end only when disposed, as a silent socket does on .NET Framework.
    /// </summary>
    public class StalledTransferTests
    {
        private const int Size = 100_000;
        private static readonly TimeSpan Idle = TimeSpan.FromMilliseconds(400);

        /// <summary>A hang guard only, never an assertion about time.</summary>
        private static readonly TimeSpan HangGuard = TimeSpan.FromMinutes(1);

        private static readonly byte[] Data = MakeData();
        private static readonly Descriptor Blob = Descriptor.FromBytes(MediaTypes.OciLayerTarGzip, Data);
        private static readonly string BlobPath = "/v2/team/app/blobs/" + Blob.Digest;

        private static RegistryTestKit Kit() => new RegistryTestKit(configure: o => o.ReadTimeout = Idle);

        [Fact]
        public async Task BlobBodyThatStalls_IsResumedWithRange_AndCompletes()
        {
            using var kit = Kit();
            kit.Handler.On("GET", BlobPath, r => r.Range == null ? BreakingBody.Stalling(Data, 0, stallAfter: 30_000) : BreakingBody.Partial(Data, ResumeKit.From(r)));

            byte[] fetched = await ResumeKit.FetchVerifiedAsync(kit, Blob).WaitAsync(HangGuard);

            Assert.Equal(Data, fetched);
            Assert.Equal(new string?[] { null, "bytes=30000-" }, kit.Handler.Requests.Select(r => r.Range));
            Assert.Contains(kit.Log.Lines, l => l.Message.Contains("Resuming " + Blob.Digest) && l.Message.Contains("sent no data for 400 ms"));
        }

        [Fact]
        public async Task BlobBodyThatStallsEveryTime_FailsWithTimeout_NamingTheBlobAndTheSetting()
        {
            using var kit = Kit();
            kit.Handler.On("GET", BlobPath, r => BreakingBody.Stalling(Data, ResumeKit.From(r), stallAfter: 10_000));

            OciException e = await Assert.ThrowsAsync<OciException>(() => ResumeKit.FetchVerifiedAsync(kit, Blob).WaitAsync(HangGuard));

            Assert.Equal(OciErrorKind.Timeout, e.Kind);
            Assert.Equal(Blob.Digest, e.Digest);
            Assert.Contains("stalled after 40000 of 100000 bytes", e.Message);
            Assert.Contains("--read-timeout", e.Message);
            Assert.Equal(4, kit.Handler.Count("GET", BlobPath)); // the first try and three resumes
        }

        [Fact]
        public async Task ManifestBodyThatStalls_FailsWithTimeout()
        {
            using var kit = Kit();
            byte[] manifest = RegistryTestKit.ManifestBytes();
            var descriptor = Descriptor.FromBytes(MediaTypes.OciManifest, manifest);
            kit.Handler.On("GET", "/v2/team/app/manifests/" + descriptor.Digest, r => BreakingBody.Stalling(manifest, 0, stallAfter: 20));

            OciException e = await Assert.ThrowsAsync<OciException>(() => ResumeKit.FetchVerifiedAsync(kit, descriptor).WaitAsync(HangGuard));

            Assert.Equal(OciErrorKind.Timeout, e.Kind);
            Assert.Contains("sent no data for 400 ms", e.Message);
            Assert.Contains("--read-timeout", e.RecommendedAction);
        }

        [Fact]
        public async Task SlowTrickle_IsNotAStall_HoweverLongTheWholeBodyTakes()
        {
            using var kit = new RegistryTestKit(configure: o => o.ReadTimeout = TimeSpan.FromSeconds(5));
            byte[] small = Data.Take(6_000).ToArray();
            var blob = Descriptor.FromBytes(MediaTypes.OciLayerTarGzip, small);
            // 60 pieces of 100 bytes, 20 ms apart: the body takes longer than a stall would need to be noticed
            // with a timeout of its own length, yet no single read waits anywhere near the timeout.
            kit.Handler.On("GET", "/v2/team/app/blobs/" + blob.Digest, r => TrickleBody.Response(small, 100, TimeSpan.FromMilliseconds(20)));

            byte[] fetched = await ResumeKit.FetchVerifiedAsync(kit, blob).WaitAsync(HangGuard);

            Assert.Equal(small, fetched);
            Assert.Single(kit.Handler.Requests);
            Assert.DoesNotContain(kit.Log.Lines, l => l.Message.Contains("Resuming"));
        }

        [Fact]
        public async Task ReadTimeoutZero_TurnsTheWatchdogOff()
        {
            using var kit = new RegistryTestKit(configure: o => o.ReadTimeout = TimeSpan.Zero);
            kit.Handler.On("GET", BlobPath, r => BreakingBody.Stalling(Data, 0, stallAfter: 10));
            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(2));

            // Nothing fails on its own: only the caller's cancellation ends the wait.
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => ResumeKit.FetchVerifiedAsync(kit, Blob, stop.Token).WaitAsync(stop.Token));
        }

        [Fact]
        public async Task UploadTheRegistryStopsReading_FailsWithTimeout()
        {
            var handler = new StopsReadingUploads();
            var options = new RegistryAccessOptions { PlainHttp = true, ReadTimeout = Idle };
            using var client = new RegistryClient(options, null, handler);
            var repository = (RegistryRepository)client.GetRepository(OciMirror.Core.References.Reference.ParseRepository(RegistryTestKit.Host + "/team/app"));

            OciException e = await Assert.ThrowsAsync<OciException>(() => repository.PushAsync(Blob, new VerifyingReadStream(new MemoryStream(Data), Blob), CancellationToken.None).WaitAsync(HangGuard));

            Assert.Equal(OciErrorKind.Timeout, e.Kind);
            Assert.Contains("accepted no upload data for 400 ms", e.Message);
            Assert.Equal(Blob.Digest, e.Digest);
        }

        private static byte[] MakeData()
        {
            var data = new byte[Size];
            new Random(7).NextBytes(data);
            return data;
        }

        /// <summary>
        /// POST opens an upload; the PUT's body is read into a stream whose writes never complete, as when a
        /// registry stops reading; cancelling the send (what SocketsHttpHandler does to abort) ends it.
        /// </summary>
        private sealed class StopsReadingUploads : HttpMessageHandler
        {
            protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            {
                if (request.Method == HttpMethod.Post)
                {
                    var accepted = new HttpResponseMessage(HttpStatusCode.Accepted) { RequestMessage = request };
                    accepted.Headers.Location = new Uri("/v2/team/app/blobs/uploads/u1", UriKind.Relative);
                    return accepted;
                }

                if (request.Method == HttpMethod.Head)
                {
                    return new HttpResponseMessage(HttpStatusCode.NotFound) { RequestMessage = request };
                }

                Task copy = request.Content!.CopyToAsync(new NeverWritten());
                await Task.WhenAny(copy, Task.Delay(Timeout.Infinite, cancellationToken)).ConfigureAwait(false);
                cancellationToken.ThrowIfCancellationRequested();
                await copy.ConfigureAwait(false);
                return new HttpResponseMessage(HttpStatusCode.Created) { RequestMessage = request };
            }
        }

        private sealed class NeverWritten : Stream
        {
            public override bool CanRead => false;

            public override bool CanSeek => false;

            public override bool CanWrite => true;

            public override long Length => throw new NotSupportedException();

            public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

            public override void Flush()
            {
            }

            public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

            public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

            public override void SetLength(long value) => throw new NotSupportedException();

            public override void Write(byte[] buffer, int offset, int count) => new TaskCompletionSource<bool>().Task.Wait();

            public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => new TaskCompletionSource<bool>().Task;
        }
    }
}
