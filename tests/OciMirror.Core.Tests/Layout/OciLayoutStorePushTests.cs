using System;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Errors;
using OciMirror.Core.Layout;
using OciMirror.Core.Model;
using Xunit;

namespace OciMirror.Core.Tests.Layout
{
    public class OciLayoutStorePushTests
    {
        private static readonly byte[] Blob = Enumerable.Range(0, 3 * 1024 * 1024 + 17).Select(i => (byte)(i * 31)).ToArray();
        private static readonly Descriptor BlobDescriptor = Descriptor.FromBytes(MediaTypes.OciLayerTarGzip, Blob);

        [Fact]
        public async Task PushThenFetchRoundTrips()
        {
            using var fx = new LayoutFixture();
            using (OciLayoutStore store = await OciLayoutStore.OpenAsync(fx.Root, LayoutOpenMode.CreateOrOpen, CancellationToken.None))
            {
                Assert.False(await store.ExistsAsync(BlobDescriptor, CancellationToken.None));
                var source = new MemoryStream(Blob);
                await store.PushAsync(BlobDescriptor, source, CancellationToken.None);
                Assert.True(source.CanRead, "the caller keeps ownership of the pushed stream");
                Assert.True(await store.ExistsAsync(BlobDescriptor, CancellationToken.None));
                Assert.False(await store.ExistsAsync(new Descriptor(BlobDescriptor.MediaType, BlobDescriptor.Digest, BlobDescriptor.Size - 1), CancellationToken.None));

                using Stream fetched = await store.FetchAsync(BlobDescriptor, CancellationToken.None);
                var copy = new MemoryStream();
                await fetched.CopyToAsync(copy);
                Assert.Equal(Blob, copy.ToArray());

                // Pushing existing content (a concurrent writer stored it) still reads and verifies it.
                var again = new MemoryStream(Blob);
                await store.PushAsync(BlobDescriptor, again, CancellationToken.None);
                Assert.Equal(Blob.Length, again.Position);
                OciException wrong = await Assert.ThrowsAsync<OciException>(() => store.PushAsync(BlobDescriptor, new MemoryStream(new byte[0]), CancellationToken.None));
                Assert.Equal(OciErrorKind.DigestMismatch, wrong.Kind);
            }

            Assert.Equal(new[] { "blobs/sha256/" + BlobDescriptor.Digest.Encoded, "index.json", "oci-layout" }, LayoutFixture.Files(fx.Root));
            Assert.False(Directory.Exists(fx.PathOf("ingest")), "an empty ingest/ is removed on Dispose");
        }

        [Fact]
        public async Task FetchOfMissingBlobIsNotFoundNamingDigestAndFile()
        {
            using var fx = new LayoutFixture();
            using OciLayoutStore store = await OciLayoutStore.OpenAsync(fx.Root, LayoutOpenMode.CreateOrOpen, CancellationToken.None);
            OciException e = await Assert.ThrowsAsync<OciException>(() => store.FetchAsync(BlobDescriptor, CancellationToken.None));
            Assert.Equal(OciErrorKind.NotFound, e.Kind);
            Assert.Contains(BlobDescriptor.Digest.ToString(), e.Message);
            Assert.Contains(Path.Combine(fx.Root, "blobs", "sha256", BlobDescriptor.Digest.Encoded), e.Message);
        }

        [Theory]
        [InlineData("wrong")]
        [InlineData("short")]
        [InlineData("long")]
        public async Task MismatchedPushLeavesNothingBehind(string fault)
        {
            byte[] content = fault switch
            {
                "wrong" => Blob.Select((b, i) => i == 1000 ? (byte)(b ^ 1) : b).ToArray(),
                "short" => Blob.Take(Blob.Length - 1).ToArray(),
                _ => Blob.Concat(new byte[] { 0 }).ToArray(),
            };
            using var fx = new LayoutFixture();
            using (OciLayoutStore store = await OciLayoutStore.OpenAsync(fx.Root, LayoutOpenMode.CreateOrOpen, CancellationToken.None))
            {
                OciException e = await Assert.ThrowsAsync<OciException>(() => store.PushAsync(BlobDescriptor, new MemoryStream(content), CancellationToken.None));
                Assert.Equal(OciErrorKind.DigestMismatch, e.Kind);
                Assert.Contains(BlobDescriptor.Digest.ToString(), e.Message);
                Assert.False(await store.ExistsAsync(BlobDescriptor, CancellationToken.None));
                Assert.Empty(LayoutFixture.Files(fx.PathOf("blobs")));
                Assert.Empty(LayoutFixture.Files(fx.PathOf("ingest")));
            }

            Assert.Equal(new[] { "index.json", "oci-layout" }, LayoutFixture.Files(fx.Root));
        }

