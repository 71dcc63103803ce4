using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using OciMirror.Core.Archive;
using OciMirror.Core.Errors;
using OciMirror.Core.Layout;
using OciMirror.Core.Model;
using OciMirror.Core.Tests.Archive;
using OciMirror.Core.Volumes;
using Xunit;

namespace OciMirror.Core.Tests.Volumes
{
    /// <summary>Split volumes at their boundaries: parts never over the size, blobs spanning parts, parts ending on entry boundaries.</summary>
    public sealed class SplitVolumeTests : IDisposable
    {
        private readonly string _dir = ArchiveTestUtil.TempDir();

        public void Dispose() => Directory.Delete(_dir, recursive: true);

        [Theory]
        [InlineData("4095M", 4095L << 20)]
        [InlineData("4G", 4L << 30)]
        [InlineData("4g", 4L << 30)]
        [InlineData("700MiB", 700L << 20)]
        [InlineData("64KB", 64L << 10)]
        [InlineData("1048576", 1048576L)]
        [InlineData(" 2T ", 2L << 40)]
        public void SplitSize_ParsesBinarySuffixes(string text, long expected) => Assert.Equal(expected, SplitSize.Parse(text));

        [Theory]
        [InlineData("")]
        [InlineData("four")]
        [InlineData("-4G")]
        [InlineData("1.5G")]
        [InlineData("100")]
        [InlineData("99999999999T")]
        public void SplitSize_RefusesNonsenseAndTinySizes(string text) => Assert.Throws<FormatException>(() => SplitSize.Parse(text));

        [Fact]
        public async Task Writer_CutsPartsAtTheSize_AndAnExactMultipleMakesNoEmptyPart()
        {
            string basePath = Path.Combine(_dir, "x.tar");
            byte[] data = ArchiveTestUtil.Pattern(3 * 4096);
            using (var writer = new SplitVolumeWriter(basePath, 4096, AtomicFile.ReplaceAsync))
            {
                await writer.WriteAsync(data, 0, 5000);
                await writer.WriteAsync(data, 5000, data.Length - 5000);
                Assert.Equal(3, writer.PartCount);
                Assert.All(writer.TempFiles, t => Assert.StartsWith(".x.tar.00", Path.GetFileName(t)));
                Assert.Empty(Directory.GetFiles(_dir, "x.tar*")); // nothing under a final name before the commit
                await writer.CommitAsync(default);
            }

            Assert.Equal(new[] { "x.tar.001", "x.tar.002", "x.tar.003" }, Directory.GetFiles(_dir).Select(Path.GetFileName).OrderBy(n => n));
            SplitVolumeSet set = SplitVolumeSet.Find(basePath)!;
            Assert.Equal(new long[] { 4096, 4096, 4096 }, set.Lengths);
            using var read = new SplitVolumeReadStream(set);
            var joined = new MemoryStream();
            await read.CopyToAsync(joined);
            Assert.Equal(data, joined.ToArray());
        }

        [Fact]
        public async Task Writer_WithoutCommit_LeavesNothing_AndTheOldSetUntouched()
        {
            string basePath = Path.Combine(_dir, "x.tar");
            File.WriteAllText(basePath + ".001", "old");
            using (var writer = new SplitVolumeWriter(basePath, 1024, AtomicFile.ReplaceAsync))
            {
                await writer.WriteAsync(new byte[5000], 0, 5000);
            }

            Assert.Equal(new[] { "x.tar.001" }, Directory.GetFiles(_dir).Select(Path.GetFileName));
            Assert.Equal("old", File.ReadAllText(basePath + ".001"));
        }

