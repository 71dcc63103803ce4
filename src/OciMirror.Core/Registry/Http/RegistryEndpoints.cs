using System;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Diagnostics;

namespace OciMirror.Core.Registry.Http
{
    /// <summary>
    /// Decides the base URI (<c>scheme://host[:port]/</c>) of each registry host, once per client:
    /// http when plain HTTP was asked for (for that host, or for the side); https otherwise, except that a loopback host whose HTTPS
    /// attempt fails without ever presenting a certificate (it does not speak TLS) falls back to http,
    /// as docker does for localhost, and so does any host <see cref="HttpFallback"/> allows (skopeo's
    /// <c>tls-verify: false</c>). A certificate that fails validation never falls back.
    /// </summary>
    internal sealed class RegistryEndpoints
    {
        private readonly ConcurrentDictionary<string, Uri> _resolved = new ConcurrentDictionary<string, Uri>(StringComparer.OrdinalIgnoreCase);
        private readonly SemaphoreSlim _probeGate = new SemaphoreSlim(1, 1);
        private readonly Func<string, bool> _plainHttp;
        private readonly TlsObservations _tls;
        private readonly Func<string, Uri, CancellationToken, Task<HttpResponseMessage>> _probe;
        private readonly ILogSink _log;

        /// <param name="plainHttp">Whether an API host (host[:port]) is to be reached over http://.</param>
        /// <param name="tls">What the certificate callbacks saw.</param>
        /// <param name="probe">Sends an anonymous GET for an API host to a URI.</param>
        /// <param name="log">Receives the fallback decision.</param>
        public RegistryEndpoints(Func<string, bool> plainHttp, TlsObservations tls, Func<string, Uri, CancellationToken, Task<HttpResponseMessage>> probe, ILogSink log)
        {
            _plainHttp = plainHttp;
            _tls = tls;
            _probe = probe;
            _log = log;
        }

        /// <summary>Whether a non-loopback API host may fall back to http:// like a loopback one. Default: never.</summary>
        public Func<string, bool> HttpFallback { get; set; } = _ => false;

        /// <summary>True for <c>localhost</c>, 127.0.0.0/8 and ::1, with or without a port.</summary>
        public static bool IsLoopback(string hostAndPort)
        {
            string host = hostAndPort;
            if (host.StartsWith("[", StringComparison.Ordinal))
            {
                int end = host.IndexOf(']');
                host = end > 0 ? host.Substring(1, end - 1) : host;
            }
            else if (host.IndexOf(':') == host.LastIndexOf(':') && host.IndexOf(':') > 0)
            {
                host = host.Substring(0, host.IndexOf(':'));
            }

            return string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)
                || (IPAddress.TryParse(host, out IPAddress? address) && IPAddress.IsLoopback(address));
        }

        /// <summary>The base URI for <paramref name="apiHost"/>; probes a loopback host at most once.</summary>
        public async Task<Uri> GetBaseUriAsync(string apiHost, CancellationToken cancellationToken)
        {
            if (_resolved.TryGetValue(apiHost, out Uri? known))
            {
                return known;
            }

            bool plainHttp = _plainHttp(apiHost);
            if (plainHttp || !(IsLoopback(apiHost) || HttpFallback(apiHost)))
            {
                return _resolved.GetOrAdd(apiHost, new Uri((plainHttp ? "http://" : "https://") + apiHost + "/"));
            }

            await _probeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                if (_resolved.TryGetValue(apiHost, out known))
                {
                    return known;
                }

                var https = new Uri("https://" + apiHost + "/");
                try
                {
                    using HttpResponseMessage response = await _probe(apiHost, new Uri(https, "v2/"), cancellationToken).ConfigureAwait(false);
                }
                catch (HttpRequestException) when (!_tls.SawCertificate(https))
                {
                    // The connection failed before any certificate was presented: no TLS server there.
                    _log.Log(LogLevel.Verbose, $"{apiHost} does not answer HTTPS; using plain HTTP for it.");
                    return _resolved.GetOrAdd(apiHost, new Uri("http://" + apiHost + "/"));
                }
                catch (Exception e) when (e is HttpRequestException || e is TimeoutException)
                {
                    // A TLS server that failed the handshake (bad certificate): the real request reports it.
                }

                return _resolved.GetOrAdd(apiHost, https);
            }
            finally
            {
                _probeGate.Release();
            }
        }
    }
}
