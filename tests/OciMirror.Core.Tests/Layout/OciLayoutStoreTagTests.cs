using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Newtonsoft.Json.Linq;
using OciMirror.Core.Content;
using OciMirror.Core.Errors;
using OciMirror.Core.Layout;
using OciMirror.Core.Model;
using Xunit;

namespace OciMirror.Core.Tests.Layout
{
    /// <summary>Writing names into index.json (DESIGN §4 "Names").</summary>
    public class OciLayoutStoreTagTests
    {
        private static readonly (byte[] Bytes, Descriptor Descriptor) A = LayoutFixture.Manifest("a");
        private static readonly (byte[] Bytes, Descriptor Descriptor) B = LayoutFixture.Manifest("b");

        [Fact]
        public async Task TagWritesContainerdNameAndTag()
        {
            using var fx = new LayoutFixture();
            using OciLayoutStore store = await CreateWith(fx, A);
            await store.TagAsync(A.Descriptor, "nginx:1.27", CancellationToken.None);

            JObject entry = (JObject)Manifests(fx).Single();
            Assert.Equal(MediaTypes.OciManifest, (string?)entry["mediaType"]);
            Assert.Equal(A.Descriptor.Digest.ToString(), (string?)entry["digest"]);
            Assert.Equal(A.Descriptor.Size, (long)entry["size"]!);
            Assert.Equal("docker.io/library/nginx:1.27", (string?)entry["annotations"]!["io.containerd.image.name"]);
            Assert.Equal("1.27", (string?)entry["annotations"]!["org.opencontainers.image.ref.name"]);

            BundleEntry listed = Assert.Single(await store.ListEntriesAsync(CancellationToken.None));
            Assert.Equal("docker.io/library/nginx:1.27", listed.FullName);
            Assert.Equal("1.27", listed.Tag);
            using OciLayoutStore reopened = await OciLayoutStore.OpenAsync(fx.Root, LayoutOpenMode.ReadOnly, CancellationToken.None);
            Assert.Equal(A.Descriptor, await reopened.ResolveAsync("docker.io/library/nginx:1.27", CancellationToken.None));
        }

        [Fact]
        public async Task DigestOnlyReferenceKeepsFullNameWithoutTag()
        {
            using var fx = new LayoutFixture();
            using OciLayoutStore store = await CreateWith(fx, A);
            string reference = "registry.example.com:5000/team/app@" + A.Descriptor.Digest;
            await store.TagAsync(A.Descriptor, reference, CancellationToken.None);

            JObject annotations = (JObject)Manifests(fx).Single()["annotations"]!;
            Assert.Equal(reference, (string?)annotations["io.containerd.image.name"]);
            Assert.Null(annotations["org.opencontainers.image.ref.name"]);
            BundleEntry listed = Assert.Single(await store.ListEntriesAsync(CancellationToken.None));
            Assert.Equal(reference, listed.FullName);
            Assert.Null(listed.Tag);
            Assert.Equal(A.Descriptor, await store.ResolveAsync(reference, CancellationToken.None));
        }

        [Fact]
        public async Task MovedTagReplacesItsEntry_EntriesSortedByName()
        {
            using var fx = new LayoutFixture();
            using OciLayoutStore store = await CreateWith(fx, A, B);
            await store.TagAsync(A.Descriptor, "nginx:1.27", CancellationToken.None);
            await store.TagAsync(A.Descriptor, "nginx:1.26", CancellationToken.None);
            await store.TagAsync(B.Descriptor, "docker.io/library/nginx:1.27", CancellationToken.None);

            IReadOnlyList<BundleEntry> entries = await store.ListEntriesAsync(CancellationToken.None);
            Assert.Equal(new[] { "docker.io/library/nginx:1.26", "docker.io/library/nginx:1.27" }, entries.Select(e => e.FullName));
            Assert.Equal(new[] { A.Descriptor.Digest, B.Descriptor.Digest }, entries.Select(e => e.Descriptor.Digest));
            Assert.Equal(2, Manifests(fx).Count);
        }

        [Fact]
        public async Task ForeignEntriesAndUnknownFieldsSurviveRewrite()
        {
            using var fx = new LayoutFixture();
            string foreign = "{\"mediaType\":\"" + MediaTypes.OciManifest + "\",\"digest\":\"" + B.Descriptor.Digest + "\",\"size\":" + B.Descriptor.Size
                + ",\"annotations\":{\"org.opencontainers.image.ref.name\":\"1.27\",\"org.opencontainers.image.created\":\"2024-01-02T03:04:05Z\"},\"x-vendor\":{\"k\":[1,2]}}";
            string index = "{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OciIndex + "\",\"manifests\":[" + foreign + "],"
                + "\"annotations\":{\"org.opencontainers.image.created\":\"2024-01-02T03:04:05Z\"},\"x-top\":true}";
            string dir = fx.WriteLayout("bundle", index, A.Bytes, B.Bytes);
            using OciLayoutStore store = await OciLayoutStore.OpenAsync(dir, LayoutOpenMode.CreateOrOpen, CancellationToken.None);
            await store.TagAsync(A.Descriptor, "nginx:1.27", CancellationToken.None);

            JObject written = LayoutFixture.ParseJson(File.ReadAllText(Path.Combine(dir, "index.json")));
            Assert.True(JToken.DeepEquals(LayoutFixture.ParseJson(foreign), written["manifests"]![0]), written.ToString());
            Assert.Equal("2024-01-02T03:04:05Z", (string?)written["annotations"]!["org.opencontainers.image.created"]);
            Assert.True((bool)written["x-top"]!);
            Assert.Contains("\"2024-01-02T03:04:05Z\"", File.ReadAllText(Path.Combine(dir, "index.json")));
            Assert.Equal(2, ((JArray)written["manifests"]!).Count);

            // The tag-only foreign entry and ours now share tag 1.27: a full name still picks ours.
            Assert.Equal(A.Descriptor, await store.ResolveAsync("docker.io/library/nginx:1.27", CancellationToken.None));
            OciException e = await Assert.ThrowsAsync<OciException>(() => store.ResolveAsync("1.27", CancellationToken.None));
            Assert.Equal(OciErrorKind.AmbiguousReference, e.Kind);
        }

