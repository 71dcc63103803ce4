using System.Linq;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Operations;
using OciMirror.Core.Registry;
using OciMirror.Integration.Tests.Infrastructure;
using OciMirror.Integration.Tests.Infrastructure.Security;
using Xunit;

namespace OciMirror.Integration.Tests.Engine
{
    /// <summary>
    /// Issue 7.1: a manifest that is both an index.json entry and a child of an index (or the subject of a
    /// referrer) in the same bundle must be written once per destination repository, and no manifest
    /// that refers to it may be pushed while it is being written (distribution 2.8 rewrites a manifest's
    /// link file in place on every PUT, by digest or by tag, so a parent pushed meanwhile reads an empty
    /// link: 400 DIGEST_INVALID / MANIFEST_BLOB_UNKNOWN).
    /// </summary>
    public sealed class ImportRaceTests
    {
        private const int Imports = 100;

        /// <summary>
        /// Nested indexes whose children are also tagged entries, referrers of a child and of an index
        /// listed untagged, imported fresh (a new prefix each time) at concurrency 4, 100 times: no failure.
        /// </summary>
        [Fact]
        public async Task NestedIndexesWhoseChildrenAreEntries_ImportWithoutARace()
        {
            await using RegistryInstance registry = await RegistryInstance.StartAsync();
            using var temp = new TempDirectory();
            string bundle = BuildLayout().WriteDirectory(temp.Combine("bundle"));
            for (int run = 0; run < Imports; run++)
            {
                var observer = new CapturingObserver();
                var request = new ImportRequest { BundlePath = bundle, Destination = registry.Host + "/run" + run, Concurrency = 4, Target = new RegistryAccessOptions { PlainHttp = true } };

                OperationSummary summary = await new ImportOperation(request).RunAsync(observer, CancellationToken.None);

                Assert.True(summary.Failed == 0, $"import {run + 1} of {Imports} failed:\n{observer.Text}");
                Assert.Equal(7, summary.Copied + summary.Skipped);
            }
        }

        /// <summary>
        /// Two images, an index over them, an index over that index and a third image, a referrer of one
        /// image and one of the inner index; every manifest is also an entry of index.json (the referrers
        /// by digest, under their subject's repository, as OciMirror names them).
        /// </summary>
        internal static TestLayout BuildLayout()
        {
            var layout = new TestLayout();
            JsonObject shared = layout.Add(TestLayout.OciLayer, "shared-base-layer");
            JsonObject amd64 = layout.Image("amd64", null, shared);
            JsonObject arm64 = layout.Image("arm64", null, shared);
            JsonObject inner = layout.Index((amd64, "linux/amd64"), (arm64, "linux/arm64"));
            JsonObject extra = layout.Image("extra", null, shared);
            JsonObject outer = layout.Index((inner, null), (extra, "linux/s390x"));
            JsonObject signature = layout.Referrer("signature", amd64);
            JsonObject sbom = layout.Referrer("sbom", inner);
            const string app = "docker.io/library/app";
            layout.Entry(outer, app + ":outer", "outer");
            layout.Entry(inner, app + ":multi", "multi");
            layout.Entry(amd64, app + ":amd64", "amd64");
            layout.Entry(arm64, app + ":arm64", "arm64");
            layout.Entry(extra, app + ":extra", "extra");
            layout.Entry(signature, app + "@" + TestLayout.DigestOf(signature), null);
            layout.Entry(sbom, app + "@" + TestLayout.DigestOf(sbom), null);
            return layout;
        }
    }
}
