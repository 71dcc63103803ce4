using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using OciMirror.Core.Archive;
using Xunit;
using static OciMirror.Core.Tests.Archive.ArchiveTestUtil;

namespace OciMirror.Core.Tests.Archive
{
    /// <summary>Interoperability with GNU tar 1.34 and gzip, both directions.</summary>
    public sealed class SystemTarInteropTests : IDisposable
    {
        // Over 100 bytes, yet splittable into ustar prefix + name, so every format can store it.
        private static readonly string LongDir = "blobs/" + new string('d', 60) + "/" + new string('e', 60);
        private readonly string _dir = TempDir();

        public void Dispose() => Directory.Delete(_dir, recursive: true);

        [Theory]
        [InlineData("gnu")]
        [InlineData("oldgnu")]
        [InlineData("pax")]
        [InlineData("ustar")]
        [InlineData("v7")]
        public async Task ReadsWhatGnuTarWrites(string format)
        {
            string src = Path.Combine(_dir, "src");
            Directory.CreateDirectory(Path.Combine(src, LongDir));
            byte[] blob = Pattern(70_000);
            File.WriteAllBytes(Path.Combine(src, "blobs", "file"), blob);
            File.WriteAllText(Path.Combine(src, LongDir, "long-file-name-" + new string('f', 20)), "long");
            File.WriteAllText(Path.Combine(src, "index.json"), "{}");
            File.CreateSymbolicLink(Path.Combine(src, "link"), "blobs/file");
            Assert.Equal(0, Run("ln", "blobs/file hard", src).Code);
            Assert.Equal(0, Run("mkfifo", "fifo", src).Code);
            bool devices = format != "v7" && Run("mknod", "chr c 1 3", src).Code == 0 && Run("mknod", "blk b 7 0", src).Code == 0;

            bool longNames = format != "v7";
            string members = "blobs/file index.json link hard" + (format == "v7" ? string.Empty : " fifo") + (devices ? " chr blk" : string.Empty) + (longNames ? " " + LongDir : string.Empty);
            string tarFile = Path.Combine(_dir, "out.tar");
            var run = Run("tar", $"--format={format} -cf {tarFile} {members}", src);
            Assert.True(run.Code == 0, run.Err);

            var entries = (await ReadAllAsync(new TrickleStream(File.ReadAllBytes(tarFile), 4096))).ToDictionary(e => e.Name.TrimEnd('/'));
            Assert.Equal(blob, entries["blobs/file"].Data);
            Assert.Equal(TarEntryType.RegularFile, entries["blobs/file"].Type);
            Assert.Equal("{}", Encoding.ASCII.GetString(entries["index.json"].Data));
            Assert.Equal(TarEntryType.SymbolicLink, entries["link"].Type);
            Assert.Equal("blobs/file", entries["link"].LinkName);
            Assert.Equal(TarEntryType.HardLink, entries["hard"].Type);
            Assert.Equal("blobs/file", entries["hard"].LinkName);
            if (format != "v7")
            {
                Assert.Equal(TarEntryType.Fifo, entries["fifo"].Type);
            }
            if (devices)
            {
                Assert.Equal(TarEntryType.CharacterDevice, entries["chr"].Type);
                Assert.Equal(TarEntryType.BlockDevice, entries["blk"].Type);
            }

            if (longNames)
            {
                string longFile = LongDir + "/long-file-name-" + new string('f', 20);
                Assert.Equal("long", Encoding.ASCII.GetString(entries[longFile].Data));
                Assert.Equal(TarEntryType.Directory, entries[LongDir].Type);
            }
        }

