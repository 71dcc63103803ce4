using System;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Archive;
using OciMirror.Core.Errors;
using OciMirror.Core.Model;
using OciMirror.Core.Operations;
using OciMirror.Core.Tests.Archive;
using OciMirror.Core.Tests.Bundles;
using OciMirror.Core.Tests.TestDoubles;
using Xunit;

namespace OciMirror.Core.Tests.Compression
{
    /// <summary>.tar.xz and .tar.bz2 bundles written by Debian's xz and bzip2 are read (list, verify, import), never written; cut ones are refused.</summary>
    public sealed class XzBzip2ReadingTests : IDisposable
    {
        private readonly string _dir = ArchiveTestUtil.TempDir();

        public void Dispose() => Directory.Delete(_dir, recursive: true);

        [Theory]
        [InlineData("xz", "bundle.tar.xz", ArchiveFormat.TarXz)]
        [InlineData("bzip2", "bundle.tar.bz2", ArchiveFormat.TarBzip2)]
        public async Task ListVerifyAndImport_ReadTheCompressedTar(string tool, string name, ArchiveFormat format)
        {
            var b = new TestBundle();
            Descriptor image = b.AddLargeImage("big", 600_000);
            string path = Compress(b.ToTar(), tool, name);
            Assert.Equal(format, ArchiveFormatDetection.FromPath(path));
            Assert.Equal(format, ArchiveFormatDetection.FromHeader(new ArraySegment<byte>(File.ReadAllBytes(path))));

            var list = await new BundleListOperation(new BundleRequest { BundlePath = path }).RunAsync(new RecordingObserver(), CancellationToken.None);
            var report = await new BundleVerifyOperation(new BundleRequest { BundlePath = path }).RunAsync(new RecordingObserver(), CancellationToken.None);
            var registry = new MemoryRegistry();
            OperationSummary summary = await new ImportOperation(new ImportRequest { BundlePath = path, Destination = "registry.local" }, registry).RunAsync(new RecordingObserver(), CancellationToken.None);

            Assert.Equal(image.Digest.ToString(), Assert.Single(list).Digest);
            Assert.True(report.IsValid, string.Join("\n", report.LayoutProblems));
            Assert.Equal(1, summary.Copied);
        }

        [Theory]
        [InlineData("xz", "bundle.tar.xz")]
        [InlineData("bzip2", "bundle.tar.bz2")]
        public async Task ACutFileIsRefused(string tool, string name)
        {
            var b = new TestBundle();
            b.AddLargeImage("big", 600_000);
            string path = Compress(b.ToTar(), tool, name);
            byte[] bytes = File.ReadAllBytes(path);
            File.WriteAllBytes(path, bytes.Take(bytes.Length / 2).ToArray());

            var e = await Assert.ThrowsAsync<OciException>(() => new BundleListOperation(new BundleRequest { BundlePath = path }).RunAsync(new RecordingObserver(), CancellationToken.None));

            Assert.Equal(OciErrorKind.InvalidLayout, e.Kind);
            Assert.Contains(path, e.Message);
        }

        [Fact]
        public async Task ExportingToXzIsRefused()
        {
            var request = new ExportRequest { References = new[] { "registry.local/a:1" }, BundlePath = Path.Combine(_dir, "out.tar.xz") };

            var e = await Assert.ThrowsAsync<OciException>(() => new ExportOperation(request, new MemoryRegistry()).RunAsync(new RecordingObserver(), CancellationToken.None));

            Assert.Equal(OciErrorKind.InvalidDestination, e.Kind);
            Assert.Contains("read, never written", e.Message);
            Assert.False(File.Exists(request.BundlePath));
        }

        private string Compress(byte[] tar, string tool, string name)
        {
            string plain = Path.Combine(_dir, "plain.tar");
            File.WriteAllBytes(plain, tar);
            var run = ArchiveTestUtil.Run("sh", $"-c \"{tool} -c plain.tar > {name}\"", _dir);
            Assert.True(run.Code == 0, run.Err);
            return Path.Combine(_dir, name);
        }
    }
}