        [Fact]
        public async Task ABlobLargerThanThePartSpansParts_AndATarSetIsReadInPlace()
        {
            string path = Path.Combine(_dir, "b.tar");
            byte[] big = ArchiveTestUtil.Pattern(700_000, 3);
            Descriptor manifest = await WriteAsync(path, ArchiveFormat.Tar, 64 * 1024, big);

            string[] parts = Directory.GetFiles(_dir, "b.tar.*").OrderBy(p => p, StringComparer.Ordinal).ToArray();
            Assert.True(parts.Length >= 11, $"{parts.Length} parts"); // 700 000 bytes in parts of 64 KiB
            Assert.All(parts.Take(parts.Length - 1), p => Assert.Equal(64 * 1024, new FileInfo(p).Length));
            Assert.False(File.Exists(path));

            // Read in place from the first part and from the bare name: the blob's window spans parts.
            foreach (string name in new[] { parts[0], path })
            {
                TarLayoutReader reader = await TarLayoutReader.OpenAsync(name, null, default);
                using Stream blob = await reader.FetchAsync(Descriptor.FromBytes(MediaTypes.OciLayerTarGzip, big), default);
                var copy = new MemoryStream();
                await blob.CopyToAsync(copy);
                Assert.Equal(big, copy.ToArray());
                Assert.Equal(manifest.Digest, (await reader.ResolveAsync("example.com/a:1", default)).Digest);
            }
        }

        [Theory]
        [InlineData(ArchiveFormat.Tar)]
        [InlineData(ArchiveFormat.TarGzip)]
        [InlineData(ArchiveFormat.TarZstd)]
        public async Task APartEndingExactlyAtAnEntryBoundary_ReadsBack(ArchiveFormat format)
        {
            byte[] blob = ArchiveTestUtil.Pattern(3000, 4);
            string single = Path.Combine(_dir, "single");
            await WriteAsync(single, format, null, blob);
            byte[] whole = File.ReadAllBytes(single);
            long boundary = await FirstEntryBoundaryAfterAsync(single, format, 1024);

            string split = Path.Combine(_dir, "split");
            await WriteAsync(split, format, boundary, blob);

            Assert.Equal(boundary, new FileInfo(split + ".001").Length);
            SplitVolumeSet set = SplitVolumeSet.Find(split + ".001")!;
            using var joined = new SplitVolumeReadStream(set);
            var bytes = new MemoryStream();
            await joined.CopyToAsync(bytes);
            Assert.Equal(whole, bytes.ToArray()); // the same archive, cut
            var entries = await ArchiveExportKit.ReadArchiveAsync(bytes.ToArray());
            Assert.Contains(entries, e => e.Data.SequenceEqual(blob));
        }

        [Fact]
        public void Find_RefusesGapsAndShortParts_NamingThem()
        {
            string basePath = Path.Combine(_dir, "s.tar");
            File.WriteAllBytes(basePath + ".001", new byte[2048]);
            File.WriteAllBytes(basePath + ".003", new byte[100]);
            var gap = Assert.Throws<OciException>(() => SplitVolumeSet.Find(basePath));
            Assert.Contains($"part '{basePath}.002' is missing", gap.Message);

            File.WriteAllBytes(basePath + ".002", new byte[2000]);
            var shortPart = Assert.Throws<OciException>(() => SplitVolumeSet.Find(basePath + ".001"));
            Assert.Contains($"part '{basePath}.002' holds 2000 bytes", shortPart.Message);
            Assert.Equal(OciErrorKind.InvalidLayout, shortPart.Kind);

            File.WriteAllBytes(basePath + ".002", new byte[2048]);
            File.WriteAllBytes(basePath + ".003", new byte[4096]);
            var longLast = Assert.Throws<OciException>(() => SplitVolumeSet.Find(basePath));
            Assert.Contains("different exports", longLast.Message);

            File.Delete(basePath + ".001");
            Assert.Contains($"part '{basePath}.001' is missing", Assert.Throws<OciException>(() => SplitVolumeSet.Find(basePath + ".002")).Message);
        }

        [Fact]
        public void Find_PrefersAnExistingUnsplitFile_AndIgnoresOtherNames()
        {
            string basePath = Path.Combine(_dir, "t.tar");
            File.WriteAllBytes(basePath + ".001", new byte[10]);
            File.WriteAllBytes(basePath + ".bak", new byte[10]);
            File.WriteAllBytes(Path.Combine(_dir, "t.tar2.002"), new byte[10]);
            Assert.Equal(new[] { basePath + ".001" }, SplitVolumeSet.Find(basePath)!.Parts);
            File.WriteAllBytes(basePath, new byte[10]);
            Assert.Null(SplitVolumeSet.Find(basePath));
            Assert.NotNull(SplitVolumeSet.Find(basePath + ".001"));
        }

