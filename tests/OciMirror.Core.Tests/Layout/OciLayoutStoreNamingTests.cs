using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Content;
using OciMirror.Core.Errors;
using OciMirror.Core.Layout;
using OciMirror.Core.Model;
using Xunit;

namespace OciMirror.Core.Tests.Layout
{
    /// <summary>Reading index.json as each peer tool writes it (DESIGN §4 "Reading").</summary>
    public class OciLayoutStoreNamingTests
    {
        private static readonly (byte[] Bytes, Descriptor Descriptor) A = LayoutFixture.Manifest("a");
        private static readonly (byte[] Bytes, Descriptor Descriptor) B = LayoutFixture.Manifest("b");

        [Fact]
        public async Task SkopeoTagOnlyRefName()
        {
            using var fx = new LayoutFixture();
            string dir = fx.WriteLayout("skopeo", LayoutFixture.Index(LayoutFixture.Entry(A.Descriptor, "{\"org.opencontainers.image.ref.name\":\"1.27\"}")), A.Bytes);
            using OciLayoutStore store = await OciLayoutStore.OpenAsync(dir, LayoutOpenMode.ReadOnly, CancellationToken.None);
            BundleEntry entry = Assert.Single(await store.ListEntriesAsync(CancellationToken.None));
            Assert.Null(entry.FullName);
            Assert.Equal("1.27", entry.Tag);
            Assert.Equal(A.Descriptor, await store.ResolveAsync("1.27", CancellationToken.None));
            Assert.Equal(A.Descriptor, await store.ResolveAsync(string.Empty, CancellationToken.None));
            await AssertNotFound(store, "docker.io/library/nginx:1.27", "1.27");
        }

        [Fact]
        public async Task CraneAnnotateRefFullReferenceInRefName()
        {
            using var fx = new LayoutFixture();
            string dir = fx.WriteLayout("crane", LayoutFixture.Index(
                LayoutFixture.Entry(A.Descriptor, "{\"org.opencontainers.image.ref.name\":\"index.docker.io/library/nginx:1.27\"}"),
                LayoutFixture.Entry(B.Descriptor, "{\"org.opencontainers.image.ref.name\":\"ghcr.io/acme/tool:v2\"}")), A.Bytes, B.Bytes);
            using OciLayoutStore store = await OciLayoutStore.OpenAsync(dir, LayoutOpenMode.ReadOnly, CancellationToken.None);
            IReadOnlyList<BundleEntry> entries = await store.ListEntriesAsync(CancellationToken.None);
            Assert.Equal(new[] { "docker.io/library/nginx:1.27", "ghcr.io/acme/tool:v2" }, entries.Select(e => e.FullName));
            Assert.Equal(new[] { "1.27", "v2" }, entries.Select(e => e.Tag));
            Assert.Equal(A.Descriptor, await store.ResolveAsync("nginx:1.27", CancellationToken.None));
            Assert.Equal(B.Descriptor, await store.ResolveAsync("ghcr.io/acme/tool:v2", CancellationToken.None));
            Assert.Equal(B.Descriptor, await store.ResolveAsync("v2", CancellationToken.None));
        }

        [Theory]
        [InlineData("nginx:1.27", "docker.io/library/nginx:1.27", "1.27")]
        [InlineData("localhost:5000/app:v1", "localhost:5000/app:v1", "v1")]
        [InlineData("stable", null, "stable")]
        [InlineData("sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", null, null)]
        public async Task RefNameIsClassifiedAsFullReferenceTagOrNothing(string refName, string? fullName, string? tag)
        {
            using var fx = new LayoutFixture();
            string dir = fx.WriteLayout("bundle", LayoutFixture.Index(LayoutFixture.Entry(A.Descriptor, "{\"org.opencontainers.image.ref.name\":\"" + refName + "\"}")), A.Bytes);
            using OciLayoutStore store = await OciLayoutStore.OpenAsync(dir, LayoutOpenMode.ReadOnly, CancellationToken.None);
            BundleEntry entry = Assert.Single(await store.ListEntriesAsync(CancellationToken.None));
            Assert.Equal(fullName, entry.FullName);
            Assert.Equal(tag, entry.Tag);
        }

