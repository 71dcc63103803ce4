using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using OciMirror.Core.Archive;
using OciMirror.Core.Errors;
using OciMirror.Core.Operations;
using OciMirror.Core.Tests.Archive;
using OciMirror.Core.Tests.TestDoubles;
using Xunit;
using static OciMirror.Core.Tests.Archive.ArchiveExportKit;

namespace OciMirror.Core.Tests.Operations
{
    /// <summary>Export of a batch into .tar and .tgz files and streams, checked with our reader and the system tools.</summary>
    public sealed class ExportArchiveTests : System.IDisposable
    {
        private readonly ArchiveExportKit _kit = new ArchiveExportKit();

        public void Dispose() => _kit.Dispose();

        [Theory]
        [InlineData("bundle.tar")]
        [InlineData("bundle.tgz")]
        [InlineData("bundle.tar.gz")]
        public async Task Batch_WritesBundleOrder_EachBlobOnce_AndNamesEveryRoot(string file)
        {
            OperationSummary summary = await _kit.ExportAsync(file, All);

            Assert.Equal(4, summary.Copied);
            Assert.Equal(new[] { file }, Directory.GetFiles(_kit.Dir).Select(Path.GetFileName)); // no temporary or spool file left
            var entries = await ReadArchiveAsync(File.ReadAllBytes(_kit.PathOf(file)));
            AssertBundleOrder(entries);
            Assert.Equal(_kit.GraphOf(All).OrderBy(d => d.ToString()), entries.Skip(1).SkipLast(1).Select(e => "sha256:" + e.Name.Substring(13)).OrderBy(d => d).Select(OciMirror.Core.Model.Digest.Parse));
            Dictionary<string, string> names = NamesOf(entries);
            Assert.Equal(_kit.V1.Digest.ToString(), names[App1]);
            Assert.Equal(_kit.V2.Digest.ToString(), names[App2]);
            Assert.Equal(_kit.OtherRoot.Digest.ToString(), names[Other]);
            Assert.Equal(_kit.MultiRoot.Digest.ToString(), names[Multi]);
            Assert.All(_kit.Registry.Counts.Fetches.Values, n => Assert.Equal(1, n));
        }

        [Fact]
        public async Task Tgz_HasOneGzipMemberPerEntry_StoredForGzipLayers_DeflatedForOthers()
        {
            await _kit.ExportAsync("bundle.tgz", App2);

            byte[] tgz = File.ReadAllBytes(_kit.PathOf("bundle.tgz"));
            using var gzip = new MultiMemberGzipReadStream(new MemoryStream(tgz));
            using var reader = new TarReader(gzip, leaveOpen: true);
            int entries = 0;
            while (await reader.GetNextEntryAsync() != null)
            {
                entries++;
            }

            await gzip.CopyToAsync(Stream.Null);
            Assert.Equal(entries + 1, gzip.MemberCount); // one member per entry, one for the end marker
            long incompressible = _kit.Big.Size;
            // The gzip-typed zero layer is stored (≥ its size); the uncompressed one shrinks to almost nothing.
            Assert.InRange(tgz.Length, incompressible + ZeroLayerSize, incompressible + ZeroLayerSize + 40_000);
            Assert.Equal(0, ArchiveTestUtil.Run("gzip", $"-t {_kit.PathOf("bundle.tgz")}").Code);
        }

        [Theory]
        [InlineData("bundle.tar", "-xf")]
        [InlineData("bundle.tgz", "-xzf")]
        public async Task SystemTar_AcceptsTheArchive_AndItsTreeEqualsADirectoryExport(string file, string extract)
        {
            await _kit.ExportAsync(new ExportRequest { References = All, BundlePath = _kit.PathOf(file), Concurrency = 1 });
            await _kit.ExportAsync(new ExportRequest { References = All, BundlePath = _kit.PathOf("dir"), Concurrency = 1 });

            var list = ArchiveTestUtil.Run("tar", $"-tv{(file.EndsWith(".tgz") ? "z" : string.Empty)}f {_kit.PathOf(file)}");
            Assert.True(list.Code == 0, list.Err);
            Assert.StartsWith("-rw-r--r-- 0/0", list.Out);
            string extracted = _kit.PathOf("extracted");
            Directory.CreateDirectory(extracted);
            var run = ArchiveTestUtil.Run("tar", $"{extract} {_kit.PathOf(file)} -C {extracted}");
            Assert.True(run.Code == 0, run.Err);

            SortedDictionary<string, byte[]> expected = Tree(_kit.PathOf("dir"));
            SortedDictionary<string, byte[]> actual = Tree(extracted);
            Assert.Equal(expected.Keys, actual.Keys);
            Assert.All(expected, pair => Assert.True(pair.Value.SequenceEqual(actual[pair.Key]), pair.Key + " differs"));
        }

