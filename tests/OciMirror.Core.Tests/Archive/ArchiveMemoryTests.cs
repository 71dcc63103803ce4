using System;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Archive;
using OciMirror.Core.Operations;
using OciMirror.Core.Tests.TestDoubles;
using Xunit;
using Xunit.Abstractions;

namespace OciMirror.Core.Tests.Archive
{
    /// <summary>Runs alone: it measures the process's allocations, which other tests running in parallel would inflate.</summary>
    [CollectionDefinition(Name, DisableParallelization = true)]
    public sealed class MemoryMeasurementCollection
    {
        public const string Name = "Memory measurement";
    }

    /// <summary>DESIGN §6.4: memory is bounded by concurrency × buffer size, never by blob size.</summary>
    [Collection(MemoryMeasurementCollection.Name)]
    public sealed class ArchiveMemoryTests : IDisposable
    {
        private const long BlobSize = 200L * 1024 * 1024;
        private readonly string _dir = ArchiveTestUtil.TempDir();
        private readonly ITestOutputHelper _output;

        public ArchiveMemoryTests(ITestOutputHelper output) => _output = output;

        public void Dispose() => Directory.Delete(_dir, recursive: true);

        [Theory]
        [InlineData("big.tar")]
        [InlineData("big.tgz")]
        public async Task Export200MBBlob_AllocatesFarLessThanTheBlob(string file)
        {
            var source = new GeneratedRepository(BlobSize);
            string path = Path.Combine(_dir, file);
            var request = new ExportRequest { References = new[] { "registry.local/big:1" }, BundlePath = path };
            GC.Collect();
            long before = GC.GetTotalAllocatedBytes(precise: true);

            OperationSummary summary = await new ExportOperation(request, source).RunAsync(new RecordingObserver(), CancellationToken.None);

            long allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
            _output.WriteLine($"{file}: allocated {allocated / 1024} KiB for a {BlobSize / 1024 / 1024} MiB blob; {PeakRss()}");
            Assert.Equal(1, summary.Copied);
            Assert.InRange(allocated, 0, 16L * 1024 * 1024); // < 8 % of the blob: buffers only
            Assert.Equal(new[] { file }, Directory.GetFiles(_dir).Select(Path.GetFileName)); // the spool is gone
            Assert.InRange(new FileInfo(path).Length, BlobSize, BlobSize + (BlobSize / 500) + 10_000);

            // The big entry is there, whole and verified (read through the digest check, not into memory).
            Stream stream = File.OpenRead(path);
            if (file.EndsWith(".tgz", StringComparison.Ordinal))
            {
                stream = new MultiMemberGzipReadStream(stream);
            }

            using var reader = new TarReader(stream);
            TarEntry? entry;
            bool found = false;
            while ((entry = await reader.GetNextEntryAsync()) != null)
            {
                if (entry.Name == "blobs/sha256/" + source.Layer.Digest.Encoded)
                {
                    using var verified = new OciMirror.Core.Content.VerifyingReadStream(entry.DataStream, source.Layer);
                    await verified.CopyToAsync(Stream.Null);
                    found = true;
                }
            }

            Assert.True(found);
        }

        private static string PeakRss()
        {
            string status = "/proc/self/status";
            return File.Exists(status) ? File.ReadAllLines(status).FirstOrDefault(l => l.StartsWith("VmHWM", StringComparison.Ordinal)) ?? string.Empty : string.Empty;
        }
    }
}