        [Fact]
        public async Task ReferenceWithColonIsNotMistakenForADigest()
        {
            using var fx = new LayoutFixture();
            string dir = fx.WriteLayout("bundle", LayoutFixture.Index(LayoutFixture.Entry(A.Descriptor, "{\"io.containerd.image.name\":\"docker.io/library/nginx:1\"}")), A.Bytes);
            using OciLayoutStore store = await OciLayoutStore.OpenAsync(dir, LayoutOpenMode.ReadOnly, CancellationToken.None);
            Assert.Equal(A.Descriptor, await store.ResolveAsync("nginx:1", CancellationToken.None));
            OciException e = await AssertNotFound(store, "nginx:2", "docker.io/library/nginx:1");
            Assert.Contains(dir, e.Message);
            Assert.DoesNotContain("blob", e.Message);
        }

        [Fact]
        public async Task DockerSaveContainerdImageNameWithExtraFiles()
        {
            using var fx = new LayoutFixture();
            string dir = fx.WriteLayout("docker", LayoutFixture.Index(LayoutFixture.Entry(
                A.Descriptor,
                "{\"io.containerd.image.name\":\"docker.io/library/nginx:1.27\",\"org.opencontainers.image.ref.name\":\"1.27\"}",
                MediaTypes.OciManifest)), A.Bytes);
            File.WriteAllText(Path.Combine(dir, "manifest.json"), "[{\"Config\":\"blobs/sha256/x\",\"RepoTags\":[\"nginx:1.27\"]}]");
            File.WriteAllText(Path.Combine(dir, "repositories"), "{\"nginx\":{\"1.27\":\"abc\"}}");
            using OciLayoutStore store = await OciLayoutStore.OpenAsync(dir, LayoutOpenMode.ReadOnly, CancellationToken.None);
            BundleEntry entry = Assert.Single(await store.ListEntriesAsync(CancellationToken.None));
            Assert.Equal("docker.io/library/nginx:1.27", entry.FullName);
            Assert.Equal("1.27", entry.Tag);
            Assert.Equal(A.Descriptor, await store.ResolveAsync("docker.io/library/nginx:1.27", CancellationToken.None));
            Assert.Equal(A.Descriptor, await store.ResolveAsync("nginx:1.27", CancellationToken.None));
            Assert.Equal(A.Descriptor, await store.ResolveAsync("index.docker.io/library/nginx:1.27", CancellationToken.None));
            Assert.Equal(A.Descriptor, await store.ResolveAsync("nginx@" + A.Descriptor.Digest, CancellationToken.None));
            await AssertNotFound(store, "nginx:1.26", "docker.io/library/nginx:1.27");
            await AssertNotFound(store, "busybox@" + A.Descriptor.Digest, "docker.io/library/nginx:1.27");
        }

        [Fact]
        public async Task UntaggedSingleRootResolvesWithoutNameAndMediaTypeComesFromBlob()
        {
            using var fx = new LayoutFixture();
            string entry = "{\"digest\":\"" + A.Descriptor.Digest + "\",\"size\":" + A.Descriptor.Size + "}";
            string dir = fx.WriteLayout("untagged", LayoutFixture.Index(entry), A.Bytes);
            using OciLayoutStore store = await OciLayoutStore.OpenAsync(dir, LayoutOpenMode.ReadOnly, CancellationToken.None);
            BundleEntry listed = Assert.Single(await store.ListEntriesAsync(CancellationToken.None));
            Assert.Null(listed.FullName);
            Assert.Null(listed.Tag);
            Descriptor root = await store.ResolveAsync(string.Empty, CancellationToken.None);
            Assert.Equal(MediaTypes.OciManifest, root.MediaType);
            Assert.Equal(A.Descriptor.Digest, root.Digest);
            Assert.Equal(A.Descriptor.Size, root.Size);
        }

