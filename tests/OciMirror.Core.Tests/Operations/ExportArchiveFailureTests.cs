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
        [InlineData("bundle", false)]
        [InlineData("bundle", true)]
        public async Task Cancelled_TheBundleNamesWhatFinished_KeepsOldContent_LeavesNoTemporaryFile(string file, bool existing)
        {
            if (existing)
            {
                await _kit.ExportAsync(file, App1);
            }

            // App2 (with the big layer) starts once the three others have finished, and is stopped while it
            // downloads the big layer (held back before it copies anything: a fetch holds a concurrency slot).
            using var cts = new CancellationTokenSource();
            var othersDone = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            var observer = new RecordingObserver { BeforeShouldProcess = target => target == App2 ? othersDone.Task : Task.CompletedTask };
            observer.OnFinished = _ =>
            {
                if (observer.Finished.Count == 3)
                {
                    othersDone.TrySetResult(true);
                }
            };
            _kit.Registry.Repository("registry.local/app").BeforeFetch = d =>
            {
                if (d.Digest == _kit.Big.Digest)
                {
                    cts.Cancel();
                    throw new OperationCanceledException(cts.Token);
                }

                return Task.CompletedTask;
            };

            await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
                _kit.ExportAsync(new ExportRequest { References = All, BundlePath = _kit.PathOf(file), Concurrency = 3 }, observer, cts.Token));

            Assert.Equal(new[] { App1, Multi, Other }, observer.Completed.Where(r => r.Status != ArtifactStatus.Failed).Select(r => r.Input).OrderBy(n => n));
            Assert.Equal(new[] { file }, Directory.GetFileSystemEntries(_kit.Dir).Select(Path.GetFileName)); // no temporary archive, spool or lock file
            Dictionary<string, string> names = await NamesInBundleAsync(_kit.PathOf(file));
            Assert.Equal(new[] { App1, Multi, Other }, names.Keys.OrderBy(n => n));
            Assert.Equal(_kit.V1.Digest.ToString(), names[App1]);
        }
    }
}