        [Fact]
        public async Task ReadStream_SeeksAcrossParts()
        {
            string basePath = Path.Combine(_dir, "r");
            byte[] data = ArchiveTestUtil.Pattern(10_000, 9);
            for (int i = 0; i < 4; i++)
            {
                File.WriteAllBytes(SplitVolumeNames.PartPath(basePath, i + 1), data.Skip(i * 3000).Take(3000).ToArray());
            }

            using var s = new SplitVolumeReadStream(SplitVolumeSet.Find(basePath)!);
            Assert.Equal(10_000, s.Length);
            var buffer = new byte[5000];
            foreach (int at in new[] { 9990, 2999, 0, 6000, 3000 })
            {
                s.Seek(at, SeekOrigin.Begin);
                int got = 0, n;
                while (got < buffer.Length && (n = await s.ReadAsync(buffer, got, buffer.Length - got)) > 0)
                {
                    got += n;
                }

                Assert.Equal(data.Skip(at).Take(5000), buffer.Take(got));
                Assert.Contains($"'{basePath}.00", s.DescribePosition());
            }
        }

        /// <summary>An archive with one blob, a manifest naming it, tagged example.com/a:1; returns the manifest.</summary>
        private static async Task<Descriptor> WriteAsync(string path, ArchiveFormat format, long? splitSize, byte[] blob)
        {
            using ArchiveBundleWriter writer = await ArchiveBundleWriter.OpenFileAsync(path, format, splitSize, default);
            Descriptor layer = Descriptor.FromBytes(MediaTypes.OciLayerTarGzip, blob);
            await writer.PushAsync(layer, new MemoryStream(blob), default);
            byte[] config = Encoding.UTF8.GetBytes("{}");
            Descriptor configDescriptor = Descriptor.FromBytes(MediaTypes.OciConfig, config);
            await writer.PushAsync(configDescriptor, new MemoryStream(config), default);
            byte[] manifest = Encoding.UTF8.GetBytes("{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OciManifest + "\",\"config\":{\"mediaType\":\"" + MediaTypes.OciConfig + "\",\"digest\":\"" + configDescriptor.Digest + "\",\"size\":2},\"layers\":[{\"mediaType\":\"" + MediaTypes.OciLayerTarGzip + "\",\"digest\":\"" + layer.Digest + "\",\"size\":" + blob.Length + "}]}");
            Descriptor root = Descriptor.FromBytes(MediaTypes.OciManifest, manifest);
            await writer.PushAsync(root, new MemoryStream(manifest), default);
            await writer.TagAsync(root, "example.com/a:1", default);
            await writer.CompleteAsync(default);
            return root;
        }

        /// <summary>The offset in the (compressed) file where the first entry after <paramref name="after"/> bytes ends: a frame boundary for compressed formats.</summary>
        private static async Task<long> FirstEntryBoundaryAfterAsync(string path, ArchiveFormat format, long after)
        {
            if (format == ArchiveFormat.Tar)
            {
                using var reader = new TarReader(File.OpenRead(path));
                TarEntry? e;
                while ((e = await reader.GetNextEntryAsync()) != null)
                {
                    long end = e.DataOffset + ((e.Size + 511) / 512 * 512);
                    if (end > after)
                    {
                        return end;
                    }
                }
            }

            // Compressed: every entry is its own member/frame; find the starts of members/frames by magic.
            byte[] bytes = File.ReadAllBytes(path);
            for (int i = (int)after; i + 4 < bytes.Length; i++)
            {
                bool gzip = format == ArchiveFormat.TarGzip && bytes[i] == 0x1f && bytes[i + 1] == 0x8b && bytes[i + 2] == 8;
                bool zstd = format == ArchiveFormat.TarZstd && bytes[i] == 0x28 && bytes[i + 1] == 0xb5 && bytes[i + 2] == 0x2f && bytes[i + 3] == 0xfd;
                if (gzip || zstd)
                {
                    return i;
                }
            }

            throw new InvalidOperationException("no boundary found");
        }
    }
}
