using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Content;
using OciMirror.Core.Errors;
using OciMirror.Core.Model;
using OciMirror.Core.Registry;
using Xunit;
using static OciMirror.Core.Tests.Registry.FakeRegistryHandler;

namespace OciMirror.Core.Tests.Registry
{
    public class RegistryRepositoryReadTests
    {
        private const string ManifestPath = "/v2/team/app/manifests/";

        [Fact]
        public async Task Resolve_UsesOneHeadWithManifestAcceptAndReadsTheHeaders()
        {
            using var kit = new RegistryTestKit();
            byte[] manifest = RegistryTestKit.ManifestBytes();
            Digest digest = Digest.Compute(manifest);
            kit.Handler.On("HEAD", ManifestPath + "1.0", r => Bytes(200, manifest, MediaTypes.OciIndex, m => m.Headers.Add("Docker-Content-Digest", digest.ToString())));

            Descriptor resolved = await kit.Repository().ResolveAsync("1.0", CancellationToken.None);

            Assert.Equal(new Descriptor(MediaTypes.OciIndex, digest, manifest.Length), resolved);
            RecordedRequest head = Assert.Single(kit.Handler.Requests);
            Assert.Equal(MediaTypes.ManifestAccept.OrderBy(x => x), head.Accept.OrderBy(x => x));
            Assert.Equal(HttpVersion.Version11, head.Version);
        }

        [Fact]
        public async Task Resolve_FallsBackToGetWithoutDigestHeader_AndTheNextFetchIsServedFromCache()
        {
            using var kit = new RegistryTestKit();
            byte[] manifest = RegistryTestKit.ManifestBytes();
            kit.Handler.On("HEAD", ManifestPath + "latest", r => Bytes(200, Array.Empty<byte>(), MediaTypes.OciManifest));
            kit.Handler.On("GET", ManifestPath + "latest", r => Bytes(200, manifest, "application/json"));
            RegistryRepository repository = kit.Repository();

            Descriptor resolved = await repository.ResolveAsync("latest", CancellationToken.None);
            byte[] fetched = await repository.FetchAllAsync(resolved, CancellationToken.None);

            Assert.Equal(Digest.Compute(manifest), resolved.Digest);
            Assert.Equal(MediaTypes.OciManifest, resolved.MediaType); // from the document, not application/json
            Assert.Equal(manifest, fetched);
            Assert.Equal(2, kit.Handler.Requests.Count);
            Assert.All(kit.Handler.Requests, r => Assert.Contains(MediaTypes.OciIndex, r.Accept));
        }

        [Fact]
        public async Task Resolve_UnknownTag_IsNotFoundNamingTheReference()
        {
            using var kit = new RegistryTestKit();
            kit.Handler.On("HEAD", ManifestPath + "nope", r => Status(404));

            var e = await Assert.ThrowsAsync<OciException>(() => kit.Repository().ResolveAsync("nope", CancellationToken.None));

            Assert.Equal(OciErrorKind.NotFound, e.Kind);
            Assert.Equal("registry.test:5000/team/app:nope", e.Reference);
            Assert.Contains("registry.test:5000/team/app:nope", e.Message);
        }

        [Fact]
        public async Task FetchManifest_ByDigestSendsAccept()
        {
            using var kit = new RegistryTestKit();
            byte[] manifest = RegistryTestKit.ManifestBytes();
            var desc = Descriptor.FromBytes(MediaTypes.OciManifest, manifest);
            kit.Handler.On("GET", ManifestPath + desc.Digest, r => Bytes(200, manifest, MediaTypes.OciManifest));

            byte[] fetched = await kit.Repository().FetchAllAsync(desc, CancellationToken.None);

            Assert.Equal(manifest, fetched);
            Assert.Contains(MediaTypes.OciManifest, kit.Handler.Requests.Single().Accept);
        }

        [Fact]
        public async Task FetchBlob_StreamsTheBodyAndDisposingReleasesIt()
        {
            using var kit = new RegistryTestKit();
            Descriptor blob = RegistryTestKit.Blob("layer bytes");
            kit.Handler.On("GET", "/v2/team/app/blobs/" + blob.Digest, r => Bytes(200, Encoding.UTF8.GetBytes("layer bytes")));

            using Stream stream = await kit.Repository().FetchAsync(blob, CancellationToken.None);
            using var reader = new StreamReader(stream);

            Assert.Equal("layer bytes", await reader.ReadToEndAsync());
            Assert.Empty(kit.Handler.Requests.Single().Accept);
        }

