using System;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Errors;
using OciMirror.Core.Model;
using OciMirror.Core.Operations;
using OciMirror.Core.Tests.Archive;
using OciMirror.Core.Tests.TestDoubles;
using Xunit;

namespace OciMirror.Core.Tests.Operations
{
    /// <summary>Issue 7.11: "transferred" counts each byte once where it crosses the wire or reaches the disk, the same every run.</summary>
    public sealed class TransferredBytesTests : IDisposable
    {
        private static readonly TimeSpan Guard = TimeSpan.FromSeconds(30); // hang guard only
        private readonly ArchiveExportKit _kit = new ArchiveExportKit();

        public void Dispose() => _kit.Dispose();

        [Fact]
        public async Task TheSameContent_ReportsTheSameBytes_EveryRun()
        {
            long? exported = null;
            long? imported = null;
            for (int run = 0; run < 5; run++)
            {
                string bundle = "bundle" + run;
                OperationSummary export = await _kit.ExportAsync(new ExportRequest { References = ArchiveExportKit.All, BundlePath = _kit.PathOf(bundle), Concurrency = 4 });
                long onDisk = Directory.EnumerateFiles(Path.Combine(_kit.PathOf(bundle), "blobs"), "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);
                OperationSummary import = await new ImportOperation(new ImportRequest { BundlePath = _kit.PathOf(bundle), Destination = "dest.local", Concurrency = 4 }, new MemoryRegistry())
                    .RunAsync(new RecordingObserver(), CancellationToken.None);

                Assert.Equal(onDisk, export.BytesCopied);
                Assert.Equal(exported ?? export.BytesCopied, export.BytesCopied);
                Assert.Equal(imported ?? import.BytesCopied, import.BytesCopied);
                exported = export.BytesCopied;
                imported = import.BytesCopied;
            }
        }

        [Fact]
        public async Task BytesAnArtifactWroteBeforeItFailed_AreCounted()
        {
            MemoryRepository source = _kit.Registry.Repository("registry.local/broken");
            Descriptor config = Fixtures.Config(source, "broken");
            Descriptor written = Fixtures.Blob(source, "a layer that arrives");
            Descriptor lost = Fixtures.Blob(source, "a layer the source lost");
            Descriptor root = Fixtures.Image(source, config, new[] { written, lost });
            await source.TagAsync(root, "1", default);
            string bundle = _kit.PathOf("bundle");
            source.BeforeFetch = async d =>
            {
                if (d.Digest == lost.Digest)
                {
                    // Fail only once the artifact's other blobs are on disk: what it wrote is then known.
                    DateTime deadline = DateTime.UtcNow + Guard;
                    while (!new[] { config, written }.All(b => File.Exists(Path.Combine(bundle, "blobs", "sha256", b.Digest.Encoded))) && DateTime.UtcNow < deadline)
                    {
                        await Task.Delay(1);
                    }

                    throw new OciException(OciErrorKind.NotFound, "lost") { Digest = d.Digest };
                }
            };

            OperationSummary summary = await _kit.ExportAsync(new ExportRequest { References = new[] { "registry.local/broken:1" }, BundlePath = bundle, Concurrency = 4 });

            Assert.Equal(1, summary.Failed);
            Assert.Equal(config.Size + written.Size, summary.BytesCopied);
        }
    }
}
