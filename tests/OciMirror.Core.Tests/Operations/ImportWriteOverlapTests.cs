using System.Collections.Concurrent;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Content;
using OciMirror.Core.Model;
using OciMirror.Core.Operations;
using OciMirror.Core.Tests.TestDoubles;
using Xunit;

namespace OciMirror.Core.Tests.Operations
{
    /// <summary>
    /// Issue 7.1 without a registry: the destination records every write of a manifest (a push, or a tag,
    /// which a registry performs as another PUT of the same bytes) that overlaps the push of a manifest
    /// referring to it, which distribution 2.8 refuses (it rewrites link files in place). Manifests that
    /// are both index.json entries and children of indexes or subjects of referrers, imported 40 times at
    /// concurrency 4: no overlap, and each node is pushed once per repository.
    /// </summary>
    public class ImportWriteOverlapTests
    {
        [Fact]
        public async Task AManifestIsNeverWritten_WhileAParentReferringToItIsPushed()
        {
            var bundle = new MemoryTarget();
            Descriptor shared = Fixtures.Blob(bundle, "shared");
            Descriptor amd64 = Fixtures.SimpleImage(bundle, "amd64", shared);
            Descriptor arm64 = Fixtures.SimpleImage(bundle, "arm64", shared);
            Descriptor inner = Fixtures.Index(bundle, false, (amd64, "linux/amd64"), (arm64, "linux/arm64"));
            Descriptor extra = Fixtures.SimpleImage(bundle, "extra", shared);
            Descriptor outer = Fixtures.Index(bundle, false, (inner, "linux/amd64"), (extra, "linux/s390x"));
            Descriptor signature = Fixtures.Image(bundle, Fixtures.Config(bundle, "sig", MediaTypes.OciEmpty), new[] { Fixtures.Blob(bundle, "sig-body", "application/vnd.example.sig") }, subject: amd64, artifactType: "application/vnd.example.sig");
            Descriptor sbom = Fixtures.Image(bundle, Fixtures.Config(bundle, "sbom", MediaTypes.OciEmpty), new[] { Fixtures.Blob(bundle, "sbom-body", "application/vnd.example.sbom") }, subject: inner, artifactType: "application/vnd.example.sbom");
            const string app = "docker.io/library/app";
            bundle.AddEntry(new BundleEntry(outer, app + ":outer", "outer"));
            bundle.AddEntry(new BundleEntry(inner, app + ":multi", "multi"));
            bundle.AddEntry(new BundleEntry(amd64, app + ":amd64", "amd64"));
            bundle.AddEntry(new BundleEntry(arm64, app + ":arm64", "arm64"));
            bundle.AddEntry(new BundleEntry(extra, app + ":extra", "extra"));
            bundle.AddEntry(new BundleEntry(signature, app, null));
            bundle.AddEntry(new BundleEntry(sbom, app, null));

            for (int run = 0; run < 40; run++)
            {
                var registry = new MemoryRegistry();
                MemoryRepository repository = registry.Repository("registry.local/run/library/app");
                var writing = new ConcurrentDictionary<Digest, int>();
                var overlaps = new ConcurrentQueue<string>();

                async Task WriteAsync(Descriptor written, string how)
                {
                    if (!MediaTypes.IsManifestOrIndex(written.MediaType))
                    {
                        return;
                    }

                    writing.AddOrUpdate(written.Digest, 1, (_, n) => n + 1);
                    foreach (Descriptor child in ManifestInfo.Parse(written, bundle.Bytes(written.Digest)).Children)
                    {
                        if (writing.TryGetValue(child.Digest, out int n) && n > 0)
                        {
                            overlaps.Enqueue($"{how} of {written.Digest} while its child {child.Digest} was written");
                        }
                    }

                    await Task.Delay(1);
                    writing.AddOrUpdate(written.Digest, 0, (_, n) => n - 1);
                }

                repository.BeforePush = d => WriteAsync(d, "push");
                repository.BeforeTag = (d, tag) => WriteAsync(d, "tag " + tag);
                var request = new ImportRequest { BundlePath = "/tmp/bundle", Destination = "registry.local/run", Concurrency = 4 };

                OperationSummary summary = await new ImportOperation(request, bundle, bundle, registry).RunAsync(new RecordingObserver(), CancellationToken.None);

                Assert.Equal(7, summary.Copied);
                Assert.Empty(overlaps);
                Assert.All(repository.Counts.Pushes, p => Assert.Equal(1, p.Value));
            }
        }
    }
}
