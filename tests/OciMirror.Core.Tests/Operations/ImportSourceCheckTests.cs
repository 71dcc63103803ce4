using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Content;
using OciMirror.Core.Errors;
using OciMirror.Core.Model;
using OciMirror.Core.Operations;
using OciMirror.Core.Tests.TestDoubles;
using Xunit;

namespace OciMirror.Core.Tests.Operations
{
    /// <summary>Issue 7.2: an import reads every blob of the bundle once per run, whatever the destination holds.</summary>
    public class ImportSourceCheckTests
    {
        private readonly MemoryTarget _bundle = new MemoryTarget();
        private readonly MemoryRegistry _registry = new MemoryRegistry();

        private Task<OperationSummary> ImportAsync() =>
            new ImportOperation(new ImportRequest { BundlePath = "/tmp/bundle", Destination = "registry.local", Concurrency = 4 }, _bundle, _bundle, _registry)
                .RunAsync(new RecordingObserver(), CancellationToken.None);

        [Fact]
        public async Task ANoOpReImport_HashesEachBundleBlobOnce()
        {
            Descriptor shared = Fixtures.Blob(_bundle, "shared");
            Descriptor a = Fixtures.SimpleImage(_bundle, "a", shared);
            Descriptor b = Fixtures.SimpleImage(_bundle, "b", shared);
            _bundle.AddEntry(new BundleEntry(a, "docker.io/library/one:1", "1"));
            _bundle.AddEntry(new BundleEntry(b, "docker.io/library/two:1", "1"));
            Assert.Equal(2, (await ImportAsync()).Copied);
            _bundle.Counts.Reset();

            OperationSummary again = await ImportAsync();

            Assert.Equal(2, again.Skipped);
            foreach (Digest blob in Fixtures.Graph(_bundle, a).Union(Fixtures.Graph(_bundle, b)).Where(d => d != a.Digest && d != b.Digest))
            {
                Assert.Equal(1, AccessCounts.Get(_bundle.Counts.Fetches, blob));
            }
        }

        [Fact]
        public async Task ABlobTheRegistryHasInAnotherRepository_IsCheckedInTheBundle_ForEveryRepository()
        {
            Descriptor shared = Fixtures.Blob(_bundle, "shared");
            Descriptor a = Fixtures.SimpleImage(_bundle, "a", shared);
            Descriptor b = Fixtures.SimpleImage(_bundle, "b", shared);
            _bundle.AddEntry(new BundleEntry(a, "docker.io/library/one:1", "1"));
            _bundle.AddEntry(new BundleEntry(b, "docker.io/library/two:1", "1"));
            _registry.Repository("registry.local/library/two").PutRaw(shared, _bundle.Bytes(shared.Digest)); // the registry holds the good blob
            byte[] corrupt = (byte[])_bundle.Bytes(shared.Digest).Clone();
            corrupt[0] ^= 0xFF;
            _bundle.PutRaw(shared, corrupt);

            OperationSummary summary = await ImportAsync();

            Assert.Equal(2, summary.Failed);
            Assert.All(summary.Results, r => Assert.Equal(OciErrorKind.DigestMismatch, r.Error!.Kind));
            Assert.All(summary.Results, r => Assert.Equal(shared.Digest.ToString(), r.Error!.Digest?.ToString()));
            Assert.Empty(_registry.Repository("registry.local/library/one").TagNames);
            Assert.Empty(_registry.Repository("registry.local/library/two").TagNames);
            Assert.False(_registry.Repository("registry.local/library/one").Has(a.Digest));
        }
    }
}
