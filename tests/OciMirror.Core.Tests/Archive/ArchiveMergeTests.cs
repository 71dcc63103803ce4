using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using OciMirror.Core.Archive;
using OciMirror.Core.Errors;
using OciMirror.Core.Operations;
using OciMirror.Core.Tests.TestDoubles;
using Xunit;
using static OciMirror.Core.Tests.Archive.ArchiveExportKit;

namespace OciMirror.Core.Tests.Archive
{
    /// <summary>Two writers of one archive file: the one that commits second keeps the first one's references.</summary>
    public sealed class ArchiveMergeTests : IDisposable
    {
        private readonly ArchiveExportKit _kit = new ArchiveExportKit();

        public void Dispose() => _kit.Dispose();

        [Theory]
        [InlineData(ArchiveFormat.Tar)]
        [InlineData(ArchiveFormat.TarGzip)]
        [InlineData(ArchiveFormat.TarZstd)]
        public async Task TwoWritersOfOneArchive_TheLaterCommitKeepsTheEarliersReferences(ArchiveFormat format)
        {
            string path = _kit.PathOf("bundle.archive");
            await _kit.ExportAsync(new ExportRequest { References = new[] { App1 }, BundlePath = path, Format = format });
            using ArchiveBundleWriter first = await ArchiveBundleWriter.OpenFileAsync(path, format, default);
            using ArchiveBundleWriter second = await ArchiveBundleWriter.OpenFileAsync(path, format, default);

            await new ExportOperation(new ExportRequest { References = new[] { Other }, BundlePath = path }, _kit.Registry, first).RunAsync(new RecordingObserver(), default);
            await new ExportOperation(new ExportRequest { References = new[] { Multi, App2 }, BundlePath = path }, _kit.Registry, second).RunAsync(new RecordingObserver(), default);
            await first.CompleteAsync(default);
            await second.CompleteAsync(default);

            List<ArchiveTestUtil.ReadEntry> entries = await ReadArchiveAsync(File.ReadAllBytes(path));
            AssertBundleOrder(entries);
            Assert.Equal(All.OrderBy(n => n, StringComparer.Ordinal), NamesOf(entries).Keys.OrderBy(n => n, StringComparer.Ordinal));
            Assert.Equal(_kit.GraphOf(All).Count, entries.Count(e => e.Name.StartsWith("blobs/", StringComparison.Ordinal)));
        }

        [Theory]
        [InlineData(ArchiveFormat.Tar)]
        [InlineData(ArchiveFormat.TarZstd)]
        public async Task TwoWritersOfOneSplitSet_TheLaterCommitKeepsTheEarliersReferences(ArchiveFormat format)
        {
            string path = _kit.PathOf("bundle.archive");
            using ArchiveBundleWriter first = await ArchiveBundleWriter.OpenFileAsync(path, format, 4096L, default);
            using ArchiveBundleWriter second = await ArchiveBundleWriter.OpenFileAsync(path, format, 4096L, default);

            await new ExportOperation(new ExportRequest { References = new[] { Other, App1 }, BundlePath = path }, _kit.Registry, first).RunAsync(new RecordingObserver(), default);
            await new ExportOperation(new ExportRequest { References = new[] { Multi, App2 }, BundlePath = path }, _kit.Registry, second).RunAsync(new RecordingObserver(), default);
            await first.CompleteAsync(default);
            await second.CompleteAsync(default);

            Assert.False(File.Exists(path));
            Assert.True(File.Exists(path + ".002"));
            using var joined = new MemoryStream();
            for (int part = 1; File.Exists($"{path}.{part:D3}"); part++)
            {
                byte[] bytes = File.ReadAllBytes($"{path}.{part:D3}");
                Assert.True(bytes.Length <= 4096);
                joined.Write(bytes, 0, bytes.Length);
            }

            List<ArchiveTestUtil.ReadEntry> entries = await ReadArchiveAsync(joined.ToArray());
            AssertBundleOrder(entries);
            Assert.Equal(All.OrderBy(n => n, StringComparer.Ordinal), NamesOf(entries).Keys.OrderBy(n => n, StringComparer.Ordinal));
        }

        [Fact]
        public async Task AnUnsplitWriterFindsASplitSetCommittedMeanwhile_ItIsRefusedNamingThePath_AndTheSetIsLeftAlone()
        {
            string path = _kit.PathOf("bundle.tar");
            using ArchiveBundleWriter unsplit = await ArchiveBundleWriter.OpenFileAsync(path, ArchiveFormat.Tar, default);
            using ArchiveBundleWriter split = await ArchiveBundleWriter.OpenFileAsync(path, ArchiveFormat.Tar, 4096L, default);
            await new ExportOperation(new ExportRequest { References = new[] { App1 }, BundlePath = path }, _kit.Registry, unsplit).RunAsync(new RecordingObserver(), default);
            await new ExportOperation(new ExportRequest { References = new[] { Other }, BundlePath = path }, _kit.Registry, split).RunAsync(new RecordingObserver(), default);
            await split.CompleteAsync(default);
            byte[] part1 = File.ReadAllBytes(path + ".001");

            OciException e = await Assert.ThrowsAsync<OciException>(() => unsplit.CompleteAsync(default));

            Assert.Equal(OciErrorKind.InvalidDestination, e.Kind);
            Assert.Contains(path, e.Message, StringComparison.Ordinal);
            Assert.Contains("--split-size", e.RecommendedAction, StringComparison.Ordinal);
            Assert.False(File.Exists(path));
            Assert.Equal(part1, File.ReadAllBytes(path + ".001"));
        }

        [Fact]
        public async Task AnotherFileReplacedTheArchiveMeanwhile_TheCommitRefusesIt_AndLeavesItAlone()
        {
            string path = _kit.PathOf("bundle.tar");
            using ArchiveBundleWriter writer = await ArchiveBundleWriter.OpenFileAsync(path, ArchiveFormat.Tar, default);
            await new ExportOperation(new ExportRequest { References = new[] { App1 }, BundlePath = path }, _kit.Registry, writer).RunAsync(new RecordingObserver(), default);
            File.WriteAllText(path, "not an archive at all, and not ours to overwrite");

            OciException e = await Assert.ThrowsAsync<OciException>(() => writer.CompleteAsync(default));

            Assert.Equal(OciErrorKind.InvalidDestination, e.Kind);
            Assert.Equal("not an archive at all, and not ours to overwrite", File.ReadAllText(path));
        }
    }
}
