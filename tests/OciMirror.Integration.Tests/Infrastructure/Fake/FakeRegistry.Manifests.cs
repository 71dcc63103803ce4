using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace OciMirror.Integration.Tests.Infrastructure.Fake
{
    public sealed partial class FakeRegistry
    {
        private static readonly Regex TagGrammar = new Regex("^[a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}$", RegexOptions.CultureInvariant);

        private async Task ManifestAsync(HttpContext context, string name, string reference, string method)
        {
            if (method == "GET" || method == "HEAD")
            {
                await GetManifestAsync(context, name, reference, method == "GET").ConfigureAwait(false);
            }
            else if (method == "PUT")
            {
                await PutManifestAsync(context, name, reference).ConfigureAwait(false);
            }
            else if (method == "DELETE")
            {
                await DeleteManifestAsync(context, name, reference).ConfigureAwait(false);
            }
            else
            {
                await FakeHttp.ErrorAsync(context, 405, "UNSUPPORTED", method + " is not allowed on manifests").ConfigureAwait(false);
            }
        }

        private async Task GetManifestAsync(HttpContext context, string name, string reference, bool withBody)
        {
            FakeManifest? manifest;
            lock (_gate)
            {
                FakeRepository? repository = Repository(name, create: false);
                string? digest = repository == null ? null : FakeHttp.IsDigest(reference) ? reference : repository.Tags.GetValueOrDefault(reference);
                manifest = digest == null ? null : repository!.Manifests.GetValueOrDefault(digest);
            }

            if (manifest == null)
            {
                await FakeHttp.ErrorAsync(context, 404, "MANIFEST_UNKNOWN", $"manifest {name}:{reference} unknown").ConfigureAwait(false);
                return;
            }

            // Like distribution: a client that does not accept the stored type does not get it.
            string[] accepted = context.Request.Headers.Accept.SelectMany(v => (v ?? string.Empty).Split(',')).Select(v => v.Split(';')[0].Trim()).Where(v => v.Length > 0).ToArray();
            if (accepted.Length > 0 && !accepted.Contains(manifest.MediaType) && !accepted.Contains("*/*"))
            {
                await FakeHttp.ErrorAsync(context, 404, "MANIFEST_UNKNOWN", $"manifest {name}:{reference} is a {manifest.MediaType}, which the Accept header does not include").ConfigureAwait(false);
                return;
            }

            context.Response.StatusCode = 200;
            context.Response.ContentType = manifest.MediaType;
            context.Response.ContentLength = manifest.Bytes.Length;
            context.Response.Headers["Docker-Content-Digest"] = manifest.Digest;
            context.Response.Headers.ETag = manifest.EntityTag;
            if (withBody)
            {
                await context.Response.Body.WriteAsync(manifest.Bytes, context.RequestAborted).ConfigureAwait(false);
            }
        }

        private async Task PutManifestAsync(HttpContext context, string name, string reference)
        {
            byte[]? bytes = await FakeHttp.ReadBodyAsync(context, FakeHttp.MaxManifestBytes).ConfigureAwait(false);
            if (bytes == null)
            {
                await FakeHttp.ErrorAsync(context, 413, "MANIFEST_INVALID", "manifest over 4 MiB").ConfigureAwait(false);
                return;
            }

            string digest = FakeHttp.Sha256(bytes);
            bool byDigest = FakeHttp.IsDigest(reference);
            string contentType = (context.Request.ContentType ?? string.Empty).Split(';')[0].Trim();
            JsonObject? doc = null;
            try
            {
                doc = JsonNode.Parse(bytes) as JsonObject;
            }
            catch (JsonException)
            {
            }

            string? why = doc == null ? "the body is not a JSON object"
                : byDigest && reference != digest ? null
                : !byDigest && !TagGrammar.IsMatch(reference) ? $"'{reference}' is not a valid tag"
                : !FakeManifest.ManifestTypes.Contains(contentType) ? $"Content-Type '{contentType}' is not a manifest type"
                : doc["mediaType"] is JsonValue declared && (string?)declared != contentType ? $"Content-Type '{contentType}' differs from the manifest's mediaType '{(string?)declared}'"
                : (int?)doc["schemaVersion"] != 2 ? "schemaVersion is not 2"
                : null;
            if (byDigest && reference != digest)
            {
                await FakeHttp.ErrorAsync(context, 400, "DIGEST_INVALID", $"the manifest hashes to {digest}, not {reference}").ConfigureAwait(false);
                return;
            }

            if (why != null)
            {
                await FakeHttp.ErrorAsync(context, 400, "MANIFEST_INVALID", why).ConfigureAwait(false);
                return;
            }

            bool index = contentType.Contains("index", StringComparison.Ordinal) || contentType.Contains("list", StringComparison.Ordinal);
            string? subject = (string?)doc!["subject"]?["digest"];
            string? artifactType = (string?)doc["artifactType"] ?? (index ? null : (string?)doc["config"]?["mediaType"]);
            var manifest = new FakeManifest(digest, contentType, bytes, subject, artifactType, doc["annotations"]?.DeepClone() as JsonObject);
            (int Status, string Code, string Message)? refused;
            lock (_gate)
            {
                FakeRepository repository = Repository(name, create: true)!;
                refused = MissingReferences(repository, doc, index) ?? Precondition(context, repository, byDigest ? null : reference);
                if (refused == null)
                {
                    repository.Manifests[digest] = manifest;
                    if (!byDigest)
                    {
                        repository.Tags[reference] = digest;
                    }
                }
            }

            if (refused != null)
            {
                await FakeHttp.ErrorAsync(context, refused.Value.Status, refused.Value.Code, refused.Value.Message).ConfigureAwait(false);
                return;
            }

            context.Response.StatusCode = 201;
            context.Response.Headers.Location = $"/v2/{name}/manifests/{digest}";
            context.Response.Headers["Docker-Content-Digest"] = digest;
            if (subject != null && Options.ReferrersApi)
            {
                context.Response.Headers["OCI-Subject"] = subject;
            }
        }

        /// <summary>A blob or child manifest the document names that the repository lacks (or holds with another size); null when all are there. Call under the lock.</summary>
        private (int, string, string)? MissingReferences(FakeRepository repository, JsonObject doc, bool index)
        {
            if (index)
            {
                foreach (JsonNode? child in doc["manifests"] as JsonArray ?? new JsonArray())
                {
                    string? digest = (string?)child?["digest"];
                    if (digest == null || !repository.Manifests.TryGetValue(digest, out FakeManifest? known) || known.Bytes.Length != (long?)child!["size"])
                    {
                        return (400, "MANIFEST_BLOB_UNKNOWN", $"child manifest {digest} unknown to the repository (or of another size)");
                    }
                }

                return null;
            }

            var blobs = new JsonArray();
            foreach (JsonNode? layer in doc["layers"] as JsonArray ?? new JsonArray())
            {
                if (layer?["urls"] == null && !((string?)layer?["mediaType"] ?? string.Empty).Contains("nondistributable", StringComparison.Ordinal))
                {
                    blobs.Add(layer?.DeepClone());
                }
            }

            if (doc["config"] != null)
            {
                blobs.Add(doc["config"]!.DeepClone());
            }

            foreach (JsonNode? blob in blobs)
            {
                string? digest = (string?)blob?["digest"];
                if (digest == null || !repository.Blobs.Contains(digest) || !_blobs.TryGetValue(digest, out byte[]? bytes))
                {
                    return (400, "MANIFEST_BLOB_UNKNOWN", $"blob {digest} unknown to the repository");
                }

                if (bytes.Length != (long?)blob!["size"])
                {
                    return (400, "MANIFEST_INVALID", $"blob {digest} is {bytes.Length} bytes, the manifest declares {(long?)blob["size"]}");
                }
            }

            return null;
        }

        /// <summary>If-Match / If-None-Match on a tag; null when the push may proceed. Call under the lock.</summary>
        private (int, string, string)? Precondition(HttpContext context, FakeRepository repository, string? tag)
        {
            if (tag == null || !Options.HonourConditions)
            {
                return null;
            }

            string? current = repository.Tags.GetValueOrDefault(tag);
            string ifMatch = context.Request.Headers.IfMatch.ToString();
            if (ifMatch.Length > 0 && (current == null || ifMatch != "\"" + current + "\""))
            {
                return (412, "PRECONDITION_FAILED", $"tag {tag} is {current ?? "absent"}, not {ifMatch}");
            }

            return context.Request.Headers.IfNoneMatch.ToString() == "*" && current != null
                ? (412, "PRECONDITION_FAILED", $"tag {tag} exists")
                : ((int, string, string)?)null;
        }

        private async Task DeleteManifestAsync(HttpContext context, string name, string reference)
        {
            bool found;
            lock (_gate)
            {
                FakeRepository? repository = Repository(name, create: false);
                if (repository == null)
                {
                    found = false;
                }
                else if (FakeHttp.IsDigest(reference))
                {
                    found = repository.Manifests.Remove(reference);
                    foreach (string tag in repository.Tags.Where(t => t.Value == reference).Select(t => t.Key).ToList())
                    {
                        repository.Tags.Remove(tag);
                    }
                }
                else
                {
                    found = repository.Tags.Remove(reference);
                }
            }

            if (!found)
            {
                await FakeHttp.ErrorAsync(context, 404, "MANIFEST_UNKNOWN", $"manifest {name}:{reference} unknown").ConfigureAwait(false);
                return;
            }

            context.Response.StatusCode = 202;
        }
    }
}
