using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Errors;
using OciMirror.Core.Operations;
using OciMirror.Core.Tests.Archive;
using OciMirror.Core.Tests.TestDoubles;
using Xunit;
using static OciMirror.Core.Tests.Archive.ArchiveExportKit;

namespace OciMirror.Core.Tests.Operations
{
    /// <summary>A corrupt source blob and a cancelled export, written to archives.</summary>
    public sealed class ExportArchiveFailureTests : IDisposable
    {
        private readonly ArchiveExportKit _kit = new ArchiveExportKit();

        public void Dispose() => _kit.Dispose();

        [Theory]
        [InlineData("bundle.tar")]
        [InlineData("bundle.tgz")]
        public async Task CorruptSourceBlob_NothingOfItInTheArchive_ItsArtifactNotNamed_OthersFine(string file)
        {
            MemoryRepository app = _kit.Registry.Repository("registry.local/app");
            byte[] bad = app.Bytes(_kit.Big.Digest).ToArray();
            bad[bad.Length / 2] ^= 0xFF;
            app.PutRaw(_kit.Big, bad);
            var observer = new RecordingObserver();

            OperationSummary summary = await _kit.ExportAsync(new ExportRequest { References = All, BundlePath = _kit.PathOf(file) }, observer);

            Assert.Equal(3, summary.Copied);
            ArtifactResult failed = observer.ResultFor(App2);
            Assert.Equal(ArtifactStatus.Failed, failed.Status);
            Assert.Equal(OciErrorKind.DigestMismatch, failed.Error!.Kind);
            Assert.Equal(new[] { file }, Directory.GetFiles(_kit.Dir).Select(Path.GetFileName)); // the spool of the bad blob is gone
            List<ArchiveTestUtil.ReadEntry> entries = await ReadArchiveAsync(File.ReadAllBytes(_kit.PathOf(file)));
            AssertBundleOrder(entries);
            Assert.DoesNotContain(entries, e => e.Name.EndsWith(_kit.Big.Digest.Encoded, StringComparison.Ordinal));
            Assert.DoesNotContain(entries, e => e.Name.EndsWith(_kit.V2.Digest.Encoded, StringComparison.Ordinal));
            Dictionary<string, string> names = NamesOf(entries);
            Assert.Equal(new[] { App1, Multi, Other }.OrderBy(n => n), names.Keys.OrderBy(n => n));
        }

        [Theory]
        [InlineData("bundle.tar", false)]
        [InlineData("bundle.tgz", false)]
        [InlineData("bundle.tgz", true)]
        public async Task Cancelled_LeavesNoTemporaryFile_AndNoArchiveOrTheOldOneUnderTheFinalName(string file, bool existing)
        {
            byte[]? before = null;
            if (existing)
            {
                await _kit.ExportAsync(file, App1);
                before = File.ReadAllBytes(_kit.PathOf(file));
            }

            using var cts = new CancellationTokenSource();
            MemoryRepository app = _kit.Registry.Repository("registry.local/app");
            int fetchesOfBig = 0;
            bool sawTemporaryArchive = false;
            app.BeforeFetch = async d =>
            {
                if (d.Digest == _kit.Big.Digest && Interlocked.Increment(ref fetchesOfBig) == 1)
                {
                    // Let the other blobs reach the archive first, so there is a temporary archive to clean up.
                    await Task.Delay(200);
                    sawTemporaryArchive = Directory.GetFiles(_kit.Dir, "." + file + ".*.tmp").Length == 1;
                    cts.Cancel();
                }
            };

            await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
                _kit.ExportAsync(new ExportRequest { References = All, BundlePath = _kit.PathOf(file), Concurrency = 2 }, null, cts.Token));

            Assert.True(sawTemporaryArchive);
            Assert.Equal(existing ? new[] { file } : Array.Empty<string>(), Directory.GetFiles(_kit.Dir).Select(Path.GetFileName));
            if (existing)
            {
                Assert.Equal(before, File.ReadAllBytes(_kit.PathOf(file)));
            }
        }
    }
}
