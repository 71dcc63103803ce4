using System.IO;
using System.Text;
using System.Threading.Tasks;
using OciMirror.Core.Archive;
using OciMirror.Core.Errors;
using Xunit;
using static OciMirror.Core.Tests.Archive.ArchiveTestUtil;

namespace OciMirror.Core.Tests.Archive
{
    public class BundleEntryNameTests
    {
        private const string Hex = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

        [Theory]
        [InlineData("oci-layout", TarEntryType.RegularFile, BundleEntryKind.LayoutMarker, "oci-layout")]
        [InlineData("./oci-layout", TarEntryType.RegularFile, BundleEntryKind.LayoutMarker, "oci-layout")]
        [InlineData("index.json", TarEntryType.RegularFile, BundleEntryKind.Index, "index.json")]
        [InlineData("./", TarEntryType.Directory, BundleEntryKind.Directory, ".")]
        [InlineData("blobs/", TarEntryType.Directory, BundleEntryKind.Directory, "blobs")]
        [InlineData("./blobs/sha256/", TarEntryType.Directory, BundleEntryKind.Directory, "blobs/sha256")]
        [InlineData("blobs/sha256/" + Hex, TarEntryType.RegularFile, BundleEntryKind.Blob, "blobs/sha256/" + Hex)]
        [InlineData("./blobs/sha256/" + Hex, TarEntryType.RegularFile, BundleEntryKind.Blob, "blobs/sha256/" + Hex)]
        [InlineData("manifest.json", TarEntryType.RegularFile, BundleEntryKind.Unrecognized, "manifest.json")]
        [InlineData("repositories", TarEntryType.RegularFile, BundleEntryKind.Unrecognized, "repositories")]
        [InlineData("blobs/sha256/" + "ABCDEF", TarEntryType.RegularFile, BundleEntryKind.Unrecognized, "blobs/sha256/ABCDEF")]
        [InlineData("blobs/sha256/x/y", TarEntryType.RegularFile, BundleEntryKind.Unrecognized, "blobs/sha256/x/y")]
        [InlineData("ingest/", TarEntryType.Directory, BundleEntryKind.Unrecognized, "ingest")]
        public void ClassifiesAllowedAndSkippableNames(string raw, TarEntryType type, BundleEntryKind kind, string normalized)
        {
            BundleEntryName n = BundleEntryName.Classify(raw, type);
            Assert.Equal(kind, n.Kind);
            Assert.Equal(normalized, n.Name);
            Assert.Equal(raw, n.RawName);
            Assert.Equal(kind == BundleEntryKind.Unrecognized, n.SkipReason != null);
            if (kind == BundleEntryKind.Blob)
            {
                Assert.Equal("sha256:" + Hex, n.Digest.ToString());
            }
        }

        [Theory]
        [InlineData("/etc/passwd", TarEntryType.RegularFile, "absolute path")]
        [InlineData("/blobs/sha256/" + Hex, TarEntryType.RegularFile, "absolute path")]
        [InlineData("C:\\Windows\\x", TarEntryType.RegularFile, "backslash")]
        [InlineData("C:x", TarEntryType.RegularFile, "absolute path")]
        [InlineData("\\\\server\\share\\x", TarEntryType.RegularFile, "backslash")]
        [InlineData("blobs\\sha256\\x", TarEntryType.RegularFile, "backslash")]
        [InlineData("../index.json", TarEntryType.RegularFile, "'..'")]
        [InlineData("blobs/../../x", TarEntryType.RegularFile, "'..'")]
        [InlineData("blobs/sha256/..", TarEntryType.Directory, "'..'")]
        [InlineData("blobs//sha256/x", TarEntryType.RegularFile, "empty or '.'")]
        [InlineData("blobs/./sha256/x", TarEntryType.RegularFile, "empty or '.'")]
        [InlineData("index.json\0x", TarEntryType.RegularFile, "NUL")]
        [InlineData("", TarEntryType.RegularFile, "empty")]
        [InlineData("blobs/sha256/" + Hex, TarEntryType.SymbolicLink, "symbolic link")]
        [InlineData("docker/layer.tar", TarEntryType.SymbolicLink, "symbolic link")]
        [InlineData("index.json", TarEntryType.HardLink, "hard link")]
        [InlineData("dev/null", TarEntryType.CharacterDevice, "CharacterDevice")]
        [InlineData("sda", TarEntryType.BlockDevice, "BlockDevice")]
        [InlineData("pipe", TarEntryType.Fifo, "Fifo")]
        [InlineData("weird", TarEntryType.Other, "entry type")]
        [InlineData("index.json/", TarEntryType.Directory, "a directory where")]
        [InlineData("blobs/sha256/" + Hex + "/", TarEntryType.Directory, "a directory where")]
        [InlineData("blobs", TarEntryType.RegularFile, "a file where")]
        [InlineData("blobs/sha256", TarEntryType.RegularFile, "a file where")]
        public void RefusesHostileEntriesNamingThem(string raw, TarEntryType type, string reason)
        {
            OciException e = Assert.Throws<OciException>(() => BundleEntryName.Classify(raw, type, "evil.tar", 4096));
            Assert.Equal(OciErrorKind.InvalidLayout, e.Kind);
            Assert.Contains(reason, e.Message);
            Assert.Contains("'evil.tar'", e.Message);
            Assert.Contains("offset 4096", e.Message);
            Assert.Equal("evil.tar", e.Path);
            if (raw.Length > 0 && raw.IndexOf('\0') < 0)
            {
                Assert.Contains($"'{raw}'", e.Message);
            }
        }

