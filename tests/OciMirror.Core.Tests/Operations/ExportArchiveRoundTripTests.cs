using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Archive;
using OciMirror.Core.Model;
using OciMirror.Core.Operations;
using OciMirror.Core.Tests.Archive;
using OciMirror.Core.Tests.TestDoubles;
using Xunit;
using static OciMirror.Core.Tests.Archive.ArchiveExportKit;

namespace OciMirror.Core.Tests.Operations
{
    /// <summary>What the archive writer produces, the archive reader imports: registry → tar/tgz/stream → registry, identical digests.</summary>
    public sealed class ExportArchiveRoundTripTests : System.IDisposable
    {
        private readonly ArchiveExportKit _kit = new ArchiveExportKit();

        public void Dispose() => _kit.Dispose();

        [Theory]
        [InlineData("bundle.tar", false)]
        [InlineData("bundle.tgz", false)]
        [InlineData("-", true)]
        public async Task ExportedArchive_ImportsWithIdenticalDigests_EachBlobPushedOnce(string file, bool stream)
        {
            var pipe = new MemoryStream();
            await _kit.ExportAsync(new ExportRequest
            {
                References = All,
                BundlePath = stream ? "-" : _kit.PathOf(file),
                OutputStream = stream ? pipe : null,
                Format = stream ? ArchiveFormat.TarGzip : (ArchiveFormat?)null,
            });
            var target = new MemoryRegistry();
            pipe.Position = 0;

            OperationSummary summary = await new ImportOperation(
                new ImportRequest { BundlePath = stream ? "-" : _kit.PathOf(file), InputStream = stream ? pipe : null, Destination = "mirror.local/copy" },
                target).RunAsync(new RecordingObserver(), CancellationToken.None);

            Assert.Equal(4, summary.Copied);
            Assert.Equal(_kit.V1.Digest, (await target.Repository("mirror.local/copy/app").ResolveAsync("1", default)).Digest);
            Assert.Equal(_kit.V2.Digest, (await target.Repository("mirror.local/copy/app").ResolveAsync("2", default)).Digest);
            Assert.Equal(_kit.OtherRoot.Digest, (await target.Repository("mirror.local/copy/other").ResolveAsync("latest", default)).Digest);
            Assert.Equal(_kit.MultiRoot.Digest, (await target.Repository("mirror.local/copy/multi").ResolveAsync("1", default)).Digest);
            Assert.Equal(_kit.Big.Digest, Digest.Compute(target.Repository("mirror.local/copy/app").Bytes(_kit.Big.Digest)));
            Assert.All(target.Counts.Pushes.Values, n => Assert.Equal(1, n));
        }
    }
}