        [Fact]
        public async Task TagReplacesACraneEntryWithTheSameFullName()
        {
            using var fx = new LayoutFixture();
            string dir = fx.WriteLayout("bundle", LayoutFixture.Index(
                LayoutFixture.Entry(B.Descriptor, "{\"org.opencontainers.image.ref.name\":\"index.docker.io/library/nginx:1.27\"}")), A.Bytes, B.Bytes);
            using OciLayoutStore store = await OciLayoutStore.OpenAsync(dir, LayoutOpenMode.CreateOrOpen, CancellationToken.None);
            await store.TagAsync(A.Descriptor, "nginx:1.27", CancellationToken.None);
            Assert.Equal(A.Descriptor, await store.ResolveAsync("nginx:1.27", CancellationToken.None));
            Assert.Single(Manifests(fx, "bundle"));
        }

        [Fact]
        public async Task TagKeepsOtherAnnotationsButNotTheSourceName()
        {
            using var fx = new LayoutFixture();
            using OciLayoutStore store = await CreateWith(fx, A);
            var annotated = A.Descriptor.WithAnnotations(new Dictionary<string, string>
            {
                ["org.opencontainers.image.ref.name"] = "old",
                ["io.containerd.image.name"] = "docker.io/library/old:old",
                ["org.opencontainers.image.created"] = "2024-01-02T03:04:05Z",
            });
            await store.TagAsync(annotated, "ghcr.io/acme/app:v1", CancellationToken.None);
            JObject annotations = (JObject)Manifests(fx).Single()["annotations"]!;
            Assert.Equal("v1", (string?)annotations["org.opencontainers.image.ref.name"]);
            Assert.Equal("ghcr.io/acme/app:v1", (string?)annotations["io.containerd.image.name"]);
            Assert.Equal("2024-01-02T03:04:05Z", (string?)annotations["org.opencontainers.image.created"]);
        }

        [Fact]
        public async Task TagOfMissingRootIsNotFoundAndInvalidReferenceIsRefused()
        {
            using var fx = new LayoutFixture();
            using OciLayoutStore store = await CreateWith(fx, A);
            OciException missing = await Assert.ThrowsAsync<OciException>(() => store.TagAsync(B.Descriptor, "nginx:1", CancellationToken.None));
            Assert.Equal(OciErrorKind.NotFound, missing.Kind);
            Assert.Contains(B.Descriptor.Digest.ToString(), missing.Message);
            OciException invalid = await Assert.ThrowsAsync<OciException>(() => store.TagAsync(A.Descriptor, "Not Valid", CancellationToken.None));
            Assert.Equal(OciErrorKind.InvalidReference, invalid.Kind);
            Assert.Empty(Manifests(fx));
        }

        [Fact]
        public async Task ConcurrentTagsAreNotLost()
        {
            using var fx = new LayoutFixture();
            using OciLayoutStore store = await CreateWith(fx, A);
            using OciLayoutStore second = await OciLayoutStore.OpenAsync(fx.Root, LayoutOpenMode.CreateOrOpen, CancellationToken.None);
            await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(() => (i % 2 == 0 ? store : second).TagAsync(A.Descriptor, "app:" + i, CancellationToken.None))));
            Assert.Equal(20, Manifests(fx).Count);
            using OciLayoutStore reopened = await OciLayoutStore.OpenAsync(fx.Root, LayoutOpenMode.ReadOnly, CancellationToken.None);
            Assert.Equal(Enumerable.Range(0, 20).Select(i => "docker.io/library/app:" + i).OrderBy(n => n), (await reopened.ListEntriesAsync(CancellationToken.None)).Select(e => e.FullName!).OrderBy(n => n));
            Assert.Empty(Directory.GetFiles(fx.Root, "*.tmp"));
        }

        private static async Task<OciLayoutStore> CreateWith(LayoutFixture fx, params (byte[] Bytes, Descriptor Descriptor)[] manifests)
        {
            OciLayoutStore store = await OciLayoutStore.OpenAsync(fx.Root, LayoutOpenMode.CreateOrOpen, CancellationToken.None);
            foreach (var m in manifests)
            {
                await store.PushAsync(m.Descriptor, new MemoryStream(m.Bytes), CancellationToken.None);
            }

            return store;
        }

        private static JArray Manifests(LayoutFixture fx, string? sub = null) =>
            (JArray)LayoutFixture.ParseJson(File.ReadAllText(sub == null ? fx.PathOf("index.json") : fx.PathOf(sub, "index.json")))["manifests"]!;
    }
}