        [Fact]
        public async Task ConcurrentPushesOfOneBlobStoreOneCorrectFile()
        {
            using var fx = new LayoutFixture();
            using (OciLayoutStore store = await OciLayoutStore.OpenAsync(fx.Root, LayoutOpenMode.CreateOrOpen, CancellationToken.None))
            {
                // Slow streams make the eight pushes overlap instead of the first one winning before the others start.
                await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => store.PushAsync(BlobDescriptor, new ChunkedStream(Blob, 256 * 1024), CancellationToken.None))));
                using Stream fetched = await store.FetchAsync(BlobDescriptor, CancellationToken.None);
                var copy = new MemoryStream();
                await fetched.CopyToAsync(copy);
                Assert.Equal(Blob, copy.ToArray());
            }

            Assert.Equal(new[] { "blobs/sha256/" + BlobDescriptor.Digest.Encoded, "index.json", "oci-layout" }, LayoutFixture.Files(fx.Root));
        }

        [Fact]
        public async Task ConcurrentPushesOfDifferentBlobsAllLand()
        {
            using var fx = new LayoutFixture();
            using OciLayoutStore store = await OciLayoutStore.OpenAsync(fx.Root, LayoutOpenMode.CreateOrOpen, CancellationToken.None);
            byte[][] blobs = Enumerable.Range(0, 16).Select(i => Enumerable.Repeat((byte)i, 10_000 + i).ToArray()).ToArray();
            await Task.WhenAll(blobs.Select(b => Task.Run(() => store.PushAsync(Descriptor.FromBytes("x", b), new ChunkedStream(b, 1000), CancellationToken.None))));
            foreach (byte[] b in blobs)
            {
                Assert.True(await store.ExistsAsync(Descriptor.FromBytes("x", b), CancellationToken.None));
            }
        }

        [Fact]
        public async Task CancellationMidPushCleansUp()
        {
            using var fx = new LayoutFixture();
            using (OciLayoutStore store = await OciLayoutStore.OpenAsync(fx.Root, LayoutOpenMode.CreateOrOpen, CancellationToken.None))
            {
                using var cts = new CancellationTokenSource();
                var source = new ChunkedStream(Blob, 64 * 1024) { AfterFirstChunk = cts.Cancel };
                await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.PushAsync(BlobDescriptor, source, cts.Token));
                Assert.True(source.Reads >= 1, "the push had started before it was cancelled");
                Assert.Empty(LayoutFixture.Files(fx.PathOf("blobs")));
                Assert.Empty(LayoutFixture.Files(fx.PathOf("ingest")));
            }

            Assert.Equal(new[] { "index.json", "oci-layout" }, LayoutFixture.Files(fx.Root));
        }

        [Fact]
        public async Task StrayIngestFilesKeepIngestOnDispose()
        {
            using var fx = new LayoutFixture();
            OciLayoutStore store = await OciLayoutStore.OpenAsync(fx.Root, LayoutOpenMode.CreateOrOpen, CancellationToken.None);
            Directory.CreateDirectory(fx.PathOf("ingest"));
            File.WriteAllText(fx.PathOf("ingest", "other-writer"), "in progress");
            store.Dispose();
            Assert.True(File.Exists(fx.PathOf("ingest", "other-writer")));
        }

        /// <summary>Serves bytes in chunks with a yield between reads; honours cancellation like a network stream.</summary>
        private sealed class ChunkedStream : MemoryStream
        {
            private readonly int _chunk;

            public ChunkedStream(byte[] content, int chunk)
                : base(content, writable: false)
            {
                _chunk = chunk;
            }

            public Action? AfterFirstChunk { get; set; }

            public int Reads { get; private set; }

            public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
            {
                await Task.Yield();
                cancellationToken.ThrowIfCancellationRequested();
                int n = Read(buffer, offset, Math.Min(count, _chunk));
                if (++Reads == 1)
                {
                    AfterFirstChunk?.Invoke();
                }

                return n;
            }
        }
    }
}
