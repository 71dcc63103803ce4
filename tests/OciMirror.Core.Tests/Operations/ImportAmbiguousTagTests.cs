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
    /// <summary>
    /// Issue 7.3: two index.json entries that set one destination tag to different digests. The tag is
    /// refused naming both digests, neither is imported, the other entries are; the same every run.
    /// </summary>
    public class ImportAmbiguousTagTests
    {
        [Fact]
        public async Task OneTagForTwoDigests_IsRefusedNamingBoth_AndTheOthersImport_EveryRun()
        {
            var bundle = new MemoryTarget();
            Descriptor a = Fixtures.SimpleImage(bundle, "a");
            Descriptor b = Fixtures.SimpleImage(bundle, "b");
            Descriptor c = Fixtures.SimpleImage(bundle, "c");
            bundle.AddEntry(new BundleEntry(a, "docker.io/library/app:1.0", "1.0"));
            bundle.AddEntry(new BundleEntry(c, "docker.io/library/app:2.0", "2.0"));
            bundle.AddEntry(new BundleEntry(b, "app:1.0", "1.0")); // the same tag once normalized
            bundle.AddEntry(new BundleEntry(c, "docker.io/library/app:2.0", "2.0")); // an exact duplicate is one entry

            for (int run = 0; run < 20; run++)
            {
                var registry = new MemoryRegistry();
                var observer = new RecordingObserver();
                var request = new ImportRequest { BundlePath = "/tmp/bundle", Destination = "registry.local", Concurrency = 4 };

                OperationSummary summary = await new ImportOperation(request, bundle, bundle, registry).RunAsync(observer, CancellationToken.None);

                Assert.Equal(1, summary.Copied);
                Assert.Equal(2, summary.Failed);
                Assert.Equal(3, summary.Results.Count);
                foreach (ArtifactResult failed in summary.Results.Where(r => r.Status == ArtifactStatus.Failed))
                {
                    Assert.Equal(OciErrorKind.AmbiguousReference, failed.Error!.Kind);
                    Assert.Contains(a.Digest.ToString(), failed.Error.Message);
                    Assert.Contains(b.Digest.ToString(), failed.Error.Message);
                    Assert.Contains("registry.local/library/app:1.0", failed.Error.Message);
                    Assert.Equal("registry.local/library/app:1.0", failed.Destination);
                }

                MemoryRepository repository = registry.Repository("registry.local/library/app");
                Assert.Equal(new[] { "2.0" }, repository.TagNames);
                Assert.False(repository.Has(a.Digest) || repository.Has(b.Digest));
            }
        }
    }
}
