using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Archive;
using OciMirror.Core.Errors;
using OciMirror.Core.Files;
using OciMirror.Core.Model;
using OciMirror.Core.Tests.TestDoubles;
using Xunit;

namespace OciMirror.Core.Tests.Files
{
    /// <summary>Directories as layers: deterministic tar.gz on push, checked and staged extraction on pull.</summary>
    public sealed class DirectoryLayerTests : IDisposable
    {
        private readonly string _dir = Path.Combine(Path.GetTempPath(), "ocimirror-dirlayer-" + Guid.NewGuid().ToString("N"));

        public DirectoryLayerTests() => Directory.CreateDirectory(_dir);

        public void Dispose() => Directory.Delete(_dir, recursive: true);

        [Fact]
        public async Task The_same_tree_gives_the_same_bytes_whatever_the_times_and_creation_order()
        {
            string a = Tree("a", new[] { "readme.md", "sub/z.txt", "a-c/x", "sub/a.txt" }, DateTime.UtcNow.AddDays(-3));
            string b = Tree("b", new[] { "sub/a.txt", "a-c/x", "readme.md", "sub/z.txt" }, DateTime.UtcNow);

            Descriptor da = await DirectoryTarball.WriteAsync(a, "docs", Path.Combine(_dir, "a.tgz"), ArtifactAnnotations.DefaultDirectoryMediaType, CancellationToken.None);
            Descriptor db = await DirectoryTarball.WriteAsync(b, "docs", Path.Combine(_dir, "b.tgz"), ArtifactAnnotations.DefaultDirectoryMediaType, CancellationToken.None);

            Assert.Equal(da.Digest, db.Digest);
            Assert.Equal(da.GetAnnotation(DirectoryTarball.ContentDigestAnnotation), db.GetAnnotation(DirectoryTarball.ContentDigestAnnotation));
            Assert.Equal("true", da.GetAnnotation(DirectoryTarball.UnpackAnnotation));
            Assert.Equal("docs", da.GetAnnotation(ArtifactAnnotations.Title));
            Assert.Equal(new FileInfo(Path.Combine(_dir, "a.tgz")).Length, da.Size);
            var entries = await Entries(Path.Combine(_dir, "a.tgz"));
            Assert.Equal(new[] { "docs/", "docs/a-c/", "docs/a-c/x", "docs/readme.md", "docs/sub/", "docs/sub/a.txt", "docs/sub/z.txt" }, entries.Select(e => e.Name));
            Assert.All(entries, e => Assert.Equal(e.Type == TarEntryType.Directory ? 0x1ED : 0x1A4, e.Mode));
            using var gz = new GZipStream(File.OpenRead(Path.Combine(_dir, "a.tgz")), CompressionMode.Decompress);
            var tar = new MemoryStream();
            gz.CopyTo(tar);
            Assert.Equal(Digest.Compute(tar.ToArray()).ToString(), da.GetAnnotation(DirectoryTarball.ContentDigestAnnotation));
        }

#if NET
        [Fact]
        public async Task A_symbolic_link_inside_is_refused()
        {
            string tree = Tree("linked", new[] { "a.txt" }, DateTime.UtcNow);
            File.CreateSymbolicLink(Path.Combine(tree, "passwd"), "/etc/passwd");

            OciException e = await Assert.ThrowsAsync<OciException>(() => DirectoryTarball.WriteAsync(tree, "docs", Path.Combine(_dir, "x.tgz"), "a/b", CancellationToken.None));

            Assert.Equal(OciErrorKind.UnsafePath, e.Kind);
            Assert.Contains("passwd", e.Message);
        }

#endif

        [Fact]
        public async Task A_packed_tree_unpacks_to_the_same_files()
        {
            string tree = Tree("src", new[] { "readme.md", "sub/deeper/a.txt" }, DateTime.UtcNow);
            string packed = Path.Combine(_dir, "p.tgz");
            Descriptor layer = await DirectoryTarball.WriteAsync(tree, "docs", packed, ArtifactAnnotations.DefaultDirectoryMediaType, CancellationToken.None);
            string output = Directory.CreateDirectory(Path.Combine(_dir, "out")).FullName;

            await DirectoryLayerExtractor.ExtractAsync(File.OpenRead(packed), layer, "docs", output, new RecordingObserver(), CancellationToken.None);

            Assert.Equal("content of readme.md", File.ReadAllText(Path.Combine(output, "docs", "readme.md")));
            Assert.Equal("content of sub/deeper/a.txt", File.ReadAllText(Path.Combine(output, "docs", "sub", "deeper", "a.txt")));
            Assert.Equal(new[] { "docs" }, Directory.GetFileSystemEntries(output).Select(Path.GetFileName)); // no staging left
        }

        [Theory]
        [InlineData("../evil")]
        [InlineData("docs/../../evil")]
        [InlineData("/tmp/evil")]
        [InlineData("docs/..\\..\\evil")]
        [InlineData("other/evil")]
        [InlineData("C:/evil")]
        public async Task A_hostile_entry_fails_the_layer_and_nothing_is_written(string name)
        {
            (Descriptor layer, string path) = await Handmade(("docs/ok.txt", '0'), (name, '0'));
            string output = Directory.CreateDirectory(Path.Combine(_dir, "out")).FullName;

            OciException e = await Assert.ThrowsAsync<OciException>(() => DirectoryLayerExtractor.ExtractAsync(File.OpenRead(path), layer, "docs", output, new RecordingObserver(), CancellationToken.None));

            Assert.Equal(OciErrorKind.UnsafePath, e.Kind);
            Assert.Contains(name, e.Message);
            Assert.Empty(Directory.GetFileSystemEntries(output));
            Assert.False(File.Exists(Path.Combine(_dir, "evil")));
        }

