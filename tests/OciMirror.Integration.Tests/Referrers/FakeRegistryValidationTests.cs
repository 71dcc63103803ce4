using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using OciMirror.Integration.Tests.Corpus;
using OciMirror.Integration.Tests.Infrastructure.Fake;
using Xunit;

namespace OciMirror.Integration.Tests.Referrers
{
    /// <summary>The fake registry refuses what a real one refuses, so that a client bug shows up against it too.</summary>
    public sealed class FakeRegistryValidationTests : IAsyncLifetime
    {
        private const string Repo = "check/repo";
        private readonly HttpClient _http = new HttpClient();
        private FakeRegistry _registry = null!;

        public async Task InitializeAsync()
        {
            _registry = await FakeRegistry.StartAsync(new FakeRegistryOptions { PageSize = 2 });
            _http.BaseAddress = _registry.BaseUri;
        }

        public async Task DisposeAsync()
        {
            _http.Dispose();
            await _registry.DisposeAsync();
        }

        [Fact]
        public async Task Upload_WithTheWrongDigest_IsRefused_AndNothingIsStored()
        {
            var blob = new CorpusContent(Encoding.UTF8.GetBytes("payload"), "application/octet-stream");
            Uri session = await StartAsync();

            using HttpResponseMessage put = await _http.PutAsync(new Uri(session + "?digest=sha256:" + new string('0', 64)), new ByteArrayContent(blob.Bytes));
            using HttpResponseMessage head = await _http.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"v2/{Repo}/blobs/{blob.Digest}"));

