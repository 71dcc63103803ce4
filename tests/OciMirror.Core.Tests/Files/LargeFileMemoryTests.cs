using System;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Artifacts;
using OciMirror.Core.Files;
using OciMirror.Core.Model;
using OciMirror.Core.Operations;
using OciMirror.Core.Tests.Archive;
using OciMirror.Core.Tests.TestDoubles;
using Xunit;
using Xunit.Abstractions;

namespace OciMirror.Core.Tests.Files
{
    /// <summary>
    /// DESIGN §6.4 for files as artifacts: pushing and pulling a 200 MiB file allocates buffers, never the file.
    /// Runs alone (it measures the process's allocations).
    /// </summary>
    [Collection(MemoryMeasurementCollection.Name)]
    public sealed class LargeFileMemoryTests : IDisposable
    {
        private const int MiB = 1024 * 1024;
        private const int SizeMiB = 200;
        private readonly string _dir = Path.Combine(Path.GetTempPath(), "ocimirror-bigfile-" + Guid.NewGuid().ToString("N"));
        private readonly ITestOutputHelper _output;

        public LargeFileMemoryTests(ITestOutputHelper output)
        {
            _output = output;
            Directory.CreateDirectory(_dir);
        }

        public void Dispose() => Directory.Delete(_dir, recursive: true);

        [Fact]
        public async Task Push_and_pull_of_a_200MiB_file_allocate_far_less_than_the_file()
        {
            string file = Path.Combine(_dir, "big.bin");
            var block = new byte[MiB];
            new Random(42).NextBytes(block);
            using (var stream = File.Create(file))
            {
                for (int i = 0; i < SizeMiB; i++)
                {
                    block[0] = (byte)i; // no two blocks alike
                    stream.Write(block, 0, block.Length);
                }
            }

            string bundle = "oci:" + Path.Combine(_dir, "bundle") + ":corp.local/big/file:v1";
            var registry = new MemoryRegistry();
            var push = new PushRequest { Destination = bundle, Files = new[] { new PushFile(file, "application/octet-stream", "big.bin") } };
            GC.Collect();
            long before = GC.GetTotalAllocatedBytes(precise: true);
            OperationSummary pushed = await new PushOperation(push, registry).RunAsync(new RecordingObserver(), CancellationToken.None);
            long pushAllocated = GC.GetTotalAllocatedBytes(precise: true) - before;

            string output = Path.Combine(_dir, "out");
            GC.Collect();
            before = GC.GetTotalAllocatedBytes(precise: true);
            PullResult pulled = await new PullOperation(new PullRequest { Source = bundle, OutputDirectory = output }, registry).RunAsync(new RecordingObserver(), CancellationToken.None);
            long pullAllocated = GC.GetTotalAllocatedBytes(precise: true) - before;

            _output.WriteLine($"push allocated {pushAllocated / 1024} KiB, pull allocated {pullAllocated / 1024} KiB for a {SizeMiB} MiB file");
            Assert.Equal(ArtifactStatus.Copied, Assert.Single(pushed.Results).Status);
            Assert.Null(pulled.Error);
            Assert.InRange(pushAllocated, 0, 16L * MiB); // < 8 % of the file: buffers only
            Assert.InRange(pullAllocated, 0, 16L * MiB);
            Descriptor original = await FileBlobs.DescribeAsync(file, "x/y", CancellationToken.None);
            Descriptor copy = await FileBlobs.DescribeAsync(Path.Combine(output, "big.bin"), "x/y", CancellationToken.None);
            Assert.Equal(original.Digest, copy.Digest);
            Assert.Equal((long)SizeMiB * MiB, copy.Size);
            Assert.DoesNotContain(Directory.GetFiles(output), f => f.EndsWith(".part", StringComparison.Ordinal));
        }
    }
}