        [Fact]
        public async Task Links_in_a_tarball_are_skipped_with_a_warning()
        {
            (Descriptor layer, string path) = await Handmade(("docs/ok.txt", '0'), ("docs/link", '2'), ("docs/hard", '1'));
            string output = Directory.CreateDirectory(Path.Combine(_dir, "out")).FullName;
            var log = new RecordingObserver();

            await DirectoryLayerExtractor.ExtractAsync(File.OpenRead(path), layer, "docs", output, log, CancellationToken.None);

            Assert.Equal(new[] { "ok.txt" }, Directory.GetFileSystemEntries(Path.Combine(output, "docs")).Select(Path.GetFileName));
            Assert.Equal(2, log.Logs.Count(l => l.StartsWith("Warning:", StringComparison.Ordinal) && l.Contains("not written")));
        }

        [Fact]
        public async Task A_tar_that_does_not_match_its_content_digest_writes_nothing()
        {
            (Descriptor layer, string path) = await Handmade(("docs/ok.txt", '0'));
            var lying = layer.WithAnnotations(new Dictionary<string, string> { [DirectoryTarball.ContentDigestAnnotation] = Digest.Compute(new byte[] { 1 }).ToString() });
            string output = Directory.CreateDirectory(Path.Combine(_dir, "out")).FullName;

            OciException e = await Assert.ThrowsAsync<OciException>(() => DirectoryLayerExtractor.ExtractAsync(File.OpenRead(path), lying, "docs", output, new RecordingObserver(), CancellationToken.None));

            Assert.Equal(OciErrorKind.DigestMismatch, e.Kind);
            Assert.Empty(Directory.GetFileSystemEntries(output));
        }

#if NET
        [Fact]
        public async Task A_link_in_the_output_directory_is_not_followed()
        {
            (Descriptor layer, string path) = await Handmade(("docs/ok.txt", '0'));
            string output = Directory.CreateDirectory(Path.Combine(_dir, "out")).FullName;
            string elsewhere = Directory.CreateDirectory(Path.Combine(_dir, "elsewhere")).FullName;
            Directory.CreateSymbolicLink(Path.Combine(output, "docs"), elsewhere);

            OciException e = await Assert.ThrowsAsync<OciException>(() => DirectoryLayerExtractor.ExtractAsync(File.OpenRead(path), layer, "docs", output, new RecordingObserver(), CancellationToken.None));

            Assert.Equal(OciErrorKind.UnsafePath, e.Kind);
            Assert.Empty(Directory.GetFileSystemEntries(elsewhere));
        }

#endif

        private string Tree(string name, string[] files, DateTime time)
        {
            string root = Path.Combine(_dir, name);
            foreach (string file in files)
            {
                string path = Path.Combine(root, file);
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                File.WriteAllText(path, "content of " + file);
                File.SetLastWriteTimeUtc(path, time);
            }

            return root;
        }

        /// <summary>A gzipped tar written entry by entry, whatever the names; type '0' regular, '1'/'2' links.</summary>
        private async Task<(Descriptor Layer, string Path)> Handmade(params (string Name, char Type)[] entries)
        {
            var tar = new MemoryStream();
            foreach ((string name, char type) in entries)
            {
                byte[] data = type == '0' ? Encoding.UTF8.GetBytes("data of " + name) : Array.Empty<byte>();
                byte[] header = TarWriter.BuildHeader(Encoding.UTF8.GetBytes(name), type, data.Length, 0);
                tar.Write(header, 0, header.Length);
                tar.Write(data, 0, data.Length);
                tar.Write(new byte[(512 - (data.Length % 512)) % 512], 0, (512 - (data.Length % 512)) % 512);
            }

            tar.Write(new byte[1024], 0, 1024);
            string path = Path.Combine(_dir, "handmade-" + Guid.NewGuid().ToString("N") + ".tgz");
            using (var file = File.Create(path))
            using (var gzip = new GZipStream(file, CompressionLevel.Fastest))
            {
                byte[] raw = tar.ToArray();
                await gzip.WriteAsync(raw, 0, raw.Length);
            }

            byte[] bytes = File.ReadAllBytes(path);
            var layer = new Descriptor(ArtifactAnnotations.DefaultDirectoryMediaType, Digest.Compute(bytes), bytes.LongLength, new Dictionary<string, string>
            {
                [DirectoryTarball.ContentDigestAnnotation] = Digest.Compute(tar.ToArray()).ToString(),
                [DirectoryTarball.UnpackAnnotation] = "true",
                [ArtifactAnnotations.Title] = "docs",
            });
            return (layer, path);
        }

        private static async Task<List<TarEntry>> Entries(string tgz)
        {
            var list = new List<TarEntry>();
            using var reader = new TarReader(new GZipStream(File.OpenRead(tgz), CompressionMode.Decompress));
            TarEntry? entry;
            while ((entry = await reader.GetNextEntryAsync()) != null)
            {
                list.Add(entry);
            }

            return list;
        }
    }
}
