using System;
using System.Collections.Concurrent;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Content;
using OciMirror.Core.Diagnostics;
using OciMirror.Core.References;
using OciMirror.Core.Registry.Http;
using OciMirror.Core.Registry.Tls;

namespace OciMirror.Core.Registry
{
    /// <summary>
    /// An HTTP client for the distribution API (spec v1.1) shared by every repository of every registry
    /// on one side of an operation: one connection pool per host (HTTP/1.1, at most
    /// <see cref="RegistryAccessOptions.MaxConnectionsPerServer"/> connections, that host's trust and
    /// client certificate), one token cache, one scheme decision per host. Thread-safe. Owns its
    /// HttpClients: dispose it after the repositories it handed out are no longer used.
    /// </summary>
    public sealed class RegistryClient : IRepositoryProvider, IDisposable
    {
        private readonly ConcurrentDictionary<string, RegistryRepository> _repositories = new ConcurrentDictionary<string, RegistryRepository>(StringComparer.Ordinal);

        /// <summary>
        /// Creates a client with its own connection pools, one per registry host, configured from
        /// <paramref name="options"/> and its <see cref="RegistryAccessOptions.Hosts"/>. The side-wide CA file
        /// and client certificate are read here; a host's files and certs.d directories when the client first
        /// talks to that host.
        /// </summary>
        /// <param name="options">Scheme, TLS, credentials, connection and upload settings; read once here.</param>
        /// <param name="log">Receives one Verbose line per HTTP exchange and Debug decisions; null drops them.</param>
        /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
        /// <exception cref="Errors.OciException">TlsFailed: the side-wide CA file or client certificate cannot be used (the message names the file).</exception>
        public RegistryClient(RegistryAccessOptions options, ILogSink? log = null)
        {
            if (options == null)
            {
                throw new ArgumentNullException(nameof(options));
            }

            ILogSink sink = log ?? NullLogSink.Instance;
            var hosts = new HostSettingsIndex(options.Hosts);
            var tls = new TlsObservations();
            var resolver = new TlsSettingsResolver(options, hosts, sink);
            int connections = options.MaxConnectionsPerServer;
            var clients = HttpClientPool.PerHost(host => HttpHandlerFactory.Create(connections, resolver.For(host), tls));
            Transport = new RegistryTransport(options, hosts, sink, clients, tls);
        }

        /// <summary>Test seam: the client sends everything through <paramref name="handler"/> (which it disposes).</summary>
        internal RegistryClient(RegistryAccessOptions options, ILogSink? log, HttpMessageHandler handler)
        {
            Transport = new RegistryTransport(options, new HostSettingsIndex(options.Hosts), log ?? NullLogSink.Instance, HttpClientPool.Shared(handler), new TlsObservations());
        }

        /// <summary>The request pipeline; tests tune its retry policy and header timeout.</summary>
        internal RegistryTransport Transport { get; }

        /// <summary>
        /// The target for <paramref name="repository"/> (its tag and digest are ignored). The same
        /// repository name always gives the same instance, so its manifest cache is shared. The returned
        /// object is a <see cref="RegistryRepository"/>, which is also an <see cref="ITagLister"/> and an
        /// <see cref="IBlobMounter"/>.
        /// </summary>
        public ITarget GetRepository(Reference repository)
        {
            if (repository == null)
            {
                throw new ArgumentNullException(nameof(repository));
            }

            return _repositories.GetOrAdd(repository.Name, _ => new RegistryRepository(Transport, repository));
        }

        /// <summary>
        /// GET <c>/v2/</c> on <paramref name="registry"/> (host[:port], <c>docker.io</c> allowed): checks
        /// reachability, TLS and, when the registry asks for them, credentials.
        /// </summary>
        /// <exception cref="Errors.OciException">ConnectionFailed, TlsFailed, Timeout, AuthenticationFailed, or the mapped registry answer.</exception>
        public async Task PingAsync(string registry, CancellationToken cancellationToken)
        {
            if (string.IsNullOrWhiteSpace(registry))
            {
                throw new ArgumentException("A registry host is required.", nameof(registry));
            }

            string name = registry.Trim().TrimEnd('/').ToLowerInvariant();
            name = name == "index.docker.io" || name == Reference.DockerHubApiHost ? Reference.DockerHub : name;
            string apiHost = name == Reference.DockerHub ? Reference.DockerHubApiHost : name;
            var request = new RegistryRequest(HttpMethod.Get, name, apiHost, "/v2/") { Operation = "reach registry", Reference = name };
            using HttpResponseMessage response = await Transport.SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw await RegistryErrorMapper.FromResponseAsync(response, request, false, cancellationToken).ConfigureAwait(false);
            }
        }

        /// <summary>Closes the connection pool; repositories handed out stop working.</summary>
        public void Dispose() => Transport.Dispose();
    }
}
