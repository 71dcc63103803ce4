using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Errors;
using OciMirror.Core.Model;
using OciMirror.Core.Operations;
using OciMirror.Core.Tests.TestDoubles;
using Xunit;

namespace OciMirror.Core.Tests.Bundles
{
    /// <summary>Import from a .tar (indexed, read in place), a .tgz and a stream (one pass through staging).</summary>
    public class ArchiveImportTests
    {
        private readonly MemoryRegistry _registry = new MemoryRegistry();
        private readonly RecordingObserver _observer = new RecordingObserver();

        internal Task<OperationSummary> Import(MaterializedBundle bundle, string destination = "registry.local/mirror", string? staging = null, params string[] filters) =>
            new ImportOperation(
                new ImportRequest { BundlePath = bundle.Path, InputStream = bundle.Stream, Destination = destination, StagingRepository = staging, References = filters },
                _registry).RunAsync(_observer, CancellationToken.None);

        [Theory]
        [InlineData(BundleForm.TarFile)]
        [InlineData(BundleForm.TgzFile)]
        [InlineData(BundleForm.TarStream)]
        [InlineData(BundleForm.TgzStream)]
        [InlineData(BundleForm.ZstFile)]
        [InlineData(BundleForm.ZstStream)]
        [InlineData(BundleForm.Directory)]
        public async Task EveryForm_ImportsWithIdenticalDigests_TagsLast_AndExtractsNothing(BundleForm form)
        {
            var b = new TestBundle();
            Descriptor shared = Fixtures.Blob(b.Content, "shared base layer");
            Descriptor nginx = b.AddImage("nginx", "docker.io/library/nginx:1.27", "1.27", shared);
            Descriptor redis = b.AddImage("redis", "docker.io/library/redis:7", "7", shared);
            Descriptor big = b.AddLargeImage("big", 5 * 1024 * 1024 + 17);
            using var bundle = MaterializedBundle.Create(b, form);
            string[] before = bundle.Files();

            OperationSummary summary = await Import(bundle);

            Assert.Equal(3, summary.Copied);
            foreach ((Descriptor root, string repo, string tag) in new[] { (nginx, "library/nginx", "1.27"), (redis, "library/redis", "7"), (big, "library/big", "1") })
            {
                MemoryRepository r = _registry.Repository("registry.local/mirror/" + repo);
                Assert.Equal(root.Digest, (await r.ResolveAsync(tag, default)).Digest);
                Assert.All(Fixtures.Graph(b.Content, root), d => Assert.Equal(b.Content.Bytes(d), r.Bytes(d)));
                Assert.Equal("tag:" + tag, r.Events.Last());
            }

            Assert.Equal(before, bundle.Files()); // nothing extracted, no temporary files
        }

        [Theory]
        [InlineData(BundleForm.TgzStream, true)]
        [InlineData(BundleForm.TgzFile, false)]
        public async Task StreamImport_StagesBlobs_MountsThemIntoTargets_OrCopiesRegistrySide(BundleForm form, bool allowMount)
        {
            _registry.AllowMount = allowMount;
            var b = new TestBundle();
            Descriptor root = b.AddImage("app", "docker.io/team/app:v1", "v1");
            using var bundle = MaterializedBundle.Create(b, form);

            await Import(bundle);

            MemoryRepository staging = _registry.Repository("registry.local/mirror/ocimirror-staging");
            MemoryRepository target = _registry.Repository("registry.local/mirror/team/app");
            ManifestInfo info = ManifestInfo.Parse(root, b.Content.Bytes(root.Digest));
            Assert.All(info.Children, c => Assert.True(staging.Has(c.Digest)));
            Assert.False(staging.Has(root.Digest)); // manifests are held in memory, pushed to the target only
            Assert.Empty(staging.TagNames);
            Assert.All(info.Children, c => Assert.Equal(allowMount ? 1 : 0, AccessCounts.Get(_registry.Counts.Mounts, c.Digest)));
            Assert.All(info.Children, c => Assert.Equal(allowMount ? 1 : 2, AccessCounts.Get(_registry.Counts.Pushes, c.Digest)));
            Assert.Equal(root.Digest, (await target.ResolveAsync("v1", default)).Digest);
            var (stagingTarget, action) = _observer.ShouldProcessCalls.First();
            Assert.Equal("registry.local/mirror", stagingTarget); // uploads go to the destination's repositories or to staging
            Assert.Contains("staging repository registry.local/mirror/ocimirror-staging", action);
        }

        [Fact]
        public async Task StagingRepository_DefaultsWithoutPrefix_AndCanBeChosen()
        {
            var b = new TestBundle();
            Descriptor root = b.AddImage("app", "docker.io/team/app:v1", "v1");
            using (var bundle = MaterializedBundle.Create(b, BundleForm.TarStream))
            {
                await Import(bundle, "registry.local");
            }

            Descriptor layer = ManifestInfo.Parse(root, b.Content.Bytes(root.Digest)).Children[1];
            Assert.True(_registry.Repository("registry.local/ocimirror-staging").Has(layer.Digest));
            using (var bundle = MaterializedBundle.Create(b, BundleForm.TarStream))
            {
                await Import(bundle, "registry2.local", "ops/incoming");
            }

            Assert.True(_registry.Repository("registry2.local/ops/incoming").Has(layer.Digest));
        }

        [Fact]
        public async Task StreamImport_DeclinedStaging_UploadsNothing_AndDeclinesEveryArtifact()
        {
            _observer.Answer = (_, _) => false;
            var b = new TestBundle();
            b.AddImage("app", "docker.io/team/app:v1", "v1");
            using var bundle = MaterializedBundle.Create(b, BundleForm.TgzStream);

            OperationSummary summary = await Import(bundle);

            Assert.Equal(1, summary.Declined);
            Assert.Equal(0, _registry.Counts.TotalPushes);
        }

        [Theory]
        [InlineData(BundleForm.TarStream)]
        [InlineData(BundleForm.TgzFile)]
        public async Task StreamImport_Filters_UseTheSameNamingAsTheDirectoryImport(BundleForm form)
        {
            var b = new TestBundle();
            Descriptor wanted = b.AddImage("nginx", "docker.io/library/nginx:1.27", "1.27");
            Descriptor unwanted = b.AddImage("redis", "docker.io/library/redis:7", "7");
            using var bundle = MaterializedBundle.Create(b, form);

            OperationSummary summary = await Import(bundle, "registry.local", null, "nginx:1.27");

            Assert.Equal(1, summary.Copied);
            Assert.True(_registry.Repository("registry.local/library/nginx").Has(wanted.Digest));
            Assert.False(_registry.Repository("registry.local/library/redis").Has(unwanted.Digest));
        }

        [Fact]
        public async Task NotAnArchive_IsRefusedNamingThePath()
        {
            using var bundle = MaterializedBundle.FromBytes(System.Text.Encoding.ASCII.GetBytes(new string('x', 2000)), BundleForm.TarFile, "notes.txt");

            OciException e = await Assert.ThrowsAsync<OciException>(() => Import(bundle));

            Assert.Equal(OciErrorKind.InvalidLayout, e.Kind);
            Assert.Contains("notes.txt", e.Message);
        }
    }
}
