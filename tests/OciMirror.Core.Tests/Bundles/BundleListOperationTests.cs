using System.Collections.Generic;
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
    public class BundleListOperationTests
    {
        private readonly RecordingObserver _log = new RecordingObserver();

        private static long SizeOf(TestBundle b, Descriptor root) => Fixtures.Graph(b.Content, root).Sum(d => (long)b.Content.Bytes(d).Length);

        [Theory]
        [InlineData(BundleForm.Directory)]
        [InlineData(BundleForm.TarFile)]
        [InlineData(BundleForm.TgzFile)]
        [InlineData(BundleForm.TarStream)]
        [InlineData(BundleForm.TgzStream)]
        [InlineData(BundleForm.ZstFile)]
        [InlineData(BundleForm.ZstStream)]
        public async Task ListsEveryRoot_WithNamesSelectorMediaTypePlatformsAndSize(BundleForm form)
        {
            var b = new TestBundle();
            Descriptor shared = Fixtures.Blob(b.Content, "shared");
            Descriptor nginx = b.AddImage("nginx", "docker.io/library/nginx:1.27", "1.27", shared);
            Descriptor tagOnly = b.AddImage("app", null, "1.27", shared);
            Descriptor untagged = b.AddImage("lonely", null, null);
            Descriptor amd = Fixtures.SimpleImage(b.Content, "amd");
            Descriptor arm = Fixtures.SimpleImage(b.Content, "arm");
            Descriptor index = Fixtures.Index(b.Content, false, (amd, "linux/amd64"), (arm, "linux/arm64/v8"));
            b.AddRoot(index, "registry.example/multi:2", "2");
            using var bundle = MaterializedBundle.Create(b, form);

            IReadOnlyList<BundleArtifactInfo> list = await new BundleListOperation(new BundleRequest { BundlePath = bundle.Path, InputStream = bundle.Stream }).RunAsync(_log, CancellationToken.None);

            Assert.Equal(4, list.Count);
            BundleArtifactInfo n = list[0];
            Assert.Equal(("docker.io/library/nginx:1.27", "1.27", "docker.io/library/nginx:1.27"), (n.FullName, n.Tag, n.Reference));
            Assert.Equal(nginx.Digest.ToString(), n.Digest);
            Assert.Equal(MediaTypes.OciManifest, n.MediaType);
            Assert.Empty(n.Platforms);
            Assert.Equal(SizeOf(b, nginx), n.Size);
            // "1.27" also names nginx, so the digest is the selector that picks the tag-only entry alone.
            Assert.Equal((null, "1.27", tagOnly.Digest.ToString()), (list[1].FullName, list[1].Tag, list[1].Reference));
            Assert.Equal((null, null, untagged.Digest.ToString()), (list[2].FullName, list[2].Tag, list[2].Reference));
            Assert.Equal(SizeOf(b, untagged), list[2].Size);
            Assert.Equal(new[] { "linux/amd64", "linux/arm64/v8" }, list[3].Platforms);
            Assert.Equal(MediaTypes.OciIndex, list[3].MediaType);
            Assert.Equal(SizeOf(b, index), list[3].Size);
            Assert.All(list, info => Assert.Single(list, other => BundleSelection.Matches(new OciMirror.Core.Content.BundleEntry(new Descriptor(other.MediaType, Digest.Parse(other.Digest), 1), other.FullName, other.Tag), info.Reference)));
        }

        [Fact]
        public async Task SizeCountsOnlyWhatTheBundleHolds()
        {
            var b = new TestBundle();
            Descriptor root = b.AddImage("app", "docker.io/team/app:1", "1");
            Descriptor missing = ManifestInfo.Parse(root, b.Content.Bytes(root.Digest)).Children[1];
            b.Blobs.Remove(b.Blob(missing.Digest));
            using var bundle = MaterializedBundle.Create(b, BundleForm.TgzStream);

            IReadOnlyList<BundleArtifactInfo> list = await new BundleListOperation(new BundleRequest { BundlePath = bundle.Path, InputStream = bundle.Stream }).RunAsync(_log, CancellationToken.None);

            Assert.Equal(SizeOf(b, root) - missing.Size, list.Single().Size);
        }

        [Fact]
        public async Task NotABundle_Throws()
        {
            using var dir = MaterializedBundle.FromBytes(new byte[] { 1, 2, 3 }, BundleForm.TarFile, "x.bin");
            OciException e = await Assert.ThrowsAsync<OciException>(() => new BundleListOperation(new BundleRequest { BundlePath = dir.Path }).RunAsync(_log, CancellationToken.None));
            Assert.Equal(OciErrorKind.InvalidLayout, e.Kind);
            e = await Assert.ThrowsAsync<OciException>(() => new BundleListOperation(new BundleRequest { BundlePath = dir.Directory }).RunAsync(_log, CancellationToken.None));
            Assert.Contains("oci-layout", e.Message);
        }
    }
}
