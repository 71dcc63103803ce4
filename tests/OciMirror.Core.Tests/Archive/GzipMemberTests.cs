using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using OciMirror.Core.Archive;
using OciMirror.Core.Errors;
using Xunit;
using static OciMirror.Core.Tests.Archive.ArchiveTestUtil;

namespace OciMirror.Core.Tests.Archive
{
    public class GzipMemberTests
    {
        private static readonly byte[] Layer = Enumerable.Repeat((byte)'z', 400_000).ToArray(); // compressible: proves "stored"
        private static readonly byte[] Json = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("{\"k\":\"v\"}", 4000)));

        private static async Task<(byte[] Tgz, int Members)> OurTgzAsync()
        {
            var m = new MemoryStream();
            int members = await SystemTarInteropTests.WriteTgzAsync(m, Layer, Json);
            return (m.ToArray(), members);
        }

        [Fact]
        public async Task StoredMemberForCompressedBlobsFastestForJson()
        {
            var (tgz, members) = await OurTgzAsync();
            Assert.Equal(5, members);
            // the 400 KB of 'z' went in a stored member, the 36 KB of JSON was deflated
            Assert.True(tgz.Length > Layer.Length, $"tgz is {tgz.Length} bytes");
            Assert.True(tgz.Length < Layer.Length + 8_000, $"tgz is {tgz.Length} bytes");
            Assert.Equal(CompressionLevel.NoCompression, GzipMemberWriter.LevelFor("application/vnd.docker.image.rootfs.diff.tar.gzip"));
            Assert.Equal(CompressionLevel.Fastest, GzipMemberWriter.LevelFor("application/vnd.oci.image.layer.v1.tar"));
        }

        [Fact]
        public async Task DotNetGZipStreamReadsAllMembersOnNet10()
        {
            var (tgz, _) = await OurTgzAsync();
            using var gz = new GZipStream(new MemoryStream(tgz), CompressionMode.Decompress);
            var entries = await ReadAllAsync(gz);
            Assert.Equal(new[] { "oci-layout", "blobs/sha256/layer", "blobs/sha256/config", "index.json" }, entries.Select(e => e.Name));
            Assert.Equal(Layer, entries[1].Data);
        }

        [Theory]
        [InlineData(int.MaxValue)]
        [InlineData(4093)]
        [InlineData(1)]
        public async Task MultiMemberReaderDecodesEveryMember(int maxRead)
        {
            var (tgz, members) = await OurTgzAsync();
            using var gz = new MultiMemberGzipReadStream(new TrickleStream(tgz, maxRead), archiveName: "ours.tgz");
            var entries = await ReadAllAsync(gz);
            Assert.Equal(Layer, entries[1].Data);
            Assert.Equal(Json, entries[2].Data);
            Assert.Equal(0, await gz.ReadAsync(new byte[10], 0, 10)); // after the tar end, the last member is finished
            Assert.Equal(members, gz.MemberCount);

            var plain = new MemoryStream();
            using var again = new MultiMemberGzipReadStream(new MemoryStream(tgz));
            await again.CopyToAsync(plain);
            using var reference = new GZipStream(new MemoryStream(tgz), CompressionMode.Decompress);
            var expected = new MemoryStream();
            await reference.CopyToAsync(expected);
            Assert.Equal(expected.ToArray(), plain.ToArray());
        }

        [Fact]
        public async Task ReadsMembersWithFileNamesFromSystemGzipAndTrailingZeros()
        {
            string dir = TempDir();
            try
            {
                File.WriteAllBytes(Path.Combine(dir, "a"), Pattern(50_000, 1));
                File.WriteAllBytes(Path.Combine(dir, "b"), Array.Empty<byte>());
                File.WriteAllBytes(Path.Combine(dir, "c"), Pattern(20_000, 2));
                foreach (string f in new[] { "a", "b", "c" })
                {
                    Assert.Equal(0, Run("sh", $"-c \"gzip -N -c {f} >> all.gz\"", dir).Code);
                }

                byte[] gz = Concat(File.ReadAllBytes(Path.Combine(dir, "all.gz")), new byte[100]);
                using var reader = new MultiMemberGzipReadStream(new TrickleStream(gz, 777));
                var output = new MemoryStream();
                await reader.CopyToAsync(output);
                Assert.Equal(Concat(Pattern(50_000, 1), Pattern(20_000, 2)), output.ToArray());
                Assert.Equal(3, reader.MemberCount);
            }
            finally
            {
                Directory.Delete(dir, true);
            }
        }

        [Fact]
        public async Task EveryTruncationOfAGzipStreamIsReported()
        {
            var m = new MemoryStream();
            using (var g = new GZipStream(m, CompressionLevel.Fastest, leaveOpen: true))
            {
                g.Write(Pattern(3000), 0, 3000);
            }

            byte[] full = m.ToArray();
            for (int cut = 0; cut < full.Length; cut++)
            {
                using var reader = new MultiMemberGzipReadStream(new MemoryStream(full, 0, cut), archiveName: "cut.tgz");
                OciException e = await Assert.ThrowsAsync<OciException>(() => reader.CopyToAsync(Stream.Null));
                Assert.Equal(OciErrorKind.InvalidLayout, e.Kind);
                Assert.Contains("cut.tgz", e.Message);
                Assert.True(cut == 0 ? e.Message.Contains("empty") : e.Message.Contains("truncated"), $"cut {cut}: {e.Message}");
            }
        }

        [Fact]
        public async Task TruncatedTgzFailsThroughTheTarReaderNamingTheArchive()
        {
            var (tgz, _) = await OurTgzAsync();
            byte[] cut = tgz.Take(tgz.Length / 2).ToArray(); // inside the stored layer member
            using var gz = new MultiMemberGzipReadStream(new MemoryStream(cut), archiveName: "half.tgz");
            OciException e = await Assert.ThrowsAsync<OciException>(() => ReadAllAsync(gz));
            Assert.Equal(OciErrorKind.InvalidLayout, e.Kind);
            Assert.Contains("'half.tgz'", e.Message);
            Assert.Contains("truncated", e.Message);
        }

        [Fact]
        public async Task CorruptTrailerAndGarbageAreRefused()
        {
            var (tgz, _) = await OurTgzAsync();
            byte[] badCrc = (byte[])tgz.Clone();
            badCrc[badCrc.Length - 6] ^= 0xFF; // CRC-32 of the last member
            using var r1 = new MultiMemberGzipReadStream(new MemoryStream(badCrc));
            OciException e1 = await Assert.ThrowsAsync<OciException>(() => r1.CopyToAsync(Stream.Null));
            Assert.Contains("CRC", e1.Message);

            using var r2 = new MultiMemberGzipReadStream(new MemoryStream(Concat(tgz, Encoding.ASCII.GetBytes("garbage"))));
            OciException e2 = await Assert.ThrowsAsync<OciException>(() => r2.CopyToAsync(Stream.Null));
            Assert.True(e2.Message.Contains("unexpected data"), e2.Message);

            using var r3 = new MultiMemberGzipReadStream(new MemoryStream(Encoding.ASCII.GetBytes("not gzip at all")));
            OciException e3 = await Assert.ThrowsAsync<OciException>(() => r3.CopyToAsync(Stream.Null));
            Assert.Contains("not gzip", e3.Message);
        }

        [Fact]
        public async Task MemberInflatingPastTheDeclaredEntrySizeIsCaughtByTheTarWindow()
        {
            // The header says 10 bytes, the member carries 2000: the window yields 10, and the surplus
            // is then read as the next header, which fails its checksum.
            byte[] tar = Concat(Header("blobs/sha256/x", '0', 10), Pattern(2000), EndBlocks());
            var m = new MemoryStream();
            using (var g = new GZipStream(m, CompressionLevel.Fastest, leaveOpen: true))
            {
                g.Write(tar, 0, tar.Length);
            }

            using var reader = new TarReader(new MultiMemberGzipReadStream(new MemoryStream(m.ToArray())), archiveName: "bomb.tgz");
            TarEntry e = (await reader.GetNextEntryAsync())!;
            var data = new MemoryStream();
            await e.DataStream.CopyToAsync(data);
            Assert.Equal(10, data.Length);
            OciException ex = await Assert.ThrowsAsync<OciException>(() => reader.GetNextEntryAsync());
            Assert.Contains("checksum", ex.Message);
            Assert.Contains("offset 1024", ex.Message);
        }

        [Theory]
        [InlineData(1)]
        [InlineData(2)]
        [InlineData(3)]
        public async Task RandomMembersIncludingEmptyOnesDecodeExactly(int seed)
        {
            var random = new Random(seed);
            var plain = new MemoryStream();
            var packed = new MemoryStream();
            var writer = new GzipMemberWriter(packed, leaveOpen: true);
            int nonEmpty = 0;
            var levels = new[] { CompressionLevel.NoCompression, CompressionLevel.Fastest, CompressionLevel.Optimal };
            for (int i = 0; i < 60; i++)
            {
                await writer.StartMemberAsync(levels[random.Next(3)]);
                int size = random.Next(4) == 0 ? 0 : random.Next(1, 40_000);
                byte[] data = random.Next(2) == 0 ? Pattern(size, i) : new byte[size]; // random or all-zero content
                await writer.WriteAsync(data, 0, data.Length);
                plain.Write(data, 0, data.Length);
                nonEmpty += size > 0 ? 1 : 0;
            }

            await writer.CompleteAsync();
            using var reader = new MultiMemberGzipReadStream(new TrickleStream(packed.ToArray(), random.Next(1, 9000)));
            var output = new MemoryStream();
            await reader.CopyToAsync(output, 1 + random.Next(20_000));
            Assert.Equal(plain.ToArray(), output.ToArray());
            Assert.Equal(nonEmpty, reader.MemberCount); // .NET writes no bytes at all for a member nothing was written to
        }
    }
}