        [Fact]
        public async Task FetchBlob_ContentLengthDifferentFromDescriptor_IsDigestMismatch()
        {
            using var kit = new RegistryTestKit();
            Descriptor blob = RegistryTestKit.Blob("layer bytes");
            kit.Handler.On("GET", "/v2/team/app/blobs/" + blob.Digest, r => Bytes(200, Encoding.UTF8.GetBytes("layer bytes plus")));

            var e = await Assert.ThrowsAsync<OciException>(() => kit.Repository().FetchAsync(blob, CancellationToken.None));

            Assert.Equal(OciErrorKind.DigestMismatch, e.Kind);
            Assert.Equal(blob.Digest, e.Digest);
        }

        [Fact]
        public async Task FetchBlob_RedirectToAnotherHost_NeverSendsTheRegistryAuthorization()
        {
            using var kit = new RegistryTestKit(RegistryTestKit.WithCredential("alice", "pw"));
            Descriptor blob = RegistryTestKit.Blob("layer");
            string path = "/v2/team/app/blobs/" + blob.Digest;
            kit.Handler.On("GET", path, r => r.Authorization == null
                ? Status(401, m => m.Headers.Add("WWW-Authenticate", "Basic realm=\"registry\""))
                : Status(307, m => m.Headers.Location = new Uri("https://storage.test/bucket/blob?X-Amz-Signature=sig123")), RegistryTestKit.Host);
            kit.Handler.On("GET", "/bucket/blob", r => Bytes(200, Encoding.UTF8.GetBytes("layer")), "storage.test");

            byte[] content = await kit.Repository().FetchAllAsync(blob, CancellationToken.None, 100);

            Assert.Equal("layer", Encoding.UTF8.GetString(content));
            Assert.NotNull(kit.Handler.Requests.Last(r => r.Uri.Host == "registry.test").Authorization);
            RecordedRequest storage = Assert.Single(kit.Handler.Requests, r => r.Uri.Host == "storage.test");
            Assert.Null(storage.Authorization);
            Assert.DoesNotContain("sig123", kit.Log.All);
        }

        [Fact]
        public async Task Exists_HeadIsTrueOn200AndFalseOn404()
        {
            using var kit = new RegistryTestKit();
            Descriptor present = RegistryTestKit.Blob("present");
            Descriptor absent = RegistryTestKit.Blob("absent");
            kit.Handler.On("HEAD", "/v2/team/app/blobs/" + present.Digest, r => Status(200));
            kit.Handler.On("HEAD", "/v2/team/app/blobs/" + absent.Digest, r => Status(404));

            Assert.True(await kit.Repository().ExistsAsync(present, CancellationToken.None));
            Assert.False(await kit.Repository().ExistsAsync(absent, CancellationToken.None));
        }

        [Fact]
        public async Task Exists_ForManifestUsesTheManifestEndpoint()
        {
            using var kit = new RegistryTestKit();
            var manifest = Descriptor.FromBytes(MediaTypes.DockerManifest, RegistryTestKit.ManifestBytes());
            kit.Handler.On("HEAD", ManifestPath + manifest.Digest, r => Status(200));

            Assert.True(await kit.Repository().ExistsAsync(manifest, CancellationToken.None));
            Assert.Contains(MediaTypes.DockerManifest, kit.Handler.Requests.Single().Accept);
        }

        [Fact]
        public void GetRepository_ReturnsTheSameCapableInstancePerName()
        {
            using var kit = new RegistryTestKit();
            ITarget a = kit.Client.GetRepository(global::OciMirror.Core.References.Reference.Parse(RegistryTestKit.Host + "/team/app:1"));
            ITarget b = kit.Client.GetRepository(global::OciMirror.Core.References.Reference.Parse(RegistryTestKit.Host + "/team/app:2"));

            Assert.Same(a, b);
            Assert.IsAssignableFrom<ITagLister>(a);
            var mounter = Assert.IsAssignableFrom<IBlobMounter>(a);
            Assert.Equal(RegistryTestKit.Host, mounter.RegistryName);
            Assert.Equal("team/app", mounter.RepositoryName);
        }
    }
}
