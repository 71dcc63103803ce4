using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using OciMirror.Integration.Tests.Infrastructure.Security;

namespace OciMirror.Integration.Tests.Infrastructure.Fake
{
    /// <summary>
    /// An in-memory OCI registry on a free 127.0.0.1 port (Kestrel, plain HTTP), like go-containerregistry's
    /// <c>pkg/registry</c>, implementing the distribution-spec 1.1 endpoints OciMirror uses: ping; manifests
    /// GET/HEAD/PUT/DELETE by tag and digest with Accept negotiation; blobs GET/HEAD with Range; uploads
    /// POST (monolithic with <c>?digest=</c>, session, cross-repository mount)/PATCH (chunked, Content-Range
    /// checked)/PUT/GET/DELETE; tags/list with <c>n</c>/<c>last</c> and Link pagination; and the referrers
    /// API with <c>artifactType</c> filtering (<c>OCI-Filters-Applied</c>) and <c>OCI-Subject</c> on a push
    /// with a subject. It validates what it receives so that it catches client bugs: upload and manifest
    /// digests, Content-Type against the manifest's own mediaType, blobs and child manifests a manifest
    /// references (in that repository), chunk order. Records every request. Dispose stops it.
    /// </summary>
    public sealed partial class FakeRegistry : ITestRegistry
    {
        private readonly object _gate = new object();
        private readonly Dictionary<string, byte[]> _blobs = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        private readonly Dictionary<string, FakeRepository> _repositories = new Dictionary<string, FakeRepository>(StringComparer.Ordinal);
        private readonly ConcurrentQueue<WireRecord> _requests = new ConcurrentQueue<WireRecord>();

        private FakeRegistry(FakeRegistryOptions options)
        {
            Options = options;
        }

        public FakeRegistryOptions Options { get; }

        public RegistryKind Kind => RegistryKind.Fake;

        public bool HasReferrersApi => Options.ReferrersApi;

        public LoopbackServer Server { get; private set; } = null!;

        /// <summary><c>127.0.0.1:PORT</c>.</summary>
        public string Host => Server.Host;

        public Uri BaseUri => Server.BaseUri;

        /// <summary>Every request so far: method, path and query, status.</summary>
        public IReadOnlyList<WireRecord> Requests => _requests.ToArray();

        public static async Task<FakeRegistry> StartAsync(FakeRegistryOptions? options = null)
        {
            var registry = new FakeRegistry(options ?? new FakeRegistryOptions());
            registry.Server = await LoopbackServer.StartAsync(registry.HandleAsync).ConfigureAwait(false);
            return registry;
        }

        /// <summary>The tags of <paramref name="repository"/>, sorted; empty when it does not exist.</summary>
        public IReadOnlyList<string> TagsOf(string repository)
        {
            lock (_gate)
            {
                return _repositories.TryGetValue(repository, out FakeRepository? r) ? r.Tags.Keys.ToList() : new List<string>();
            }
        }

        /// <summary>The digests of the manifests of <paramref name="repository"/> whose subject is <paramref name="subject"/>.</summary>
        public IReadOnlyList<string> ReferrersOf(string repository, string subject)
        {
            lock (_gate)
            {
                return _repositories.TryGetValue(repository, out FakeRepository? r)
                    ? r.Manifests.Values.Where(m => m.Subject == subject).Select(m => m.Digest).OrderBy(d => d, StringComparer.Ordinal).ToList()
                    : new List<string>();
            }
        }

        /// <summary>The digests the index tagged <paramref name="tag"/> lists, sorted; empty when there is no such tag.</summary>
        public IReadOnlyList<string> TagIndexDigests(string repository, string tag)
        {
            byte[]? bytes;
            lock (_gate)
            {
                FakeRepository? r = Repository(repository, create: false);
                bytes = r != null && r.Tags.TryGetValue(tag, out string? digest) ? r.Manifests[digest].Bytes : null;
            }

            return bytes == null
                ? new List<string>()
                : System.Text.Json.Nodes.JsonNode.Parse(bytes)!["manifests"]!.AsArray().Select(m => (string)m!["digest"]!).OrderBy(d => d, StringComparer.Ordinal).ToList();
        }

        public ValueTask DisposeAsync() => Server.DisposeAsync();

        private async Task HandleAsync(HttpContext context)
        {
            string path = context.Request.Path.Value ?? string.Empty;
            string method = context.Request.Method;
            try
            {
                await RouteAsync(context, path, method).ConfigureAwait(false);
            }
            finally
            {
                _requests.Enqueue(new WireRecord(method, path + context.Request.QueryString.ToUriComponent(), context.Response.StatusCode, null));
            }
        }

        private Task RouteAsync(HttpContext context, string path, string method)
        {
            context.Response.Headers["Docker-Distribution-API-Version"] = "registry/2.0";
            if (path == "/v2/" || path == "/v2")
            {
                context.Response.StatusCode = 200;
                return context.Response.WriteAsync("{}");
            }

            if (!path.StartsWith("/v2/", StringComparison.Ordinal))
            {
                return NotFoundPage(context);
            }

            int at;
            if ((at = path.LastIndexOf("/blobs/uploads", StringComparison.Ordinal)) > 3)
            {
                string rest = path.Substring(at + "/blobs/uploads".Length).Trim('/');
                return UploadAsync(context, path.Substring(4, at - 4), rest, method);
            }

            if ((at = path.LastIndexOf("/blobs/", StringComparison.Ordinal)) > 3)
            {
                return BlobAsync(context, path.Substring(4, at - 4), path.Substring(at + "/blobs/".Length), method);
            }

            if ((at = path.LastIndexOf("/manifests/", StringComparison.Ordinal)) > 3)
            {
                return ManifestAsync(context, path.Substring(4, at - 4), path.Substring(at + "/manifests/".Length), method);
            }

            if ((at = path.LastIndexOf("/referrers/", StringComparison.Ordinal)) > 3 && method == "GET" && Options.ReferrersApi)
            {
                return ReferrersAsync(context, path.Substring(4, at - 4), path.Substring(at + "/referrers/".Length));
            }

            if (path.EndsWith("/tags/list", StringComparison.Ordinal) && method == "GET")
            {
                return TagsAsync(context, path.Substring(4, path.Length - 4 - "/tags/list".Length));
            }

            return NotFoundPage(context);
        }

        /// <summary>What distribution's router answers for a path it does not know (also /referrers/ when the API is off).</summary>
        private static Task NotFoundPage(HttpContext context)
        {
            context.Response.StatusCode = 404;
            context.Response.ContentType = "text/plain; charset=utf-8";
            return context.Response.WriteAsync("404 page not found\n");
        }

        /// <summary>The repository, created when <paramref name="create"/>; call under the lock.</summary>
        private FakeRepository? Repository(string name, bool create)
        {
            if (!_repositories.TryGetValue(name, out FakeRepository? repository) && create)
            {
                repository = new FakeRepository();
                _repositories.Add(name, repository);
            }

            return repository;
        }
    }
}