        [Fact]
        public async Task AmbiguousNamesListTheCandidates()
        {
            using var fx = new LayoutFixture();
            string dir = fx.WriteLayout("docker", LayoutFixture.Index(
                LayoutFixture.Entry(A.Descriptor, "{\"io.containerd.image.name\":\"docker.io/library/nginx:latest\",\"org.opencontainers.image.ref.name\":\"latest\"}"),
                LayoutFixture.Entry(B.Descriptor, "{\"io.containerd.image.name\":\"docker.io/library/busybox:latest\",\"org.opencontainers.image.ref.name\":\"latest\"}"),
                LayoutFixture.Entry(B.Descriptor, "{\"io.containerd.image.name\":\"docker.io/library/busybox:1\",\"org.opencontainers.image.ref.name\":\"1\"}")), A.Bytes, B.Bytes);
            using OciLayoutStore store = await OciLayoutStore.OpenAsync(dir, LayoutOpenMode.ReadOnly, CancellationToken.None);
            foreach (string name in new[] { "latest", string.Empty })
            {
                OciException e = await Assert.ThrowsAsync<OciException>(() => store.ResolveAsync(name, CancellationToken.None));
                Assert.Equal(OciErrorKind.AmbiguousReference, e.Kind);
                Assert.Contains("docker.io/library/nginx:latest", e.Message);
                Assert.Contains("docker.io/library/busybox:latest", e.Message);
                Assert.Contains(A.Descriptor.Digest.ToString(), e.Message);
            }

            // One image under two names is not ambiguous, and a full name picks one root.
            Assert.Equal(B.Descriptor, await store.ResolveAsync("busybox", CancellationToken.None));
            Assert.Equal(A.Descriptor, await store.ResolveAsync("nginx", CancellationToken.None));
        }

        [Fact]
        public async Task DigestResolvesRootsAndChildManifestsButNotLayers()
        {
            using var fx = new LayoutFixture();
            byte[][] children = LayoutFixture.Children("b");
            string dir = fx.WriteLayout("bundle", LayoutFixture.Index(LayoutFixture.Entry(A.Descriptor, "{\"org.opencontainers.image.ref.name\":\"a\"}")), new[] { A.Bytes, B.Bytes }.Concat(children).ToArray());
            using OciLayoutStore store = await OciLayoutStore.OpenAsync(dir, LayoutOpenMode.ReadOnly, CancellationToken.None);
            Assert.Equal(A.Descriptor, await store.ResolveAsync(A.Descriptor.Digest.ToString(), CancellationToken.None));
            Assert.Equal(B.Descriptor, await store.ResolveAsync(B.Descriptor.Digest.ToString(), CancellationToken.None));
            await AssertNotFound(store, Digest.Compute(children[1]).ToString(), "not a manifest");
            await AssertNotFound(store, Digest.Compute(new byte[] { 1 }).ToString(), "a");
        }

        [Fact]
        public async Task NotFoundListsContentsTruncated()
        {
            using var fx = new LayoutFixture();
            string[] entries = Enumerable.Range(0, 25).Select(i => LayoutFixture.Entry(A.Descriptor, "{\"org.opencontainers.image.ref.name\":\"t" + i + "\"}")).ToArray();
            string dir = fx.WriteLayout("many", LayoutFixture.Index(entries), A.Bytes);
            using OciLayoutStore store = await OciLayoutStore.OpenAsync(dir, LayoutOpenMode.ReadOnly, CancellationToken.None);
            OciException e = await AssertNotFound(store, "nope", "t0, t1");
            Assert.Contains("15 more", e.Message);
            Assert.DoesNotContain("t24", e.Message);
        }

        private static async Task<OciException> AssertNotFound(OciLayoutStore store, string reference, string mention)
        {
            OciException e = await Assert.ThrowsAsync<OciException>(() => store.ResolveAsync(reference, CancellationToken.None));
            Assert.Equal(OciErrorKind.NotFound, e.Kind);
            Assert.Contains(reference, e.Message);
            Assert.Contains(mention, e.Message);
            return e;
        }
    }
}
