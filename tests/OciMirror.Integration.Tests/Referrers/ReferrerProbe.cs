using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using OciMirror.Integration.Tests.Infrastructure;

namespace OciMirror.Integration.Tests.Referrers
{
    /// <summary>Raw-HTTP questions about referrers (the oracle side: no OciMirror code).</summary>
    public static class ReferrerProbe
    {
        private static readonly HttpClient Http = new HttpClient();

        /// <summary>
        /// The referrers of <paramref name="subject"/> as a client finds them: the referrers API of a registry
        /// that has it, else the index tagged <c>sha256-&lt;hex&gt;</c> (empty when absent). Each descriptor as listed.
        /// </summary>
        public static async Task<IReadOnlyList<JsonObject>> ListAsync(ITestRegistry registry, string repository, string subject)
        {
            string url = registry.HasReferrersApi
                ? $"http://{registry.Host}/v2/{repository}/referrers/{subject}"
                : $"http://{registry.Host}/v2/{repository}/manifests/sha256-{subject.Substring(7)}";
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.Accept.ParseAdd("application/vnd.oci.image.index.v1+json");
            using HttpResponseMessage response = await Http.SendAsync(request).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.NotFound && !registry.HasReferrersApi)
            {
                return Array.Empty<JsonObject>();
            }

            response.EnsureSuccessStatusCode();
            JsonObject index = JsonNode.Parse(await response.Content.ReadAsStringAsync().ConfigureAwait(false))!.AsObject();
            return index["manifests"]!.AsArray().Select(m => m!.AsObject()).ToList();
        }

        /// <summary>The digests <see cref="ListAsync"/> lists, sorted.</summary>
        public static async Task<IReadOnlyList<string>> DigestsAsync(ITestRegistry registry, string repository, string subject) =>
            (await ListAsync(registry, repository, subject).ConfigureAwait(false)).Select(m => (string)m["digest"]!).OrderBy(d => d, StringComparer.Ordinal).ToList();
    }
}
