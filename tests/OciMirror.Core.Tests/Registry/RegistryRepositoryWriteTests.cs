using System;
using System.IO;
using System.Linq;
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
    public class RegistryRepositoryWriteTests
    {
        private const string Uploads = "/v2/team/app/blobs/uploads/";

        [Fact]
        public async Task PushBlob_Monolithic_PostThenOnePutWithDigestAndLength()
        {
            using var kit = new RegistryTestKit();
            byte[] data = Encoding.UTF8.GetBytes("monolithic blob");
            Descriptor blob = Descriptor.FromBytes(MediaTypes.OciLayerTarGzip, data);
            kit.Handler.On("POST", Uploads, r => Status(202, m => m.Headers.Location = new Uri("/v2/team/app/blobs/uploads/u1?_state=abc", UriKind.Relative)));
            kit.Handler.On("PUT", Uploads + "u1", r => Status(201));

            await kit.Repository().PushAsync(blob, new VerifyingReadStream(new MemoryStream(data), blob), CancellationToken.None);

            Assert.Equal(new[] { "POST", "PUT" }, kit.Handler.Requests.Select(r => r.Method));
            RecordedRequest put = kit.Handler.Requests[1];
            Assert.Equal("abc", put.Query("_state"));
            Assert.Equal(blob.Digest.ToString(), put.Query("digest"));
            Assert.Equal(data.Length, put.ContentLength);
            Assert.Equal(data, put.Body);
            Assert.False(put.ExpectContinue ?? false);
            Assert.Null(kit.Handler.Requests[0].Body);
        }

        [Fact]
        public async Task PushBlob_Chunked_PatchesWithContentRangeFollowingEachLocation()
        {
            using var kit = new RegistryTestKit(configure: o =>
            {
                o.ChunkedUploadThreshold = 8;
                o.UploadChunkSize = 4;
            });
            byte[] data = Encoding.UTF8.GetBytes("0123456789");
            Descriptor blob = Descriptor.FromBytes(MediaTypes.OciLayerTarGzip, data);
            kit.Handler.On("POST", Uploads, r => Status(202, m => m.Headers.Location = new Uri("/v2/team/app/blobs/uploads/s1?_state=1", UriKind.Relative)));
            kit.Handler.On("PATCH", Uploads + "s1", r => Status(202, m => m.Headers.Location = new Uri("http://registry.test:5000/v2/team/app/blobs/uploads/s2?_state=2")));
            kit.Handler.On("PATCH", Uploads + "s2", r => Status(202, m => m.Headers.Location = new Uri("s3?_state=3", UriKind.Relative)));
            kit.Handler.On("PATCH", Uploads + "s3", r => Status(202, m => m.Headers.Location = new Uri("/v2/team/app/blobs/uploads/s4?_state=4", UriKind.Relative)));
            kit.Handler.On("PUT", Uploads + "s4", r => Status(201));

            await kit.Repository().PushAsync(blob, new VerifyingReadStream(new MemoryStream(data), blob), CancellationToken.None);

            var patches = kit.Handler.Requests.Where(r => r.Method == "PATCH").ToList();
            Assert.Equal(new[] { "0-3", "4-7", "8-9" }, patches.Select(p => p.ContentRange));
            Assert.Equal(new[] { "1", "2", "3" }, patches.Select(p => p.Query("_state")));
            Assert.Equal(data, patches.SelectMany(p => p.Body!).ToArray());
            RecordedRequest close = kit.Handler.Requests.Last();
            Assert.Equal("PUT", close.Method);
            Assert.Equal("4", close.Query("_state"));
            Assert.Equal(blob.Digest.ToString(), close.Query("digest"));
            Assert.Equal(0, close.ContentLength);
        }

        [Fact]
        public async Task PushBlob_CorruptContent_FailsWithDigestMismatchBeforeTheBodyIsComplete()
        {
            using var kit = new RegistryTestKit();
            byte[] data = Encoding.UTF8.GetBytes("expected content");
            Descriptor blob = Descriptor.FromBytes(MediaTypes.OciLayerTarGzip, data);
            byte[] corrupt = (byte[])data.Clone();
            corrupt[3] ^= 1;
            kit.Handler.On("POST", Uploads, r => Status(202, m => m.Headers.Location = new Uri(Uploads + "u1", UriKind.Relative)));

            var e = await Assert.ThrowsAsync<OciException>(() =>
                kit.Repository().PushAsync(blob, new VerifyingReadStream(new MemoryStream(corrupt), blob), CancellationToken.None));

            Assert.Equal(OciErrorKind.DigestMismatch, e.Kind);
            // The fake records a request only after reading its whole body: the PUT body never completed.
            Assert.DoesNotContain(kit.Handler.Requests, r => r.Method == "PUT");
        }

        [Fact]
        public async Task PushBlob_ShortStream_IsDigestMismatch()
        {
            using var kit = new RegistryTestKit();
            Descriptor blob = RegistryTestKit.Blob("twelve bytes");
            kit.Handler.On("POST", Uploads, r => Status(202, m => m.Headers.Location = new Uri(Uploads + "u1", UriKind.Relative)));

            var e = await Assert.ThrowsAsync<OciException>(() =>
                kit.Repository().PushAsync(blob, new MemoryStream(Encoding.UTF8.GetBytes("twelve")), CancellationToken.None));

            Assert.Equal(OciErrorKind.DigestMismatch, e.Kind);
        }

        [Fact]
        public async Task PushManifest_ThenTag_PutsTheSameBytesWithoutFetching()
        {
            using var kit = new RegistryTestKit();
            byte[] manifest = RegistryTestKit.ManifestBytes();
            var desc = Descriptor.FromBytes(MediaTypes.OciManifest, manifest);
            kit.Handler.On("PUT", "/v2/team/app/manifests/" + desc.Digest, r => Status(201));
            kit.Handler.On("PUT", "/v2/team/app/manifests/v1", r => Status(201));
            RegistryRepository repository = kit.Repository();

            await repository.PushAsync(desc, new MemoryStream(manifest), CancellationToken.None);
            await repository.TagAsync(desc, "v1", CancellationToken.None);

            Assert.Equal(2, kit.Handler.Requests.Count);
            Assert.All(kit.Handler.Requests, r =>
            {
                Assert.Equal(manifest, r.Body);
                Assert.Equal(MediaTypes.OciManifest, r.ContentType);
            });
        }

        [Fact]
        public async Task Tag_UncachedManifest_IsFetchedByDigestFirst()
        {
            using var kit = new RegistryTestKit();
            byte[] manifest = RegistryTestKit.ManifestBytes("b");
            var desc = Descriptor.FromBytes(MediaTypes.OciIndex, manifest);
            kit.Handler.On("GET", "/v2/team/app/manifests/" + desc.Digest, r => Bytes(200, manifest, MediaTypes.OciIndex));
            kit.Handler.On("PUT", "/v2/team/app/manifests/stable", r => Status(201));

            await kit.Repository().TagAsync(desc, "stable", CancellationToken.None);

            Assert.Equal(manifest, kit.Handler.Requests.Last().Body);
            Assert.Equal(MediaTypes.OciIndex, kit.Handler.Requests.Last().ContentType);
        }

        [Fact]
        public async Task PushManifest_WrongBytes_SendsNothing()
        {
            using var kit = new RegistryTestKit();
            var desc = Descriptor.FromBytes(MediaTypes.OciManifest, RegistryTestKit.ManifestBytes("x"));

            var e = await Assert.ThrowsAsync<OciException>(() => kit.Repository().PushAsync(desc, new MemoryStream(RegistryTestKit.ManifestBytes("y")), CancellationToken.None));

            Assert.Equal(OciErrorKind.DigestMismatch, e.Kind);
            Assert.Empty(kit.Handler.Requests);
        }

        [Fact]
        public async Task Mount_201_IsTrue()
        {
            using var kit = new RegistryTestKit();
            Descriptor blob = RegistryTestKit.Blob("shared");
            kit.Handler.On("POST", Uploads, r => Status(201));

            Assert.True(await kit.Repository().MountAsync(blob, "other/base", CancellationToken.None));

            RecordedRequest post = kit.Handler.Requests.Single();
            Assert.Equal(blob.Digest.ToString(), post.Query("mount"));
            Assert.Equal("other/base", post.Query("from"));
        }

        [Fact]
        public async Task Mount_202_CancelsTheStartedUploadAndIsFalse()
        {
            using var kit = new RegistryTestKit();
            Descriptor blob = RegistryTestKit.Blob("shared");
            kit.Handler.On("POST", Uploads, r => Status(202, m => m.Headers.Location = new Uri(Uploads + "abandon?_state=z", UriKind.Relative)));
            kit.Handler.On("DELETE", Uploads + "abandon", r => Status(500));

            Assert.False(await kit.Repository().MountAsync(blob, "other/base", CancellationToken.None));

            RecordedRequest delete = Assert.Single(kit.Handler.Requests, r => r.Method == "DELETE");
            Assert.Equal("z", delete.Query("_state"));
        }

        [Fact]
        public async Task ListTags_FollowsLinkOverThreePages()
        {
            using var kit = new RegistryTestKit();
            kit.Handler.On("GET", "/v2/team/app/tags/list", r => r.Query("last") switch
            {
                "" => Json(200, "{\"name\":\"team/app\",\"tags\":[\"a\",\"b\"]}", m => m.Headers.TryAddWithoutValidation("Link", "</v2/team/app/tags/list?n=1000&last=b>; rel=\"next\"")),
                "b" => Json(200, "{\"name\":\"team/app\",\"tags\":[\"c\"]}", m => m.Headers.TryAddWithoutValidation("Link", "<http://registry.test:5000/v2/team/app/tags/list?last=c&n=1000>; rel=next")),
                "c" => Json(200, "{\"name\":\"team/app\",\"tags\":[\"d\"]}"),
                _ => throw new InvalidOperationException("unexpected page"),
            });

            var tags = await kit.Repository().ListTagsAsync(CancellationToken.None);

            Assert.Equal(new[] { "a", "b", "c", "d" }, tags);
            Assert.Equal("1000", kit.Handler.Requests[0].Query("n"));
            Assert.Equal(3, kit.Handler.Requests.Count);
        }

        [Fact]
        public async Task ListTags_UnknownRepository_IsNotFoundNamingIt()
        {
            using var kit = new RegistryTestKit();
            kit.Handler.On("GET", "/v2/team/app/tags/list", r => Error(404, "NAME_UNKNOWN", "repository name not known to registry"));

            var e = await Assert.ThrowsAsync<OciException>(() => kit.Repository().ListTagsAsync(CancellationToken.None));

            Assert.Equal(OciErrorKind.NotFound, e.Kind);
            Assert.Contains("NAME_UNKNOWN", e.RegistryErrorCodes);
            Assert.Contains("registry.test:5000/team/app", e.Message);
        }
    }
}