        [Fact]
        public async Task GnuTarAcceptsOurTarAndExtractsIdenticalBytes()
        {
            byte[] blob = Pattern(1_000_001);
            string longName = "blobs/sha256/" + new string('c', 140);
            string tarFile = Path.Combine(_dir, "ours.tar");
            using (var writer = new TarWriter(File.Create(tarFile)))
            {
                await writer.WriteFileAsync("oci-layout", Encoding.ASCII.GetBytes("{\"imageLayoutVersion\":\"1.0.0\"}"));
                await writer.WriteDirectoryAsync("blobs/");
                await writer.WriteDirectoryAsync("blobs/sha256/");
                await writer.WriteFileAsync(longName, new MemoryStream(blob), blob.Length);
                await writer.WriteFileAsync("index.json", Encoding.ASCII.GetBytes("{}"));
                await writer.WriteEndAsync();
            }

            var list = Run("tar", $"-tvf {tarFile}");
            Assert.True(list.Code == 0, list.Err);
            Assert.Contains(longName, list.Out);
            Assert.Contains("-rw-r--r-- 0/0", list.Out);

            string x = Path.Combine(_dir, "x");
            Directory.CreateDirectory(x);
            var extract = Run("tar", $"-xf {tarFile} -C {x}");
            Assert.True(extract.Code == 0, extract.Err);
            Assert.Equal(blob, File.ReadAllBytes(Path.Combine(x, longName)));
            Assert.Equal("{}", File.ReadAllText(Path.Combine(x, "index.json")));
        }

        [Fact]
        public async Task GzipAndTarAcceptOurMultiMemberTgz()
        {
            byte[] layer = Pattern(300_000); // random bytes: stands in for an already-compressed layer
            byte[] json = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("{\"a\":1}", 5000)));
            string tgz = Path.Combine(_dir, "ours.tgz");
            await WriteTgzAsync(File.Create(tgz), layer, json);

            var test = Run("gzip", $"-t {tgz}");
            Assert.True(test.Code == 0, test.Err);
            string x = Path.Combine(_dir, "x");
            Directory.CreateDirectory(x);
            var extract = Run("tar", $"-xzf {tgz} -C {x}");
            Assert.True(extract.Code == 0, extract.Err);
            Assert.Equal(layer, File.ReadAllBytes(Path.Combine(x, "blobs/sha256/layer")));
            Assert.Equal(json, File.ReadAllBytes(Path.Combine(x, "blobs/sha256/config")));
            Assert.Equal("{}", File.ReadAllText(Path.Combine(x, "index.json")));
        }

        [Fact]
        public async Task ReadsGnuTarGzipOutputThroughMultiMemberReader()
        {
            string src = Path.Combine(_dir, "src");
            Directory.CreateDirectory(Path.Combine(src, "blobs"));
            byte[] blob = Pattern(200_000);
            File.WriteAllBytes(Path.Combine(src, "blobs", "b"), blob);
            string tgz = Path.Combine(_dir, "gnu.tgz");
            Assert.Equal(0, Run("tar", $"-czf {tgz} blobs/b", src).Code);

            using var gz = new MultiMemberGzipReadStream(new TrickleStream(File.ReadAllBytes(tgz), 3000), archiveName: "gnu.tgz");
            var entries = await ReadAllAsync(gz);
            Assert.Equal(blob, Assert.Single(entries).Data);
        }

        /// <summary>Writes oci-layout, two blobs (stored and fastest members) and index.json, one gzip member per entry plus one for the end blocks.</summary>
        internal static async Task<int> WriteTgzAsync(Stream output, byte[] layer, byte[] json)
        {
            using var gz = new GzipMemberWriter(output);
            using var tar = new TarWriter(gz, leaveOpen: true);
            await gz.StartMemberAsync(CompressionLevel.Fastest);
            await tar.WriteFileAsync("oci-layout", Encoding.ASCII.GetBytes("{\"imageLayoutVersion\":\"1.0.0\"}"));
            await gz.StartMemberAsync(GzipMemberWriter.LevelFor("application/vnd.oci.image.layer.v1.tar+gzip"));
            await tar.WriteFileAsync("blobs/sha256/layer", new MemoryStream(layer), layer.Length);
            await gz.StartMemberAsync(GzipMemberWriter.LevelFor("application/vnd.oci.image.config.v1+json"));
            await tar.WriteFileAsync("blobs/sha256/config", json);
            await gz.StartMemberAsync(CompressionLevel.Fastest);
            await tar.WriteFileAsync("index.json", Encoding.ASCII.GetBytes("{}"));
            await gz.StartMemberAsync(CompressionLevel.Fastest);
            await tar.WriteEndAsync();
            await gz.CompleteAsync();
            return gz.MemberCount;
        }
    }
}
