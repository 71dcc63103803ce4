using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using OciMirror.Core.Archive;
using OciMirror.Core.Compression;
using OciMirror.Core.Errors;
using OciMirror.Core.Tests.Archive;
using Xunit;
using static OciMirror.Core.Tests.Archive.ArchiveTestUtil;

namespace OciMirror.Core.Tests.Compression
{
    public class ZstdCodecTests
    {
        private static readonly byte[] Layer = Enumerable.Repeat((byte)'z', 400_000).ToArray(); // compressible: proves "stored"
        private static readonly byte[] Json = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("{\"k\":\"v\"}", 4000)));

        /// <summary>oci-layout, a stored layer, a compressed config, index.json and the end blocks, one frame each.</summary>
        internal static async Task<(byte[] Zst, int Frames)> OurTarZstAsync(byte[]? layer = null)
        {
            var m = new MemoryStream();
            var appender = new ArchiveAppender(m, ArchiveFormat.TarZstd);
            await appender.AppendAsync("oci-layout", Encoding.ASCII.GetBytes("{\"imageLayoutVersion\":\"1.0.0\"}"), CompressionLevel.Fastest, default);
            byte[] l = layer ?? Layer;
            await appender.AppendAsync("blobs/sha256/layer", new MemoryStream(l), l.Length, CompressionLevel.NoCompression, default);
            await appender.AppendAsync("blobs/sha256/config", Json, CompressionLevel.Fastest, default);
            await appender.AppendAsync("index.json", Encoding.ASCII.GetBytes("{}"), CompressionLevel.Fastest, default);
            await appender.FinishAsync(default);
            appender.Dispose();
            return (m.ToArray(), 5);
        }

        [Fact]
        public async Task StoredFramesForCompressedBlobs_CompressedFramesForJson()
        {
            var (zst, _) = await OurTarZstAsync();
            Assert.True(zst.Length > Layer.Length, $"tar.zst is {zst.Length} bytes: the layer was compressed, not stored");
            Assert.True(zst.Length < Layer.Length + 8_000, $"tar.zst is {zst.Length} bytes: the JSON was not compressed");
        }

        [Theory]
        [InlineData(int.MaxValue)]
        [InlineData(4093)]
        [InlineData(1)]
        public async Task ReadStreamDecodesEveryFrame(int maxRead)
        {
            var (zst, frames) = await OurTarZstAsync();
            using var z = new ZstdReadStream(new TrickleStream(zst, maxRead), leaveOpen: false, "ours.tar.zst");
            var entries = await ReadAllAsync(z);
            Assert.Equal(new[] { "oci-layout", "blobs/sha256/layer", "blobs/sha256/config", "index.json" }, entries.Select(e => e.Name));
            Assert.Equal(Layer, entries[1].Data);
            Assert.Equal(Json, entries[2].Data);
            Assert.Equal(0, await z.ReadAsync(new byte[10], 0, 10));
            Assert.Equal(frames, z.FrameCount);
        }

        [Fact]
        public async Task BlocksOfExactlyTheMaximumSizeAndEmptyFramesRoundTrip()
        {
            foreach (int size in new[] { 0, 1, ZstdFormat.MaxBlockSize - 512, ZstdFormat.MaxBlockSize, 3 * ZstdFormat.MaxBlockSize - 512 })
            {
                byte[] data = Pattern(size, size);
                var (zst, _) = await OurTarZstAsync(data);
                using var z = new ZstdReadStream(new MemoryStream(zst), leaveOpen: false, "x");
                var entries = await ReadAllAsync(z);
                Assert.Equal(data, entries[1].Data);
            }
        }

        [Fact]
        public async Task ZstdToolAcceptsAndDecodesOurOutput()
        {
            string dir = TempDir();
            try
            {
                var (zst, _) = await OurTarZstAsync(Pattern(700_000, 3));
                string file = Path.Combine(dir, "b.tar.zst");
                File.WriteAllBytes(file, zst);
                var test = Run("zstd", $"-t -q {file}");
                Assert.True(test.Code == 0, test.Err);
                var list = Run("tar", $"--zstd -tf {file}");
                Assert.True(list.Code == 0, list.Err);
                Assert.Equal("oci-layout\nblobs/sha256/layer\nblobs/sha256/config\nindex.json\n", list.Out);
            }
            finally
            {
                Directory.Delete(dir, true);
            }
        }

        [Fact]
        public async Task ReadsZstdToolOutput_MultiFrameAndWithChecksums()
        {
            string dir = TempDir();
            try
            {
                byte[] a = Pattern(300_000, 1), b = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("abc", 90_000)));
                File.WriteAllBytes(Path.Combine(dir, "a"), a);
                File.WriteAllBytes(Path.Combine(dir, "b"), b);
                Assert.Equal(0, Run("tar", "-cf one.tar a", dir).Code);
                Assert.Equal(0, Run("tar", "-cf two.tar b", dir).Code);
                Assert.Equal(0, Run("zstd", "-q -19 one.tar -o one.zst", dir).Code);
                Assert.Equal(0, Run("zstd", "-q --no-check two.tar -o two.zst", dir).Code);
                byte[] joined = Concat(File.ReadAllBytes(Path.Combine(dir, "one.zst")), File.ReadAllBytes(Path.Combine(dir, "two.zst")));
                using var z = new ZstdReadStream(new TrickleStream(joined, 5000), leaveOpen: false, "x");
                var plain = new MemoryStream();
                await z.CopyToAsync(plain);
                Assert.Equal(Concat(File.ReadAllBytes(Path.Combine(dir, "one.tar")), File.ReadAllBytes(Path.Combine(dir, "two.tar"))), plain.ToArray());
                Assert.Equal(2, z.FrameCount);
            }
            finally
            {
                Directory.Delete(dir, true);
            }
        }

        [Fact]
        public async Task SkippableFramesAreSkipped()
        {
            var (zst, _) = await OurTarZstAsync();
            byte[] skippable = { 0x50, 0x2A, 0x4D, 0x18, 3, 0, 0, 0, 9, 9, 9 };
            using var z = new ZstdReadStream(new MemoryStream(Concat(skippable, zst)), leaveOpen: false, "x");
            Assert.Equal(Layer, (await ReadAllAsync(z))[1].Data);
            Assert.Equal(ArchiveFormat.TarZstd, ArchiveFormatDetection.FromHeader(new ArraySegment<byte>(skippable)));
        }

        [Theory]
        [InlineData(1, 3, "ends inside the header of zstd frame 1 (at offset 0)")]
        [InlineData(1, 5, "ends inside the header of zstd frame 1 (at offset 0)")]
        [InlineData(1, 8, "zstd frame 1 (at offset 0)")]
        [InlineData(2, 2, "ends inside the header of zstd frame 2 (at offset {0})")]
        [InlineData(2, 10, "zstd frame 2 (at offset {0}) ends before")]
        [InlineData(4, 9, "zstd frame 4 (at offset {0}) ends before")]
        public async Task TruncatedInputIsRefusedNamingFrameAndOffset(int frame, int into, string expected)
        {
            var (zst, _) = await OurTarZstAsync();
            int start = FindFrame(zst, frame);
            int keep = start + into;
            expected = string.Format(expected, start);
            using var z = new ZstdReadStream(new MemoryStream(zst.Take(keep).ToArray()), leaveOpen: false, "cut.tar.zst");
            var e = await Assert.ThrowsAsync<OciException>(() => z.CopyToAsync(Stream.Null));
            Assert.Equal(OciErrorKind.InvalidLayout, e.Kind);
            Assert.Contains("truncated", e.Message);
            Assert.Contains(expected, e.Message);
            Assert.Contains("cut.tar.zst", e.Message);
        }

        [Fact]
        public async Task TruncationAtEveryFrameBoundaryOrInsideIsNeverSilent()
        {
            var (zst, _) = await OurTarZstAsync(Pattern(20_000, 5));
            var frameStarts = Enumerable.Range(1, 5).Select(n => FindFrame(zst, n)).ToList();
            var fullStream = new MemoryStream();
            await new ZstdReadStream(new MemoryStream(zst), leaveOpen: false, "x").CopyToAsync(fullStream);
            byte[] full = fullStream.ToArray();
            foreach (int keep in Enumerable.Range(1, zst.Length - 1).Where(k => k % 97 == 0 || frameStarts.Contains(k)))
            {
                using var z = new ZstdReadStream(new MemoryStream(zst.Take(keep).ToArray()), leaveOpen: false, "cut");
                var plain = new MemoryStream();
                try
                {
                    await z.CopyToAsync(plain);
                }
                catch (OciException e) when (e.Kind == OciErrorKind.InvalidLayout)
                {
                    continue; // refused: good
                }

                // Only a cut exactly between two frames decodes cleanly: what comes out is then a prefix of
                // the tar that ends at an entry boundary without the end marker, which readers report.
                Assert.Contains(keep, frameStarts);
                Assert.Equal(full.Take((int)plain.Length), plain.ToArray());
                using var reader = new TarReader(new MemoryStream(plain.ToArray()));
                while (await reader.GetNextEntryAsync() != null)
                {
                }

                Assert.False(reader.EndMarkerFound);
            }
        }

        [Fact]
        public async Task CorruptCompressedFrameIsRefusedNamingTheFrame()
        {
            var (zst, _) = await OurTarZstAsync();
            byte[] bad = (byte[])zst.Clone();
            int configFrame = FindFrame(bad, 3);
            bad[configFrame + 40] ^= 0xFF; // inside the compressed config frame: decoding or its checksum fails
            using var z = new ZstdReadStream(new MemoryStream(bad), leaveOpen: false, "bad.tar.zst");
            var e = await Assert.ThrowsAsync<OciException>(() => z.CopyToAsync(Stream.Null));
            Assert.Equal(OciErrorKind.InvalidLayout, e.Kind);
            Assert.Contains($"zstd frame 3 (at offset {configFrame})", e.Message);
        }

        [Fact]
        public async Task GarbageAfterTheLastFrameAndNonZstdInputAreRefused()
        {
            var (zst, _) = await OurTarZstAsync();
            using var z = new ZstdReadStream(new MemoryStream(Concat(zst, new byte[] { 1, 2, 3, 4, 5 })), leaveOpen: false, "x");
            var e = await Assert.ThrowsAsync<OciException>(() => z.CopyToAsync(Stream.Null));
            Assert.Contains($"unexpected data at offset {zst.Length} after zstd frame 5", e.Message);

            using var notZstd = new ZstdReadStream(new MemoryStream(new byte[600]), leaveOpen: false, "x");
            e = await Assert.ThrowsAsync<OciException>(() => notZstd.CopyToAsync(Stream.Null));
            Assert.Contains("not zstd data", e.Message);
        }

        [Fact]
        public async Task AFrameAskingForAHugeWindowIsRefused_MemoryStaysBounded()
        {
            string dir = TempDir();
            try
            {
                File.WriteAllBytes(Path.Combine(dir, "a"), Pattern(100_000, 2));
                Assert.Equal(0, Run("sh", "-c \"zstd -q --long=30 -c < a > a.zst\"", dir).Code); // from a pipe: the 1 GiB window is declared
                using var z = new ZstdReadStream(new MemoryStream(File.ReadAllBytes(Path.Combine(dir, "a.zst"))), leaveOpen: false, "long.zst");
                var e = await Assert.ThrowsAsync<OciException>(() => z.CopyToAsync(Stream.Null));
                Assert.Contains("1024 MiB window", e.Message);
                Assert.Contains("--long", e.Message);

                Assert.Equal(0, Run("sh", "-c \"zstd -q -19 -c < a > b.zst\"", dir).Code); // level 19 stays within 8 MiB
                using var ok = new ZstdReadStream(new MemoryStream(File.ReadAllBytes(Path.Combine(dir, "b.zst"))), leaveOpen: false, "b.zst");
                var plain = new MemoryStream();
                await ok.CopyToAsync(plain);
                Assert.Equal(100_000, plain.Length);
            }
            finally
            {
                Directory.Delete(dir, true);
            }
        }

        [Theory]
        [InlineData("", 0xEF46DB3751D8E999UL)]
        [InlineData("a", 0xD24EC4F1A98C6E5BUL)]
        [InlineData("abc", 0x44BC2CF5AD770999UL)]
        public void XxHash64_MatchesTheReferenceVectors(string text, ulong expected)
        {
            var hash = new XxHash64();
            byte[] bytes = Encoding.ASCII.GetBytes(text);
            hash.Append(bytes, 0, bytes.Length);
            Assert.Equal(expected, hash.Digest());
        }

        [Fact]
        public void XxHash64_GivesTheSameHashHoweverTheInputIsCut()
        {
            byte[] data = Pattern(1000, 11);
            var whole = new XxHash64();
            whole.Append(data, 0, data.Length);
            foreach (int piece in new[] { 1, 7, 31, 32, 33, 100 })
            {
                var parts = new XxHash64();
                for (int i = 0; i < data.Length; i += piece)
                {
                    parts.Append(data, i, Math.Min(piece, data.Length - i));
                }

                Assert.Equal(whole.Digest(), parts.Digest());
            }
        }

        [Fact]
        public async Task AFlippedPaddingByteInAStoredFrameIsRefusedNamingTheFrame()
        {
            byte[] layer = Pattern(1000, 8); // 1000 bytes of data, then 24 bytes of tar padding in the same frame
            var (zst, _) = await OurTarZstAsync(layer);
            int frame = FindFrame(zst, 2);
            int padding = Array.LastIndexOf(zst, (byte)0, FindFrame(zst, 3) - 16); // a zero of the padding, before the checksum
            Assert.True(padding > frame + 1000, "padding not found");
            zst[padding] = 0x20;
            using var z = new ZstdReadStream(new MemoryStream(zst), leaveOpen: false, "bad.tar.zst");

            var e = await Assert.ThrowsAsync<OciException>(() => z.CopyToAsync(Stream.Null));

            Assert.Contains($"zstd frame 2 (at offset {frame})", e.Message);
        }

        /// <summary>Offset of the n-th (1-based) zstd frame magic in our output.</summary>
        private static int FindFrame(byte[] data, int n)
        {
            for (int i = 0; i + 4 <= data.Length; i++)
            {
                if (ZstdFormat.ReadUInt32(data, i) == ZstdFormat.FrameMagic && --n == 0)
                {
                    return i;
                }
            }

            throw new InvalidOperationException("frame not found");
        }
    }
}
