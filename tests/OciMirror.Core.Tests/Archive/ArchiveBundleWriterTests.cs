using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Archive;
using OciMirror.Core.Errors;
using OciMirror.Core.Model;
using Xunit;

namespace OciMirror.Core.Tests.Archive
{
    /// <summary>The archive writer as a copy target, without the export around it.</summary>
    public sealed class ArchiveBundleWriterTests : IDisposable
    {
        private readonly string _dir = ArchiveTestUtil.TempDir();

        public void Dispose() => Directory.Delete(_dir, recursive: true);

        [Theory]
        [InlineData(ArchiveFormat.Tar)]
        [InlineData(ArchiveFormat.TarGzip)]
        public async Task ConcurrentPushes_AppendEachBlobOnce_AndFileSpoolsAreDeleted(ArchiveFormat format)
        {
            string path = Path.Combine(_dir, "b.archive");
            var blobs = Enumerable.Range(0, 40).Select(i => ArchiveTestUtil.Pattern(1000 + (i * 3001), seed: i)).ToList();
            using (ArchiveBundleWriter writer = await ArchiveBundleWriter.OpenFileAsync(path, format, default))
            {
                writer.MemorySpoolLimit = 10_000; // most go through a file spool
                await Task.WhenAll(blobs.Concat(blobs).Select(b => Task.Run(() => writer.PushAsync(Descriptor.FromBytes(MediaTypes.OciLayerTarGzip, b), new MemoryStream(b), default))));
                Descriptor manifest = await PushManifestAsync(writer, blobs[0]);
                await writer.TagAsync(manifest, "example.com/a:1", default);
                Assert.Equal(42, writer.BlobsAppended);
                await writer.CompleteAsync(default);
                await writer.CompleteAsync(default); // idempotent
            }

            Assert.Equal(new[] { "b.archive" }, Directory.GetFiles(_dir).Select(Path.GetFileName));
            var entries = await ArchiveExportKit.ReadArchiveAsync(File.ReadAllBytes(path));
            ArchiveExportKit.AssertBundleOrder(entries);
            Assert.Equal(44, entries.Count);
        }

        [Fact]
        public async Task CorruptPush_AppendsNothing_DeletesItsSpool_AndTheWriterStaysUsable()
        {
            string path = Path.Combine(_dir, "b.tar");
            byte[] good = ArchiveTestUtil.Pattern(50_000);
            using ArchiveBundleWriter writer = await ArchiveBundleWriter.OpenFileAsync(path, ArchiveFormat.Tar, default);
            writer.MemorySpoolLimit = 0;
            byte[] bad = good.ToArray();
            bad[100] ^= 1;

            var e = await Assert.ThrowsAsync<OciException>(() => writer.PushAsync(Descriptor.FromBytes(MediaTypes.OciLayerTarGzip, good), new MemoryStream(bad), default));
            var shortContent = await Assert.ThrowsAsync<OciException>(() => writer.PushAsync(Descriptor.FromBytes(MediaTypes.OciLayerTarGzip, good), new MemoryStream(good, 0, 10), default));

            Assert.Equal(OciErrorKind.DigestMismatch, e.Kind);
            Assert.Equal(OciErrorKind.DigestMismatch, shortContent.Kind);
            Assert.Empty(Directory.GetFileSystemEntries(_dir)); // no spool, and the archive was not even started
            await writer.PushAsync(Descriptor.FromBytes(MediaTypes.OciLayerTarGzip, good), new MemoryStream(good), default);
            Assert.True(await writer.ExistsAsync(Descriptor.FromBytes(MediaTypes.OciLayerTarGzip, good), default));
        }

