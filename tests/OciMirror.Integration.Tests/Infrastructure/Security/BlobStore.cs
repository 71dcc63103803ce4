using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace OciMirror.Integration.Tests.Infrastructure.Security
{
    /// <summary>
    /// Stand-in for object storage behind a registry's blob redirects: serves <c>GET /blobs/DIGEST</c> from
    /// the corpus on its own 127.0.0.1 port (another origin than the registry) and records every request
    /// with its Authorization header, which must never arrive here.
    /// </summary>
    public sealed class BlobStore : IAsyncDisposable
    {
        /// <summary>The fake pre-signed URL signature every redirect carries (must not appear in logs either).</summary>
        public const string Signature = "SIG-9f1c2e7d4b-not-for-logs";

        private readonly Func<string, byte[]?> _content;
        private readonly ConcurrentQueue<WireRecord> _records = new ConcurrentQueue<WireRecord>();

        private BlobStore(Func<string, byte[]?> content)
        {
            _content = content;
        }

        public LoopbackServer Server { get; private set; } = null!;

        public IReadOnlyList<WireRecord> Records => _records.ToArray();

        /// <summary>Starts a store serving the bytes <paramref name="content"/> returns for a digest (null = 404); HTTPS with <paramref name="tlsCertificate"/>.</summary>
        public static async Task<BlobStore> StartAsync(Func<string, byte[]?> content, System.Security.Cryptography.X509Certificates.X509Certificate2? tlsCertificate = null)
        {
            var store = new BlobStore(content);
            store.Server = await LoopbackServer.StartAsync(store.HandleAsync, tlsCertificate).ConfigureAwait(false);
            return store;
        }

        /// <summary>The pre-signed-looking URL of <paramref name="digest"/>.</summary>
        public Uri UrlOf(string digest) => new Uri(Server.BaseUri, "blobs/" + digest + "?X-Amz-Expires=300&X-Amz-Signature=" + Signature);

        public ValueTask DisposeAsync() => Server.DisposeAsync();

        private async Task HandleAsync(HttpContext context)
        {
            string path = context.Request.Path.Value ?? string.Empty;
            string? authorization = context.Request.Headers.Authorization.Count > 0 ? context.Request.Headers.Authorization.ToString() : null;
            byte[]? bytes = path.StartsWith("/blobs/", StringComparison.Ordinal) && context.Request.Query["X-Amz-Signature"] == Signature
                ? _content(path.Substring("/blobs/".Length))
                : null;
            int status = bytes == null ? 404 : 200;
            _records.Enqueue(new WireRecord(context.Request.Method, path + context.Request.QueryString.ToUriComponent(), status, authorization));
            context.Response.StatusCode = status;
            if (bytes != null)
            {
                context.Response.ContentType = "application/octet-stream";
                context.Response.ContentLength = bytes.Length;
                if (!HttpMethods.IsHead(context.Request.Method))
                {
                    await context.Response.Body.WriteAsync(bytes, context.RequestAborted).ConfigureAwait(false);
                }
            }
        }
    }
}