        [Theory]
        [InlineData(ArchiveFormat.Tar)]
        [InlineData(ArchiveFormat.TarGzip)]
        public async Task ToStream_WritesACompleteArchive_AndLeavesTheStreamOpen(ArchiveFormat format)
        {
            var stdout = new MemoryStream();

            OperationSummary summary = await _kit.ExportAsync(new ExportRequest { References = All, BundlePath = "-", OutputStream = stdout, Format = format });

            Assert.Equal(4, summary.Copied);
            Assert.True(stdout.CanWrite);
            Assert.Empty(Directory.GetFiles(_kit.Dir));
            Assert.False(File.Exists("-"));
            byte[] bytes = stdout.ToArray();
            Assert.Equal(format == ArchiveFormat.TarGzip, bytes[0] == 0x1f);
            var entries = await ReadArchiveAsync(bytes);
            AssertBundleOrder(entries);
            Assert.Equal(4, NamesOf(entries).Count);
        }

        [Fact]
        public async Task ToStream_WithoutFormat_IsATar_AndDirectoryIsRefused()
        {
            var stdout = new MemoryStream();
            await _kit.ExportAsync(new ExportRequest { References = new[] { App1 }, BundlePath = "-", OutputStream = stdout });
            Assert.Equal((byte)'o', stdout.ToArray()[0]); // "oci-layout", a plain tar header

            var refused = await Assert.ThrowsAsync<OciException>(() => _kit.ExportAsync(new ExportRequest { References = new[] { App1 }, BundlePath = "-", OutputStream = new MemoryStream(), Format = ArchiveFormat.Directory }));
            Assert.Equal(OciErrorKind.InvalidDestination, refused.Kind);
        }

        [Fact]
        public async Task Declined_CreatesNoFile_AndWritesNothingToAStream()
        {
            var observer = new RecordingObserver { Answer = (_, _) => false };
            var stdout = new MemoryStream();

            OperationSummary toFile = await _kit.ExportAsync(new ExportRequest { References = All, BundlePath = _kit.PathOf("sub/bundle.tgz") }, observer);
            OperationSummary toStream = await _kit.ExportAsync(new ExportRequest { References = All, BundlePath = "-", OutputStream = stdout }, observer);

            Assert.Equal(4, toFile.Declined);
            Assert.Equal(4, toStream.Declined);
            Assert.Empty(Directory.GetFileSystemEntries(_kit.Dir));
            Assert.Equal(0, stdout.Length);
            Assert.Equal(0, AccessCounts.Get(_kit.Registry.Counts.Fetches, _kit.Big.Digest)); // plans read manifests only
            Assert.Equal(0, AccessCounts.Get(_kit.Registry.Counts.Fetches, _kit.Base.Digest));
        }

        [Fact]
        public async Task DirectoryOrForeignFile_IsRefusedAsDestination()
        {
            Directory.CreateDirectory(_kit.PathOf("dir.tar"));
            File.WriteAllText(_kit.PathOf("notes.tar"), "these are not a tar archive, but notes that must survive");

            var dir = await Assert.ThrowsAsync<OciException>(() => _kit.ExportAsync("dir.tar", App1));
            var foreign = await Assert.ThrowsAsync<OciException>(() => _kit.ExportAsync("notes.tar", App1));

            Assert.Equal(OciErrorKind.InvalidDestination, dir.Kind);
            Assert.Equal(OciErrorKind.InvalidDestination, foreign.Kind);
            Assert.Contains("notes.tar", foreign.Message);
            Assert.Equal("these are not a tar archive, but notes that must survive", File.ReadAllText(_kit.PathOf("notes.tar")));
            Assert.Equal(0, _kit.Registry.Counts.TotalFetches);
        }
    }
}
