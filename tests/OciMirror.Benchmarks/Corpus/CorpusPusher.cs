using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Tasks;

namespace OciMirror.Benchmarks.Corpus
{
    /// <summary>
    /// Pushes the corpus with a minimal distribution-spec client of its own (monolithic blob PUT streamed
    /// from the generator, cross-repository mount for the shared layer, manifest PUT), independent of
    /// OciMirror so the measured tool never prepared its own input.
    /// </summary>
    internal sealed class CorpusPusher : IDisposable
    {
        private const string OciManifest = "application/vnd.oci.image.manifest.v1+json";
        private const string OciIndex = "application/vnd.oci.image.index.v1+json";
        private const string DockerManifest = "application/vnd.docker.distribution.manifest.v2+json";
        private const string DockerList = "application/vnd.docker.distribution.manifest.list.v2+json";

        private readonly HttpClient _http;
        private readonly Dictionary<string, string> _homes = new Dictionary<string, string>();

        public CorpusPusher(string host)
        {
            _http = new HttpClient { BaseAddress = new Uri("http://" + host + "/"), Timeout = TimeSpan.FromMinutes(10) };
        }

        public async Task PushAsync(BenchCorpus corpus)
        {
            foreach (ImageSpec image in corpus.Images)
            {
                await PushImageAsync(image);
            }

            foreach (IndexSpec index in corpus.Indexes)
            {
                var manifests = new JsonArray();
                foreach (ImageSpec child in index.Children)
                {
                    (string type, string digest, long size) = await PushImageAsync(child);
                    manifests.Add(new JsonObject
                    {
                        ["mediaType"] = type,
                        ["digest"] = digest,
                        ["size"] = size,
                        ["platform"] = new JsonObject { ["architecture"] = child.Architecture, ["os"] = "linux" },
                    });
                }

                string mediaType = index.Oci ? OciIndex : DockerList;
                var json = new JsonObject { ["schemaVersion"] = 2, ["mediaType"] = mediaType, ["manifests"] = manifests };
                await PutManifestAsync(index.Repository, index.Tag, mediaType, Encoding.UTF8.GetBytes(json.ToJsonString()));
            }
        }

        public void Dispose() => _http.Dispose();

        private async Task<(string MediaType, string Digest, long Size)> PushImageAsync(ImageSpec image)
        {
            var layers = new JsonArray();
            foreach (LayerSpec layer in image.Layers)
            {
                await PushLayerAsync(image.Repository, layer);
                string type = image.Oci ? "application/vnd.oci.image.layer.v1.tar+gzip" : "application/vnd.docker.image.rootfs.diff.tar.gzip";
                layers.Add(new JsonObject { ["mediaType"] = type, ["digest"] = layer.Digest, ["size"] = layer.Size });
            }

            var diffIds = new JsonArray(image.Layers.Select(l => (JsonNode?)JsonValue.Create(l.Digest)).ToArray());
            byte[] config = Encoding.UTF8.GetBytes(new JsonObject
            {
                ["architecture"] = image.Architecture,
                ["os"] = "linux",
                ["config"] = new JsonObject { ["Labels"] = new JsonObject { ["bench.image"] = image.Repository + ":" + (image.Tag ?? image.Architecture) } },
                ["rootfs"] = new JsonObject { ["type"] = "layers", ["diff_ids"] = diffIds },
            }.ToJsonString());
            string configType = image.Oci ? "application/vnd.oci.image.config.v1+json" : "application/vnd.docker.container.image.v1+json";
            string configDigest = await PushBytesAsync(image.Repository, config);
            string mediaType = image.Oci ? OciManifest : DockerManifest;
            var manifest = new JsonObject
            {
                ["schemaVersion"] = 2,
                ["mediaType"] = mediaType,
                ["config"] = new JsonObject { ["mediaType"] = configType, ["digest"] = configDigest, ["size"] = config.Length },
                ["layers"] = layers,
            };
            byte[] bytes = Encoding.UTF8.GetBytes(manifest.ToJsonString());
            string digest = DigestOf(bytes);
            await PutManifestAsync(image.Repository, image.Tag ?? digest, mediaType, bytes);
            return (mediaType, digest, bytes.Length);
        }

        private async Task PushLayerAsync(string repository, LayerSpec layer)
        {
            if (_homes.TryGetValue(layer.Digest, out string? home) && home != repository)
            {
                using HttpResponseMessage mount = await _http.PostAsync($"v2/{repository}/blobs/uploads/?mount={layer.Digest}&from={home}", null);
                if (mount.StatusCode == HttpStatusCode.Created)
                {
                    return;
                }
            }

            await UploadAsync(repository, layer.Digest, LayerGenerator.Content(layer));
            _homes[layer.Digest] = repository;
        }

        private async Task<string> PushBytesAsync(string repository, byte[] bytes)
        {
            string digest = DigestOf(bytes);
            await UploadAsync(repository, digest, new ByteArrayContent(bytes));
            return digest;
        }

        private async Task UploadAsync(string repository, string digest, HttpContent content)
        {
            using (content)
            {
                using HttpResponseMessage start = await _http.PostAsync($"v2/{repository}/blobs/uploads/", null);
                Expect(start, HttpStatusCode.Accepted, "start upload to " + repository);
                Uri location = start.Headers.Location!;
                var put = new UriBuilder(location.IsAbsoluteUri ? location : new Uri(_http.BaseAddress!, location));
                put.Query = (put.Query.Length > 1 ? put.Query.Substring(1) + "&" : string.Empty) + "digest=" + Uri.EscapeDataString(digest);
                content.Headers.ContentType ??= new MediaTypeHeaderValue("application/octet-stream");
                using HttpResponseMessage done = await _http.PutAsync(put.Uri, content);
                Expect(done, HttpStatusCode.Created, $"upload {digest} to {repository}");
            }
        }

        private async Task PutManifestAsync(string repository, string reference, string mediaType, byte[] bytes)
        {
            using var content = new ByteArrayContent(bytes);
            content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
            using HttpResponseMessage r = await _http.PutAsync($"v2/{repository}/manifests/{reference}", content);
            Expect(r, HttpStatusCode.Created, $"PUT manifest {repository}:{reference}");
        }

        private static void Expect(HttpResponseMessage response, HttpStatusCode expected, string what)
        {
            if (response.StatusCode != expected)
            {
                throw new InvalidOperationException($"{what}: expected {(int)expected}, got {(int)response.StatusCode}.");
            }
        }

        private static string DigestOf(byte[] bytes) => "sha256:" + Convert.ToHexString(SHA256.HashData(bytes)).ToLowerInvariant();
    }
}
