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
    public class TarReaderHostileTests
    {
        private static async Task<OciException> ReadFails(byte[] archive)
        {
            OciException e = await Assert.ThrowsAsync<OciException>(() => ReadAllAsync(new TrickleStream(archive, 100)));
            Assert.Equal(OciErrorKind.InvalidLayout, e.Kind);
            Assert.Contains("'test.tar'", e.Message);
            return e;
        }

        private static byte[] PaxHeader(string records) =>
            Concat(Header("././@PaxHeader", 'x', Encoding.UTF8.GetByteCount(records)), Padded(Encoding.UTF8.GetBytes(records)));

        private static string Record(string key, string value)
        {
            string body = $" {key}={value}\n";
            int len = Encoding.UTF8.GetByteCount(body) + 1;
            while (len != Encoding.UTF8.GetByteCount(body) + len.ToString().Length)
            {
                len = Encoding.UTF8.GetByteCount(body) + len.ToString().Length;
            }

            return len + body;
        }

        [Fact]
        public async Task ChecksumCorruptionNamesTheOffset()
        {
            byte[] archive = Concat(Header("oci-layout", '0', 3), Padded(new byte[3]), Header("index.json", '0', 2), Padded(new byte[2]), EndBlocks());
            archive[1024 + 5] ^= 0x20; // a byte of the second header's name
            OciException e = await ReadFails(archive);
            Assert.Contains("bad checksum", e.Message);
            Assert.Contains("offset 1024", e.Message);
        }

        [Fact]
        public async Task SignedChecksumFromHistoricWritersIsAccepted()
        {
            byte[] h = Header("blobs/\u00e9", '0', 0); // a byte >= 0x80 makes the signed and unsigned sums differ
            long signedSum = 0;
            for (int i = 0; i < 512; i++)
            {
                signedSum += i >= 148 && i < 156 ? (sbyte)' ' : (sbyte)h[i];
            }

            TarHeader.WriteOctal(h, TarHeader.ChecksumOffset, 7, signedSum);
            var entries = await ReadAllAsync(new MemoryStream(Concat(h, EndBlocks())));
            Assert.Equal("blobs/\u00e9", Assert.Single(entries).Name);
        }

        [Fact]
        public async Task TruncatedEntryDataNamesTheEntry()
        {
            byte[] archive = Concat(Header("blobs/sha256/abc", '0', 5000), Pattern(1200));
            OciException e = await ReadFails(archive);
            Assert.Contains("'blobs/sha256/abc'", e.Message);
            Assert.Contains("truncated", e.Message);
            Assert.Contains("5000", e.Message);
        }

        [Fact]
        public async Task TruncatedHeaderIsReported()
        {
            byte[] archive = Concat(Header("a", '0', 0), new byte[100]);
            archive[512] = 1; // a partial non-zero block
            OciException e = await ReadFails(archive);
            Assert.Contains("truncated", e.Message);
        }

        [Fact]
        public async Task PlainEofAfterACompleteEntryEndsTheArchive()
        {
            using var reader = new TarReader(new MemoryStream(Concat(Header("a", '0', 1), Padded(new byte[1]))));
            Assert.NotNull(await reader.GetNextEntryAsync());
            Assert.Null(await reader.GetNextEntryAsync());
            Assert.False(reader.EndMarkerFound);

            using var withEnd = new TarReader(new MemoryStream(Concat(Header("a", '0', 1), Padded(new byte[1]), EndBlocks())));
            Assert.NotNull(await withEnd.GetNextEntryAsync());
            Assert.Null(await withEnd.GetNextEntryAsync());
            Assert.True(withEnd.EndMarkerFound);
        }

        [Fact]
        public async Task OversizedPaxHeaderIsRefusedBeforeReadingIt()
        {
            byte[] archive = Concat(Header("././@PaxHeader", 'x', TarReader.MaxMetadataBytes + 1), new byte[512]);
            OciException e = await ReadFails(archive);
            Assert.Contains("1048576-byte limit", e.Message);
            Assert.Contains("offset 0", e.Message);
        }

        [Fact]
        public async Task ManySmallPaxHeadersCannotExceedTheLimitTogether()
        {
            string big = Record("comment", new string('x', 600 * 1024));
            byte[] archive = Concat(PaxHeader(big), PaxHeader(big), Header("a", '0', 0), EndBlocks());
            OciException e = await ReadFails(archive);
            Assert.Contains("limit", e.Message);
        }

        [Fact]
        public async Task PaxPathSizeAndLinkpathOverrideTheHeaderAndGlobalHeadersAreIgnored()
        {
            string longName = "blobs/sha256/" + new string('b', 200);
            byte[] data = Pattern(700);
            byte[] archive = Concat(
                Concat(Header("././@PaxGlobal", 'g', 19), Padded(Encoding.ASCII.GetBytes(Record("path", "global!")))),
                PaxHeader(Record("path", longName) + Record("size", "700")),
                Header("truncated-name", '0', 1),
                Padded(data),
                PaxHeader(Record("linkpath", "target/" + new string('t', 150))),
                Header("sym", '2', 0),
                EndBlocks());
            var entries = await ReadAllAsync(new TrickleStream(archive, 333));
            Assert.Equal(longName, entries[0].Name);
            Assert.Equal(700, entries[0].Size);
            Assert.Equal(data, entries[0].Data);
            Assert.Equal("sym", entries[1].Name);
            Assert.Equal("target/" + new string('t', 150), entries[1].LinkName);
        }

        [Fact]
        public async Task GnuLongNameAndLongLinkAreApplied()
        {
            string name = "blobs/" + new string('n', 180);
            string link = "blobs/" + new string('k', 180);
            byte[] L = Encoding.ASCII.GetBytes(name + "\0");
            byte[] K = Encoding.ASCII.GetBytes(link + "\0");
            byte[] archive = Concat(
                Header("././@LongLink", 'L', L.Length), Padded(L),
                Header("short", '0', 4), Padded(Encoding.ASCII.GetBytes("data")),
                Header("././@LongLink", 'K', K.Length), Padded(K),
                Header("hl", '1', 0),
                EndBlocks());
            var entries = await ReadAllAsync(new MemoryStream(archive));
            Assert.Equal(name, entries[0].Name);
            Assert.Equal("data", Encoding.ASCII.GetString(entries[0].Data));
            Assert.Equal(TarEntryType.HardLink, entries[1].Type);
            Assert.Equal(link, entries[1].LinkName);
        }

        [Fact]
        public async Task Base256SizeAndOldV7HeadersAreRead()
        {
            byte[] v7 = Header("dir/", '\0', 0, b => { for (int i = 257; i < 512; i++) { b[i] = 0; } });
            byte[] v7File = Header("file", '\0', 3, b => { for (int i = 257; i < 512; i++) { b[i] = 0; } });
            byte[] b256 = Header("b256", '0', 0, b =>
            {
                for (int i = 0; i < 12; i++) { b[TarHeader.SizeOffset + i] = 0; }
                b[TarHeader.SizeOffset] = 0x80;
                b[TarHeader.SizeOffset + 11] = 5;
            });
            byte[] archive = Concat(v7, v7File, Padded(Encoding.ASCII.GetBytes("abc")), b256, Padded(Encoding.ASCII.GetBytes("12345")), EndBlocks());
            var entries = await ReadAllAsync(new MemoryStream(archive));
            Assert.Equal(TarEntryType.Directory, entries[0].Type);
            Assert.Equal(TarEntryType.RegularFile, entries[1].Type);
            Assert.Equal("abc", Encoding.ASCII.GetString(entries[1].Data));
            Assert.Equal("12345", Encoding.ASCII.GetString(entries[2].Data));
        }

        [Fact]
        public async Task NegativeBase256AndGarbageSizesAreRefused()
        {
            byte[] negative = Header("neg", '0', 0, b => { for (int i = 0; i < 12; i++) { b[TarHeader.SizeOffset + i] = 0xFF; } });
            Assert.Contains("size field", (await ReadFails(Concat(negative, EndBlocks()))).Message);
            byte[] garbage = Header("junk", '0', 0, b => b[TarHeader.SizeOffset + 3] = (byte)'9');
            Assert.Contains("'junk'", (await ReadFails(Concat(garbage, EndBlocks()))).Message);
        }

        [Fact]
        public async Task MalformedPaxRecordAndBadPaxSizeAreRefused()
        {
            Assert.Contains("malformed pax record", (await ReadFails(Concat(PaxHeader("99 path=x\n"), Header("a", '0', 0), EndBlocks()))).Message);
            Assert.Contains("invalid pax size", (await ReadFails(Concat(PaxHeader(Record("size", "-5")), Header("a", '0', 0), EndBlocks()))).Message);
        }

        [Fact]
        public async Task ExtendedHeaderFollowedByEndIsRefused()
        {
            Assert.Contains("extended headers", (await ReadFails(Concat(PaxHeader(Record("path", "x")), EndBlocks()))).Message);
        }

        [Fact]
        public async Task PaxPathWithNulReachesThePolicyWhichRefusesIt()
        {
            byte[] archive = Concat(PaxHeader(Record("path", "index.json\0../../etc/passwd")), Header("a", '0', 0), EndBlocks());
            var entry = (await ReadAllAsync(new MemoryStream(archive))).Single();
            OciException e = Assert.Throws<OciException>(() => BundleEntryName.Classify(entry.Name, entry.Type, "test.tar", entry.HeaderOffset));
            Assert.Contains("NUL", e.Message);
            Assert.Contains("\\u0000", e.Message); // the control character is escaped in the message
        }
    }
}