            Assert.Equal(HttpStatusCode.BadRequest, put.StatusCode);
            Assert.Contains("DIGEST_INVALID", await put.Content.ReadAsStringAsync());
            Assert.Equal(HttpStatusCode.NotFound, head.StatusCode);
        }

        [Fact]
        public async Task ChunkOutOfOrder_IsRefusedWith416_InOrderChunksAndRangeReadsWork()
        {
            byte[] bytes = Encoding.UTF8.GetBytes("0123456789");
            Uri session = await StartAsync();

            using HttpResponseMessage skipped = await PatchAsync(session, bytes, 5, 9);
            using HttpResponseMessage first = await PatchAsync(session, bytes, 0, 4);
            using HttpResponseMessage second = await PatchAsync(session, bytes, 5, 9);
            using HttpResponseMessage done = await _http.PutAsync(new Uri(session + "?digest=" + FakeHttp.Sha256(bytes)), new ByteArrayContent(Array.Empty<byte>()));
            var range = new HttpRequestMessage(HttpMethod.Get, $"v2/{Repo}/blobs/{FakeHttp.Sha256(bytes)}");
            range.Headers.Range = new RangeHeaderValue(6, null);
            using HttpResponseMessage part = await _http.SendAsync(range);

            Assert.Equal((HttpStatusCode)416, skipped.StatusCode);
            Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
            Assert.Equal("0-9", second.Headers.GetValues("Range").Single());
            Assert.Equal(HttpStatusCode.Created, done.StatusCode);
            Assert.Equal(HttpStatusCode.PartialContent, part.StatusCode);
            Assert.Equal("6789", await part.Content.ReadAsStringAsync());
        }

        [Fact]
        public async Task Manifest_RefusedForAMissingBlob_AWrongDigest_AndAContentTypeThatIsNotItsOwn()
        {
            string manifest = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"config\":{\"mediaType\":\"application/vnd.oci.empty.v1+json\",\"digest\":\"sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a\",\"size\":2},\"layers\":[]}";
            using HttpResponseMessage missing = await PutManifestAsync("v1", manifest, "application/vnd.oci.image.manifest.v1+json");
            await PushBlobAsync(Encoding.UTF8.GetBytes("{}"));
            using HttpResponseMessage wrongDigest = await PutManifestAsync("sha256:" + new string('1', 64), manifest, "application/vnd.oci.image.manifest.v1+json");
            using HttpResponseMessage wrongType = await PutManifestAsync("v1", manifest, "application/vnd.docker.distribution.manifest.v2+json");
            using HttpResponseMessage good = await PutManifestAsync("v1", manifest, "application/vnd.oci.image.manifest.v1+json");
            var notAccepted = new HttpRequestMessage(HttpMethod.Get, $"v2/{Repo}/manifests/v1");
            notAccepted.Headers.Accept.ParseAdd("application/vnd.docker.distribution.manifest.v2+json");
            using HttpResponseMessage refusedGet = await _http.SendAsync(notAccepted);

            Assert.Contains("MANIFEST_BLOB_UNKNOWN", await missing.Content.ReadAsStringAsync());
            Assert.Contains("DIGEST_INVALID", await wrongDigest.Content.ReadAsStringAsync());
            Assert.Contains("MANIFEST_INVALID", await wrongType.Content.ReadAsStringAsync());
            Assert.Equal(HttpStatusCode.Created, good.StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, refusedGet.StatusCode);
        }

        [Fact]
        public async Task Referrers_FilteredByArtifactType_Paged_AndAcknowledgedOnPush()
        {
            var set = new SignedImageSet();
            await SignedSetPush.PushAsync(_registry, set.Uploads(tagSchema: false).Where(u => u.Repository == SignedImageSet.App).ToList());
            var extra = set.NewSignature("a third referrer");
            await SignedSetPush.PushAsync(_registry, extra.Blobs.Select(b => new CorpusUpload(SignedImageSet.App, b, false, null)).ToList());
            using HttpResponseMessage push = await PutManifestAsync(extra.Manifest.Digest, Encoding.UTF8.GetString(extra.Manifest.Bytes), extra.Manifest.MediaType, SignedImageSet.App);

            (JsonObject firstPage, string? next) = await GetJsonAsync($"v2/{SignedImageSet.App}/referrers/{set.Image.Digest}", expectFilter: false);
            (JsonObject sboms, _) = await GetJsonAsync($"v2/{SignedImageSet.App}/referrers/{set.Image.Digest}?artifactType={Uri.EscapeDataString(SignedImageSet.SbomType)}", expectFilter: true);

            Assert.Equal(set.Image.Digest, push.Headers.GetValues("OCI-Subject").Single());
            Assert.Equal(2, firstPage["manifests"]!.AsArray().Count);
            Assert.NotNull(next);
            Assert.Equal(set.Sbom.Digest, (string?)sboms["manifests"]!.AsArray().Single()!["digest"]);
        }

        private async Task<(JsonObject Body, string? Next)> GetJsonAsync(string url, bool expectFilter)
        {
            using HttpResponseMessage r = await _http.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);
            Assert.Equal(expectFilter, r.Headers.Contains("OCI-Filters-Applied"));
            string? next = r.Headers.TryGetValues("Link", out var link) ? link.Single() : null;
            return (JsonNode.Parse(await r.Content.ReadAsStringAsync())!.AsObject(), next);
        }

        private async Task<Uri> StartAsync()
        {
            using HttpResponseMessage start = await _http.PostAsync($"v2/{Repo}/blobs/uploads/", null);
            Assert.Equal(HttpStatusCode.Accepted, start.StatusCode);
            return new Uri(_http.BaseAddress!, start.Headers.Location!);
        }

        private Task<HttpResponseMessage> PatchAsync(Uri session, byte[] bytes, int from, int to)
        {
            var content = new ByteArrayContent(bytes, from, to - from + 1);
            content.Headers.TryAddWithoutValidation("Content-Range", $"{from}-{to}");
            return _http.PatchAsync(session, content);
        }

        private async Task PushBlobAsync(byte[] bytes)
        {
            Uri session = await StartAsync();
            using HttpResponseMessage done = await _http.PutAsync(new Uri(session + "?digest=" + FakeHttp.Sha256(bytes)), new ByteArrayContent(bytes));
            Assert.Equal(HttpStatusCode.Created, done.StatusCode);
        }

        private Task<HttpResponseMessage> PutManifestAsync(string reference, string json, string contentType, string repository = Repo)
        {
            var content = new StringContent(json, Encoding.UTF8);
            content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
            return _http.PutAsync($"v2/{repository}/manifests/{reference}", content);
        }
    }
}