        [Fact]
        public async Task NamesResolve_ManifestsReadBack_OtherBlobsDoNot_AndUnknownTargetsCannotBeTagged()
        {
            var stream = new MemoryStream();
            using ArchiveBundleWriter writer = ArchiveBundleWriter.ForStream(stream, ArchiveFormat.Tar, "-", default);
            byte[] layer = Encoding.UTF8.GetBytes("layer");
            await writer.PushAsync(Descriptor.FromBytes(MediaTypes.OciLayerTarGzip, layer), new MemoryStream(layer), default);
            Descriptor manifest = await PushManifestAsync(writer, layer);

            await writer.TagAsync(manifest, "example.com/a:1", default);

            Assert.Equal(manifest.Digest, (await writer.ResolveAsync("example.com/a:1", default)).Digest);
            Assert.Equal(manifest.Digest, (await writer.ResolveAsync(manifest.Digest.ToString(), default)).Digest);
            Assert.Equal("1", (await writer.ListEntriesAsync(default)).Single().Tag);
            using (Stream back = await writer.FetchAsync(manifest, default))
            {
                Assert.Equal(manifest.Size, back.Length);
            }

            Assert.Equal(OciErrorKind.NotFound, (await Assert.ThrowsAsync<OciException>(() => writer.FetchAsync(Descriptor.FromBytes(MediaTypes.OciLayerTarGzip, layer), default))).Kind);
            Assert.Equal(OciErrorKind.NotFound, (await Assert.ThrowsAsync<OciException>(() => writer.ResolveAsync("example.com/a:2", default))).Kind);
            var unknown = Descriptor.FromBytes(MediaTypes.OciManifest, Encoding.UTF8.GetBytes("{\"never\":\"pushed\"}"));
            Assert.Equal(OciErrorKind.NotFound, (await Assert.ThrowsAsync<OciException>(() => writer.TagAsync(unknown, "example.com/a:3", default))).Kind);
        }

        [Fact]
        public async Task FailedOutput_MakesTheWriterUnusable_WithTheSameKind()
        {
            var output = new FailingStream(failAfter: 700);
            using ArchiveBundleWriter writer = ArchiveBundleWriter.ForStream(output, ArchiveFormat.Tar, "-", default);
            byte[] blob = ArchiveTestUtil.Pattern(5000);

            var first = await Assert.ThrowsAsync<OciException>(() => writer.PushAsync(Descriptor.FromBytes(MediaTypes.OciLayerTarGzip, blob), new MemoryStream(blob), default));
            var later = await Assert.ThrowsAsync<OciException>(() => writer.CompleteAsync(default));

            Assert.Equal(OciErrorKind.IOFailed, first.Kind);
            Assert.Equal(OciErrorKind.IOFailed, later.Kind);
            Assert.Contains("unusable", later.Message);
        }

        private static async Task<Descriptor> PushManifestAsync(ArchiveBundleWriter writer, byte[] layer)
        {
            Descriptor layerDescriptor = Descriptor.FromBytes(MediaTypes.OciLayerTarGzip, layer);
            byte[] config = Encoding.UTF8.GetBytes("{}");
            await writer.PushAsync(Descriptor.FromBytes(MediaTypes.OciConfig, config), new MemoryStream(config), default);
            string json = "{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OciManifest + "\",\"config\":{\"mediaType\":\"" + MediaTypes.OciConfig + "\",\"digest\":\""
                + Digest.Compute(config) + "\",\"size\":2},\"layers\":[{\"mediaType\":\"" + MediaTypes.OciLayerTarGzip + "\",\"digest\":\"" + layerDescriptor.Digest + "\",\"size\":" + layer.Length + "}]}";
            byte[] bytes = Encoding.UTF8.GetBytes(json);
            Descriptor manifest = Descriptor.FromBytes(MediaTypes.OciManifest, bytes);
            await writer.PushAsync(manifest, new MemoryStream(bytes), default);
            return manifest;
        }

        private sealed class FailingStream : MemoryStream
        {
            private readonly int _failAfter;

            public FailingStream(int failAfter) => _failAfter = failAfter;

            public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
                Length + count > _failAfter ? throw new IOException("disk full") : base.WriteAsync(buffer, offset, count, cancellationToken);
        }
    }
}
