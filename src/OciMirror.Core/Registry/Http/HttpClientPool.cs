using System;
using System.Collections.Concurrent;
using System.Net.Http;
using System.Threading;

namespace OciMirror.Core.Registry.Http
{
    /// <summary>
    /// One HttpClient per registry host[:port], created on first use (thread-safe: concurrent first requests to a
    /// host share one creation), because trust and client certificates belong to a handler. A failed
    /// creation (an unusable certificate file) fails every request to that host with the same error. The
    /// test seam shares one handler for all hosts. Disposing closes every connection pool.
    /// </summary>
    internal sealed class HttpClientPool : IDisposable
    {
        private readonly ConcurrentDictionary<string, Lazy<HttpClient>> _clients = new ConcurrentDictionary<string, Lazy<HttpClient>>(StringComparer.OrdinalIgnoreCase);
        private readonly Func<string, HttpMessageHandler>? _factory;
        private readonly HttpClient? _shared;

        private HttpClientPool(Func<string, HttpMessageHandler>? factory, HttpClient? shared)
        {
            _factory = factory;
            _shared = shared;
        }

        /// <summary>A pool that creates each host's handler with <paramref name="factory"/> (given host[:port]).</summary>
        public static HttpClientPool PerHost(Func<string, HttpMessageHandler> factory) => new HttpClientPool(factory, null);

        /// <summary>A pool that sends everything through <paramref name="handler"/> (which it disposes).</summary>
        public static HttpClientPool Shared(HttpMessageHandler handler) => new HttpClientPool(null, Create(handler));

        /// <summary>The client for the registry <paramref name="host"/> (its API host[:port] as written in references).</summary>
        /// <exception cref="Errors.OciException">The host's TLS files are unusable.</exception>
        public HttpClient Get(string host)
        {
            if (_shared != null)
            {
                return _shared;
            }

            return _clients.GetOrAdd(host, h => new Lazy<HttpClient>(() => Create(_factory!(h)), LazyThreadSafetyMode.ExecutionAndPublication)).Value;
        }

        public void Dispose()
        {
            _shared?.Dispose();
            foreach (Lazy<HttpClient> client in _clients.Values)
            {
                if (client.IsValueCreated)
                {
                    client.Value.Dispose();
                }
            }
        }

        // Bodies can be many GB: no overall timeout; the transport's HeaderTimeout bounds the wait for a response.
        private static HttpClient Create(HttpMessageHandler handler) => new HttpClient(handler, disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
    }
}
