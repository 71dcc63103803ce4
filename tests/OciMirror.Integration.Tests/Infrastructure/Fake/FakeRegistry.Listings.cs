using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace OciMirror.Integration.Tests.Infrastructure.Fake
{
    public sealed partial class FakeRegistry
    {
        /// <summary>GET tags/list: sorted, at most n (and at most <see cref="FakeRegistryOptions.PageSize"/>) after <c>last</c>, Link to the next page.</summary>
        private async Task TagsAsync(HttpContext context, string name)
        {
            List<string>? tags;
            lock (_gate)
            {
                tags = Repository(name, create: false)?.Tags.Keys.ToList();
            }

            if (tags == null)
            {
                await FakeHttp.ErrorAsync(context, 404, "NAME_UNKNOWN", $"repository {name} unknown").ConfigureAwait(false);
                return;
            }

            string? last = context.Request.Query["last"];
            int size = int.TryParse(context.Request.Query["n"], out int n) ? Math.Min(n, Options.PageSize) : Options.PageSize;
            List<string> page = tags.Where(t => last == null || string.CompareOrdinal(t, last) > 0).Take(size).ToList();
            if (page.Count > 0 && tags.IndexOf(page[page.Count - 1]) < tags.Count - 1)
            {
                context.Response.Headers.Link = $"</v2/{name}/tags/list?n={size}&last={Uri.EscapeDataString(page[page.Count - 1])}>; rel=\"next\"";
            }

            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(new JsonObject { ["name"] = name, ["tags"] = new JsonArray(page.Select(t => (JsonNode?)t).ToArray()) }.ToJsonString()).ConfigureAwait(false);
        }

        /// <summary>
        /// GET referrers (spec "Listing Referrers"): an image index of the manifests of the repository whose
        /// subject is the digest, filtered by <c>artifactType</c> (then <c>OCI-Filters-Applied</c>), sorted by
        /// digest, paged with a Link header. Never 404: an unknown repository or subject lists nothing.
        /// </summary>
        private async Task ReferrersAsync(HttpContext context, string name, string subject)
        {
            if (!FakeHttp.IsDigest(subject))
            {
                await FakeHttp.ErrorAsync(context, 400, "DIGEST_INVALID", $"'{subject}' is not a digest").ConfigureAwait(false);
                return;
            }

            string? artifactType = Options.FilterReferrers ? context.Request.Query["artifactType"] : (string?)null;
            string? last = context.Request.Query["last"];
            List<FakeManifest> referrers;
            lock (_gate)
            {
                referrers = Repository(name, create: false)?.Manifests.Values.Where(m => m.Subject == subject).ToList() ?? new List<FakeManifest>();
            }

            List<FakeManifest> all = referrers
                .Where(m => string.IsNullOrEmpty(artifactType) || m.ArtifactType == artifactType)
                .OrderBy(m => m.Digest, StringComparer.Ordinal)
                .ToList();
            List<FakeManifest> page = all.Where(m => last == null || string.CompareOrdinal(m.Digest, last) > 0).Take(Options.PageSize).ToList();
            if (page.Count > 0 && all.IndexOf(page[page.Count - 1]) < all.Count - 1)
            {
                string filter = string.IsNullOrEmpty(artifactType) ? string.Empty : "&artifactType=" + Uri.EscapeDataString(artifactType);
                context.Response.Headers.Link = $"</v2/{name}/referrers/{subject}?last={page[page.Count - 1].Digest}{filter}>; rel=\"next\"";
            }

            if (!string.IsNullOrEmpty(artifactType))
            {
                context.Response.Headers["OCI-Filters-Applied"] = "artifactType";
            }

            var index = new JsonObject
            {
                ["schemaVersion"] = 2,
                ["mediaType"] = "application/vnd.oci.image.index.v1+json",
                ["manifests"] = new JsonArray(page.Select(m => (JsonNode?)m.ToDescriptor()).ToArray()),
            };
            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/vnd.oci.image.index.v1+json";
            await context.Response.WriteAsync(index.ToJsonString()).ConfigureAwait(false);
        }
    }
}
