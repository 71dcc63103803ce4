using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;
using OciMirror.Integration.Tests.Infrastructure;

namespace OciMirror.Integration.Tests.Artifacts
{
    /// <summary>Raw-HTTP reads of manifests and blobs (the oracle side: never OciMirror code).</summary>
    public static class ArtifactProbe
    {
        private static readonly HttpClient Http = new HttpClient();

        /// <summary>The manifest or index bytes of <paramref name="reference"/>, asked with every manifest media type.</summary>
        public static async Task<byte[]> ManifestBytesAsync(string host, string repository, string reference)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"http://{host}/v2/{repository}/manifests/{reference}");
            foreach (string type in RegistryProbe.FullAccept.Split(", "))
            {
                request.Headers.Accept.Add(new System.Net.Http.Headers.MediaTypeWithQualityHeaderValue(type));
            }

            using HttpResponseMessage response = await Http.SendAsync(request);
            response.EnsureSuccessStatusCode();
            return await response.Content.ReadAsByteArrayAsync();
        }

        /// <summary>The parsed manifest or index.</summary>
        public static async Task<JsonElement> ManifestAsync(string host, string repository, string reference) =>
            JsonDocument.Parse(await ManifestBytesAsync(host, repository, reference)).RootElement.Clone();

        /// <summary>The bytes of a blob.</summary>
        public static async Task<byte[]> BlobAsync(string host, string repository, string digest)
        {
            using HttpResponseMessage response = await Http.GetAsync($"http://{host}/v2/{repository}/blobs/{digest}");
            response.EnsureSuccessStatusCode();
            return await response.Content.ReadAsByteArrayAsync();
        }

        /// <summary>The sha256 digest of <paramref name="bytes"/>, <c>sha256:hex</c>.</summary>
        public static string Sha256(byte[] bytes) => "sha256:" + System.Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(bytes)).ToLowerInvariant();
    }
}