        [Fact]
        public void DuplicateLayoutFilesAreRefusedEvenWhenSpelledDifferently()
        {
            var set = new BundleEntryNameSet("dup.tar");
            set.Add(BundleEntryName.Classify("blobs/", TarEntryType.Directory, headerOffset: 0));
            set.Add(BundleEntryName.Classify("./blobs/", TarEntryType.Directory, headerOffset: 512)); // directories may repeat
            set.Add(BundleEntryName.Classify("manifest.json", TarEntryType.RegularFile, headerOffset: 1024));
            set.Add(BundleEntryName.Classify("manifest.json", TarEntryType.RegularFile, headerOffset: 2048)); // skipped anyway
            set.Add(BundleEntryName.Classify("blobs/sha256/" + Hex, TarEntryType.RegularFile, headerOffset: 3072));
            OciException e = Assert.Throws<OciException>(() => set.Add(BundleEntryName.Classify("./blobs/sha256/" + Hex, TarEntryType.RegularFile, headerOffset: 8192)));
            Assert.Equal(OciErrorKind.InvalidLayout, e.Kind);
            Assert.Contains("duplicate entry 'blobs/sha256/" + Hex + "'", e.Message);
            Assert.Contains("3072 and 8192", e.Message);

            set.Add(BundleEntryName.Classify("index.json", TarEntryType.RegularFile));
            Assert.Throws<OciException>(() => set.Add(BundleEntryName.Classify("./index.json", TarEntryType.RegularFile)));
            Assert.True(set.Contains("index.json"));
        }

        [Fact]
        public async Task ClassifiesEntriesOfADockerSaveStyleArchive()
        {
            var m = new MemoryStream();
            using (var w = new TarWriter(m, leaveOpen: true))
            {
                await w.WriteDirectoryAsync("blobs/");
                await w.WriteDirectoryAsync("blobs/sha256/");
                await w.WriteFileAsync("blobs/sha256/" + Hex, new byte[] { 1 });
                await w.WriteFileAsync("index.json", Encoding.ASCII.GetBytes("{}"));
                await w.WriteFileAsync("manifest.json", Encoding.ASCII.GetBytes("[]"));
                await w.WriteFileAsync("oci-layout", Encoding.ASCII.GetBytes("{}"));
                await w.WriteFileAsync("repositories", Encoding.ASCII.GetBytes("{}"));
                await w.WriteEndAsync();
            }

            m.Position = 0;
            using var reader = new TarReader(m, archiveName: "save.tar");
            var set = new BundleEntryNameSet("save.tar");
            var kinds = new System.Collections.Generic.List<BundleEntryKind>();
            TarEntry? e;
            while ((e = await reader.GetNextEntryAsync()) != null)
            {
                BundleEntryName n = BundleEntryName.Classify(e, "save.tar");
                set.Add(n);
                kinds.Add(n.Kind);
            }

            Assert.Equal(new[]
            {
                BundleEntryKind.Directory, BundleEntryKind.Directory, BundleEntryKind.Blob, BundleEntryKind.Index,
                BundleEntryKind.Unrecognized, BundleEntryKind.LayoutMarker, BundleEntryKind.Unrecognized,
            }, kinds);
        }

        [Fact]
        public async Task SymlinkEntryFromGnuTarIsRefusedWithItsTarget()
        {
            byte[] archive = Concat(Header("blobs/sha256/" + Hex, '2', 0, b => Encoding.ASCII.GetBytes("/etc/shadow", 0, 11, b, TarHeader.LinkNameOffset)), EndBlocks());
            using var reader = new TarReader(new MemoryStream(archive));
            TarEntry e = (await reader.GetNextEntryAsync())!;
            OciException ex = Assert.Throws<OciException>(() => BundleEntryName.Classify(e, "links.tar"));
            Assert.Contains("/etc/shadow", ex.Message);
            Assert.Contains("offset 0", ex.Message);
        }
    }
}
