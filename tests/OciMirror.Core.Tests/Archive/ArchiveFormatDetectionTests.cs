using System;
using System.IO;
using System.IO.Compression;
using System.Text;
using System.Threading.Tasks;
using OciMirror.Core.Archive;
using Xunit;
using static OciMirror.Core.Tests.Archive.ArchiveTestUtil;

namespace OciMirror.Core.Tests.Archive
{
    public class ArchiveFormatDetectionTests
    {
        [Theory]
        [InlineData("bundle.tar", ArchiveFormat.Tar)]
        [InlineData("E:\\BUNDLE.TAR", ArchiveFormat.Tar)]
        [InlineData("/tmp/b.tgz", ArchiveFormat.TarGzip)]
        [InlineData("b.tar.gz", ArchiveFormat.TarGzip)]
        [InlineData("b.TAR.GZ", ArchiveFormat.TarGzip)]
        [InlineData("E:\\bundle", ArchiveFormat.Directory)]
        [InlineData("out/", ArchiveFormat.Directory)]
        [InlineData("b.gz", ArchiveFormat.Directory)]
        [InlineData("b.zip", ArchiveFormat.Directory)]
        public void FromPath(string path, ArchiveFormat expected) => Assert.Equal(expected, ArchiveFormatDetection.FromPath(path));

        [Fact]
        public async Task DetectsFromMagicBytesWithoutLosingThemOnNonSeekableInput()
        {
            var tar = new MemoryStream();
            using (var w = new TarWriter(tar, leaveOpen: true))
            {
                await w.WriteFileAsync("index.json", Encoding.ASCII.GetBytes("{}"));
                await w.WriteEndAsync();
            }

            var gz = new MemoryStream();
            using (var g = new GZipStream(gz, CompressionLevel.Fastest, leaveOpen: true))
            {
                g.Write(tar.ToArray(), 0, (int)tar.Length);
            }

            using var peekTar = new PeekableReadStream(new TrickleStream(tar.ToArray(), 50));
            Assert.Equal(ArchiveFormat.Tar, await ArchiveFormatDetection.DetectAsync(peekTar));
            var entries = await ReadAllAsync(peekTar); // the peeked prefix is replayed
            Assert.Equal("{}", Encoding.ASCII.GetString(Assert.Single(entries).Data));
            await Assert.ThrowsAsync<InvalidOperationException>(() => peekTar.PeekAsync(1));

            using var peekGz = new PeekableReadStream(new TrickleStream(gz.ToArray(), 7));
            Assert.Equal(ArchiveFormat.TarGzip, await ArchiveFormatDetection.DetectAsync(peekGz));
            var gzEntries = await ReadAllAsync(new MultiMemberGzipReadStream(peekGz));
            Assert.Equal("index.json", Assert.Single(gzEntries).Name);
        }

        [Fact]
        public async Task RecognizesV7TarByChecksumAndEmptyArchiveAndRejectsOtherData()
        {
            byte[] v7 = Header("file", '0', 0, b => { for (int i = 257; i < 512; i++) { b[i] = 0; } });
            Assert.Equal(ArchiveFormat.Tar, ArchiveFormatDetection.FromHeader(new ArraySegment<byte>(v7)));
            Assert.Equal(ArchiveFormat.Tar, ArchiveFormatDetection.FromHeader(new ArraySegment<byte>(new byte[1024])));
            Assert.Null(ArchiveFormatDetection.FromHeader(new ArraySegment<byte>(Pattern(512))));
            Assert.Null(ArchiveFormatDetection.FromHeader(new ArraySegment<byte>(new byte[10])));

            using var empty = new PeekableReadStream(new MemoryStream());
            Assert.Null(await ArchiveFormatDetection.DetectAsync(empty));
        }
    }
}
