using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using OciMirror.Core.Archive;
using OciMirror.Core.Errors;
using Xunit;
using static OciMirror.Core.Tests.Archive.ArchiveTestUtil;

namespace OciMirror.Core.Tests.Archive
{
    public class TarRoundTripTests
    {
        private static readonly string LongName = "blobs/sha256/" + new string('a', 137); // 150 characters

        [Theory]
        [InlineData(true)]
        [InlineData(false)]
        public async Task WriterOutputReadsBackExactly(bool nonSeekable)
        {
            byte[] big = Pattern(3 * 1024 * 1024 + 17);
            var archive = new MemoryStream();
            using (var writer = new TarWriter(archive, leaveOpen: true))
            {
                await writer.WriteFileAsync("oci-layout", Encoding.ASCII.GetBytes("{\"imageLayoutVersion\":\"1.0.0\"}"));
                await writer.WriteDirectoryAsync("blobs");
                await writer.WriteFileAsync("empty", Array.Empty<byte>());
                await writer.WriteFileAsync(LongName, new MemoryStream(big), big.Length);
                await writer.WriteFileAsync("blobs/sha256/exactly512", new byte[512]);
                await writer.WriteFileAsync("index.json", Encoding.ASCII.GetBytes("{}"));
                await writer.WriteEndAsync();
                Assert.Equal(archive.Length, writer.Position);
            }

            Assert.Equal(0, archive.Length % 512);
            Stream input = nonSeekable ? new TrickleStream(archive.ToArray(), 1000) : new MemoryStream(archive.ToArray());
            var entries = await ReadAllAsync(input);
            Assert.Equal(new[] { "oci-layout", "blobs/", "empty", LongName, "blobs/sha256/exactly512", "index.json" }, entries.Select(e => e.Name));
            Assert.Equal(TarEntryType.Directory, entries[1].Type);
            Assert.Equal(0, entries[2].Size);
            Assert.Empty(entries[2].Data);
            Assert.Equal(big.Length, entries[3].Size);
            Assert.Equal(big, entries[3].Data);
            Assert.Equal("{}", Encoding.ASCII.GetString(entries[5].Data));
        }

        [Fact]
        public async Task UnreadDataIsSkippedAndWindowIsBounded()
        {
            var archive = new MemoryStream();
            using (var writer = new TarWriter(archive, leaveOpen: true))
            {
                await writer.WriteFileAsync("a", Pattern(1000));
                await writer.WriteFileAsync("b", Encoding.ASCII.GetBytes("bee"));
                await writer.WriteEndAsync();
            }

            using var reader = new TarReader(new TrickleStream(archive.ToArray()), archiveName: "x.tar");
            TarEntry a = (await reader.GetNextEntryAsync())!;
            var buf = new byte[4096];
            Assert.Equal(10, await a.DataStream.ReadAsync(buf, 0, 10));
            a.DataStream.Dispose(); // disposing the window does not close the archive
            TarEntry b = (await reader.GetNextEntryAsync())!;
            Assert.Equal("b", b.Name);
            Assert.Equal(3, await b.DataStream.ReadAsync(buf, 0, 4096)); // cannot read past the entry
            Assert.Equal(0, await b.DataStream.ReadAsync(buf, 0, 4096));
            Assert.Throws<InvalidOperationException>(() => a.DataStream.Read(buf, 0, 1));
            Assert.Null(await reader.GetNextEntryAsync());
            Assert.Null(await reader.GetNextEntryAsync());
        }

        [Fact]
        public async Task NonAsciiNameUsesPaxAndRoundTrips()
        {
            var archive = new MemoryStream();
            using (var writer = new TarWriter(archive, leaveOpen: true))
            {
                await writer.WriteFileAsync("blobs/é", new byte[] { 1 });
                await writer.WriteEndAsync();
            }

            var entries = await ReadAllAsync(new MemoryStream(archive.ToArray()));
            Assert.Equal("blobs/é", Assert.Single(entries).Name);
        }

        [Fact]
        public async Task SizesBeyondOctalRangeAreEncodedAsPaxAndBase256()
        {
            long size = 9L * 1024 * 1024 * 1024; // 9 GiB: over the 8 GiB - 1 of eleven octal digits
            byte[] block = TarWriter.BuildHeader(Encoding.ASCII.GetBytes("big"), '0', size, 0);
            Assert.Equal(0x80, block[TarHeader.SizeOffset]);
            Assert.True(TarHeader.TryParseNumber(block, TarHeader.SizeOffset, TarHeader.SizeLength, out long parsed));
            Assert.Equal(size, parsed);

            // The writer's full header sequence (pax 'x' with size + base-256 header) read back: the
            // reader reports the size, then finds the data missing.
            var archive = new MemoryStream();
            using (var writer = new TarWriter(archive, leaveOpen: true))
            {
                await Assert.ThrowsAsync<OciException>(() => writer.WriteFileAsync("big", new MemoryStream(new byte[10]), size));
            }

            using var reader = new TarReader(new MemoryStream(archive.ToArray()), archiveName: "big.tar");
            TarEntry e = (await reader.GetNextEntryAsync())!;
            Assert.Equal(size, e.Size);
            OciException ex = await Assert.ThrowsAsync<OciException>(() => reader.GetNextEntryAsync());
            Assert.Contains("truncated", ex.Message);
            Assert.Contains("'big'", ex.Message);
        }

        [Fact]
        public async Task WriterRefusesSourceShorterOrLongerThanDeclaredAndFaults()
        {
            var writer = new TarWriter(new MemoryStream());
            OciException shortEx = await Assert.ThrowsAsync<OciException>(() => writer.WriteFileAsync("x", new MemoryStream(new byte[5]), 6));
            Assert.Equal(OciErrorKind.DigestMismatch, shortEx.Kind);
            await Assert.ThrowsAsync<InvalidOperationException>(() => writer.WriteFileAsync("y", new byte[1]));

            var writer2 = new TarWriter(new MemoryStream());
            OciException longEx = await Assert.ThrowsAsync<OciException>(() => writer2.WriteFileAsync("x", new MemoryStream(new byte[7]), 6));
            Assert.Contains("more than", longEx.Message);
        }

        [Fact]
        public async Task HeadersAreDeterministic()
        {
            async Task<byte[]> Write()
            {
                var m = new MemoryStream();
                using var w = new TarWriter(m, leaveOpen: true);
                await w.WriteFileAsync("index.json", Encoding.ASCII.GetBytes("{}"));
                await w.WriteEndAsync();
                return m.ToArray();
            }

            byte[] first = await Write();
            Assert.Equal(first, await Write());
            Assert.Equal("0000644", Encoding.ASCII.GetString(first, TarHeader.ModeOffset, 7));
            Assert.Equal("00000000000", Encoding.ASCII.GetString(first, TarHeader.MtimeOffset, 11));
            Assert.Equal(0, first[265]); // uname empty
        }
    }
}
