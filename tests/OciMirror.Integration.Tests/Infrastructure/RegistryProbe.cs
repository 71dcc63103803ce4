using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace OciMirror.Integration.Tests.Infrastructure
{
    /// <summary>Raw-HTTP questions to a registry (the oracle side of the tests; never OciMirror code).</summary>
    public static class RegistryProbe
    {
        /// <summary>Every manifest media type, so the registry never converts or refuses.</summary>
        public const string FullAccept =
            "application/vnd.oci.image.index.v1+json, application/vnd.oci.image.manifest.v1+json, " +
            "application/vnd.docker.distribution.manifest.list.v2+json, application/vnd.docker.distribution.manifest.v2+json";

        private static readonly HttpClient Http = new HttpClient();

        /// <summary>HEAD the manifest with the full Accept header: the Docker-Content-Digest, or null on 404.</summary>
        public static async Task<string?> ManifestDigestAsync(string host, string repository, string reference, CancellationToken cancellationToken = default)
        {
            using var request = new HttpRequestMessage(HttpMethod.Head, $"http://{host}/v2/{repository}/manifests/{reference}");
            foreach (string type in FullAccept.Split(", "))
            {
                request.Headers.Accept.Add(new System.Net.Http.Headers.MediaTypeWithQualityHeaderValue(type));
            }

            using HttpResponseMessage response = await Http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                return null;
            }

            response.EnsureSuccessStatusCode();
            return response.Headers.TryGetValues("Docker-Content-Digest", out var values) ? values.First() : null;
        }

        /// <summary>The tags of a repository (empty when the repository does not exist).</summary>
        public static async Task<IReadOnlyList<string>> TagsAsync(string host, string repository, CancellationToken cancellationToken = default)
        {
            using HttpResponseMessage response = await Http.GetAsync($"http://{host}/v2/{repository}/tags/list", cancellationToken).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                return Array.Empty<string>();
            }

            response.EnsureSuccessStatusCode();
            using JsonDocument doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
            return doc.RootElement.TryGetProperty("tags", out JsonElement tags) && tags.ValueKind == JsonValueKind.Array
                ? tags.EnumerateArray().Select(t => t.GetString()!).ToList()
                : (IReadOnlyList<string>)Array.Empty<string>();
        }

        /// <summary>The repositories of a registry (<c>GET /v2/_catalog</c>).</summary>
        public static async Task<IReadOnlyList<string>> CatalogAsync(string host, CancellationToken cancellationToken = default)
        {
            string json = await Http.GetStringAsync($"http://{host}/v2/_catalog?n=1000", cancellationToken).ConfigureAwait(false);
            using var document = System.Text.Json.JsonDocument.Parse(json);
            return document.RootElement.GetProperty("repositories").EnumerateArray().Select(e => e.GetString()!).ToList();
        }
    }
}
