using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Security.Cryptography.X509Certificates;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace OciMirror.Integration.Tests.Infrastructure.Security
{
    /// <summary>
    /// A reverse proxy on 127.0.0.1 in front of one registry, speaking the registry's scheme (HTTPS with
    /// the test PKI's server certificate when the registry is HTTPS). It records every request with its
    /// Authorization header — the oracle for "how many requests" and "which secrets went over the wire" —
    /// and can answer blob GETs with a 307 to another server (object storage), as Docker Hub and S3-backed
    /// registries do. The Host header is passed through, so the registry's Location headers point back at
    /// the proxy.
    /// </summary>
    public sealed class WireProxy : IAsyncDisposable
    {
        private static readonly HashSet<string> HopHeaders = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "Connection", "Keep-Alive", "Transfer-Encoding", "Proxy-Connection", "TE", "Upgrade", "Trailer",
        };

        private readonly Uri _upstream;
        private readonly HttpClient _http;
        private readonly ConcurrentQueue<WireRecord> _records = new ConcurrentQueue<WireRecord>();

        private WireProxy(Uri upstream, HttpClient http)
        {
            _upstream = upstream;
            _http = http;
        }

        public LoopbackServer Server { get; private set; } = null!;

        /// <summary><c>127.0.0.1:PORT</c> of the proxy: use it as the registry in references.</summary>
        public string Host => Server.Host;

        /// <summary>When set, blob GETs are answered with 307 to the URL this returns for the digest.</summary>
        public Func<string, Uri>? RedirectBlobs { get; set; }

        public IReadOnlyList<WireRecord> Records => _records.ToArray();

        /// <summary>Starts a proxy in front of <paramref name="registry"/>.</summary>
        public static async Task<WireProxy> StartAsync(SecureRegistry registry)
        {
            var handler = new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false, UseProxy = false, AutomaticDecompression = System.Net.DecompressionMethods.None };
            TestPki? pki = registry.Options.Tls;
            if (pki != null)
            {
                handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                    certificate != null && new X509Certificate2(certificate).Thumbprint == pki.ServerCertificate.Thumbprint;
                if (registry.Options.RequireClientCertificate)
                {
                    handler.SslOptions.ClientCertificates = new X509CertificateCollection { pki.ClientCertificate };
                }
            }

            var proxy = new WireProxy(registry.BaseUri, new HttpClient(handler) { Timeout = TimeSpan.FromMinutes(5) });
            proxy.Server = await LoopbackServer.StartAsync(proxy.HandleAsync, pki?.ServerCertificate).ConfigureAwait(false);
            return proxy;
        }

        public void Clear()
        {
            while (_records.TryDequeue(out _))
            {
            }
        }

        public async ValueTask DisposeAsync()
        {
            await Server.DisposeAsync().ConfigureAwait(false);
            _http.Dispose();
        }

        private async Task HandleAsync(HttpContext context)
        {
            HttpRequest request = context.Request;
            string target = request.Path.ToUriComponent() + request.QueryString.ToUriComponent();
            string? authorization = request.Headers.Authorization.Count > 0 ? request.Headers.Authorization.ToString() : null;
            if (RedirectBlobs != null && HttpMethods.IsGet(request.Method) && request.Path.Value!.Contains("/blobs/sha256:", StringComparison.Ordinal))
            {
                string digest = request.Path.Value!.Substring(request.Path.Value!.LastIndexOf("/blobs/", StringComparison.Ordinal) + "/blobs/".Length);
                context.Response.StatusCode = 307;
                context.Response.Headers.Location = RedirectBlobs(digest).AbsoluteUri;
                _records.Enqueue(new WireRecord(request.Method, target, 307, authorization));
                return;
            }

            using var message = new HttpRequestMessage(new HttpMethod(request.Method), new Uri(_upstream, target)) { Version = System.Net.HttpVersion.Version11 };
            bool hasBody = (request.ContentLength ?? 0) > 0 || request.Headers.TransferEncoding.Count > 0;
            if (hasBody)
            {
                message.Content = new StreamContent(request.Body);
            }

            foreach (var header in request.Headers)
            {
                if (HopHeaders.Contains(header.Key) || header.Key.Equals("Host", StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                if (!message.Headers.TryAddWithoutValidation(header.Key, header.Value.ToArray()) && message.Content != null)
                {
                    message.Content.Headers.TryAddWithoutValidation(header.Key, header.Value.ToArray());
                }
            }

            message.Headers.Host = request.Host.Value;
            message.Headers.TryAddWithoutValidation("X-Forwarded-Proto", request.Scheme);

            using HttpResponseMessage response = await _http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, context.RequestAborted).ConfigureAwait(false);
            _records.Enqueue(new WireRecord(request.Method, target, (int)response.StatusCode, authorization));
            context.Response.StatusCode = (int)response.StatusCode;
            foreach (var header in response.Headers.Concat(response.Content.Headers))
            {
                if (!HopHeaders.Contains(header.Key))
                {
                    context.Response.Headers[header.Key] = header.Value.ToArray();
                }
            }

            if (!HttpMethods.IsHead(request.Method))
            {
                await response.Content.CopyToAsync(context.Response.Body, context.RequestAborted).ConfigureAwait(false);
            }
        }
    }
}
