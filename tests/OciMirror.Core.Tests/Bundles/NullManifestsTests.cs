using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Model;
using OciMirror.Core.Operations;
using OciMirror.Core.Tests.TestDoubles;
using Xunit;

namespace OciMirror.Core.Tests.Bundles
{
    /// <summary>
    /// Issue 7 item 6: <c>"manifests": null</c> (Go's nil slice: umoci's fresh layout, docker save of an
    /// untagged image) is an empty list, not damage, in index.json and in a nested index.
    /// </summary>
    public class NullManifestsTests
    {
        private readonly RecordingObserver _observer = new RecordingObserver();

        /// <summary>What <c>umoci init</c> writes, byte for byte.</summary>
        private static readonly byte[] UmociFreshIndex = Encoding.ASCII.GetBytes("{\"schemaVersion\":2,\"manifests\":null}");

        public static IEnumerable<object[]> Forms() => new[] { BundleForm.Directory, BundleForm.TarFile, BundleForm.TgzFile, BundleForm.TarStream }.Select(f => new object[] { f });

        [Theory]
        [MemberData(nameof(Forms))]
        public async Task FreshLayoutWithNullManifests_VerifiesValid_ListsNothing_ImportsNothing(BundleForm form)
        {
            var b = new TestBundle { IndexOverride = UmociFreshIndex };

            using (var bundle = MaterializedBundle.Create(b, form))
            {
                BundleVerifyReport report = await new BundleVerifyOperation(new BundleRequest { BundlePath = bundle.Path, InputStream = bundle.Stream }).RunAsync(_observer, CancellationToken.None);
                Assert.True(report.IsValid, string.Join("; ", report.LayoutProblems));
                Assert.Empty(report.Artifacts);
            }

            using (var bundle = MaterializedBundle.Create(b, form))
            {
                IReadOnlyList<BundleArtifactInfo> list = await new BundleListOperation(new BundleRequest { BundlePath = bundle.Path, InputStream = bundle.Stream }).RunAsync(_observer, CancellationToken.None);
                Assert.Empty(list);
            }

            using (var bundle = MaterializedBundle.Create(b, form))
            {
                OperationSummary summary = await new ImportOperation(
                    new ImportRequest { BundlePath = bundle.Path, InputStream = bundle.Stream, Destination = "registry.local/mirror" },
                    new MemoryRegistry()).RunAsync(_observer, CancellationToken.None);
                Assert.Empty(summary.Results);
            }
        }

        [Theory]
        [MemberData(nameof(Forms))]
        public async Task NestedIndexWithNullManifests_IsAnEmptyIndex_NotDamage(BundleForm form)
        {
            var b = new TestBundle();
            Descriptor empty = Fixtures.Put(b.Content, MediaTypes.OciIndex, Encoding.ASCII.GetBytes("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"manifests\":null}"));
            Descriptor outer = Fixtures.Put(b.Content, MediaTypes.OciIndex, Encoding.ASCII.GetBytes(
                "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"manifests\":[" + Fixtures.Json(empty).ToString(Newtonsoft.Json.Formatting.None) + "]}"));
            b.AddRoot(outer, "docker.io/team/empty:1", "1");
            using var bundle = MaterializedBundle.Create(b, form);

            BundleVerifyReport report = await new BundleVerifyOperation(new BundleRequest { BundlePath = bundle.Path, InputStream = bundle.Stream }).RunAsync(_observer, CancellationToken.None);

            Assert.True(report.IsValid, string.Join("; ", report.LayoutProblems.Concat(report.BadBlobs.Select(p => p.Message))));
            Assert.True(report.Artifacts.Single().IsValid);
            Assert.Empty(ManifestInfo.Parse(empty, b.Content.Bytes(empty.Digest)).Children);
        }
    }
}
