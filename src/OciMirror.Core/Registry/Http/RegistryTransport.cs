using System;
using System.Diagnostics;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Net.Security;
using System.Runtime.ExceptionServices;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Diagnostics;
using OciMirror.Core.Errors;
using OciMirror.Core.Registry.Auth;

namespace OciMirror.Core.Registry.Http
{
    /// <summary>
    /// Sends <see cref="RegistryRequest"/>s: picks the scheme, authenticates, retries, follows redirects
    /// (dropping Authorization across origins) and logs one line per HTTP exchange. Returns the final
    /// response whatever its status, except 401 after authentication, which it throws as
    /// AuthenticationFailed; transport failures become <see cref="OciException"/>.
    /// </summary>
    internal sealed class RegistryTransport : IDisposable
    {
        private const int MaxRedirects = 10;
        private static readonly ProductInfoHeaderValue UserAgent = new ProductInfoHeaderValue("OciMirror", typeof(RegistryTransport).Assembly.GetName().Version?.ToString(3) ?? "0");
        private readonly HttpClientPool _clients;

        /// <param name="options">Scheme, credentials and upload settings of the side.</param>
        /// <param name="hosts">The per-host overrides of <paramref name="options"/> (plain HTTP, credentials).</param>
        /// <param name="log">Request log and decisions.</param>
        /// <param name="clients">The HttpClient of each host (owned: disposed with the transport).</param>
        /// <param name="tls">What the certificate callbacks of <paramref name="clients"/> decided.</param>
        public RegistryTransport(RegistryAccessOptions options, HostSettingsIndex hosts, ILogSink log, HttpClientPool clients, TlsObservations tls)
        {
            _clients = clients;
            Log = log;
            Tls = tls;
            ChunkedUploadThreshold = options.ChunkedUploadThreshold;
            ReadTimeout = options.ReadTimeout;
            UploadChunkSize = options.UploadChunkSize > 0 ? options.UploadChunkSize : 16 * 1024 * 1024;
            Endpoints = new RegistryEndpoints(host => hosts.Find(host)?.PlainHttp ?? options.PlainHttp, tls, ProbeAsync, log)
            {
                HttpFallback = host => hosts.Find(host)?.AllowHttpFallback ?? options.AllowHttpFallback,
            };
            Auth = new RegistryAuthenticator(HostSettingsCredentialProvider.Compose(options.Credentials, hosts, log), new TokenClient(SendAsync, log));
        }

        public ILogSink Log { get; }

        /// <summary>What the certificate callbacks decided, per endpoint (None = accepted, also when verification is skipped).</summary>
        public TlsObservations Tls { get; }

        public long ChunkedUploadThreshold { get; }

        public int UploadChunkSize { get; }

        public RegistryEndpoints Endpoints { get; }

        public RegistryAuthenticator Auth { get; }

        public RetryPolicy Retry { get; } = new RetryPolicy();

        /// <summary>Longest wait for response headers of a body-less request (default 100 s).</summary>
        public TimeSpan HeaderTimeout { get; set; } = TimeSpan.FromSeconds(100);

        /// <summary>
        /// Longest a single read of a response body (or write of an upload) may wait without moving a byte
        /// (<see cref="RegistryAccessOptions.ReadTimeout"/>); zero or infinite turns it off.
        /// </summary>
        public TimeSpan ReadTimeout { get; set; } = RegistryAccessOptions.DefaultReadTimeout;

        /// <summary>Sends <paramref name="request"/> through scheme resolution, auth, retries and redirects.</summary>
        public async Task<HttpResponseMessage> SendAsync(RegistryRequest request, CancellationToken cancellationToken)
        {
            Uri? baseUri = request.Anonymous ? null : await Endpoints.GetBaseUriAsync(request.ApiHost, cancellationToken).ConfigureAwait(false);
            Uri uri = request.AbsoluteUri ?? new Uri(baseUri!, request.PathAndQuery.TrimStart('/'));
            for (int hop = 0; ; hop++)
            {
                bool sameOrigin = baseUri != null && Uri.Compare(uri, baseUri, UriComponents.SchemeAndServer, UriFormat.SafeUnescaped, StringComparison.OrdinalIgnoreCase) == 0;
                HttpResponseMessage response = await SendAuthenticatedAsync(request, uri, sameOrigin, cancellationToken).ConfigureAwait(false);
                int status = (int)response.StatusCode;
                bool redirect = status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
                if (!request.FollowRedirects || !redirect || response.Headers.Location == null)
                {
                    return response;
                }

                response.Dispose();
                if (hop >= MaxRedirects)
                {
                    throw new OciException(OciErrorKind.ProtocolError, $"Cannot {request.Operation} {RegistryErrorMapper.Subject(request)}: more than {MaxRedirects} redirects.") { Registry = request.Registry, Reference = request.Reference, Digest = request.Digest };
                }

                // RFC 9110 §10.2.2: Location may be relative to the request URI.
                uri = new Uri(uri, response.Headers.Location);
            }
        }

        public void Dispose() => _clients.Dispose();

        private async Task<HttpResponseMessage> SendAuthenticatedAsync(RegistryRequest request, Uri uri, bool sameOrigin, CancellationToken cancellationToken)
        {
            // Credentials go only to the registry's own origin, never to a redirect target (DESIGN §7).
            AuthenticationHeaderValue? authorization = request.Anonymous ? request.Authorization
                : sameOrigin ? await Auth.GetAuthorizationAsync(request, cancellationToken).ConfigureAwait(false) : null;
            bool authRetried = false;
            for (int retry = 0; ; )
            {
                HttpResponseMessage response;
                try
                {
                    response = await SendOnceAsync(request, uri, authorization, sameOrigin, cancellationToken).ConfigureAwait(false);
                }
                catch (HttpRequestException e) when (request.Retry && request.Resendable && retry < Retry.MaxRetries && !IsTlsFailure(e, uri))
                {
                    Log.Log(LogLevel.Debug, $"Retrying {request.Method} {RequestLog.SafeUrl(uri, sameOrigin)} after a connection failure ({retry + 1} of {Retry.MaxRetries}).");
                    await Retry.Delay(Retry.GetDelay(retry++, null), cancellationToken).ConfigureAwait(false);
                    continue;
                }
                catch (HttpRequestException e)
                {
                    throw MapException(e, request, uri, sameOrigin, timedOut: false);
                }
                catch (TimeoutException e)
                {
                    throw MapException(e, request, uri, sameOrigin, timedOut: true);
                }

                int status = (int)response.StatusCode;
                if (status == 401 && !request.Anonymous && sameOrigin)
                {
                    if (authRetried || !request.Resendable)
                    {
                        throw await RegistryErrorMapper.FromResponseAsync(response, request, authorization != null, cancellationToken).ConfigureAwait(false);
                    }

                    AuthenticationHeaderValue? previous = authorization;
                    using (response)
                    {
                        authorization = await Auth.OnUnauthorizedAsync(request, response, previous, cancellationToken).ConfigureAwait(false);
                    }

                    authRetried = true;
                    continue;
                }

                if (RetryPolicy.IsRetryableStatus(status) && request.Retry && request.Resendable && retry < Retry.MaxRetries)
                {
                    TimeSpan delay = Retry.GetDelay(retry++, response);
                    response.Dispose();
                    Log.Log(LogLevel.Debug, $"Retrying {request.Method} {RequestLog.SafeUrl(uri, sameOrigin)} in {(long)delay.TotalMilliseconds} ms after status {status} ({retry} of {Retry.MaxRetries}).");
                    await Retry.Delay(delay, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                return response;
            }
        }

        private async Task<HttpResponseMessage> SendOnceAsync(RegistryRequest request, Uri uri, AuthenticationHeaderValue? authorization, bool keepQuery, CancellationToken cancellationToken)
        {
            using var message = new HttpRequestMessage(request.Method, uri) { Version = HttpVersion.Version11 };
            message.Headers.UserAgent.Add(UserAgent);
            message.Headers.Authorization = authorization;
            if (request.RangeFrom.HasValue)
            {
                message.Headers.Range = new RangeHeaderValue(request.RangeFrom.Value, null);
            }

            foreach (string type in request.Accept ?? Array.Empty<string>())
            {
                message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(type));
            }

            // Only a body-less request gets the header timeout: an upload's headers come after its body.
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            if (request.Content != null)
            {
                message.Content = request.Content();
                message.Headers.ExpectContinue = false;
                (message.Content as UploadContent)?.WatchWrites(ReadTimeout, () => timeout.Cancel());
            }

            if (message.Content == null)
            {
                timeout.CancelAfter(HeaderTimeout);
            }

            string url = RequestLog.SafeUrl(uri, keepQuery || request.Anonymous);
            // One HttpClient per registry (host[:port] as in the reference, which certs.d matches exactly): its
            // API, its token realm and the redirect targets of its blobs share that registry's trust and
            // client certificate, as docker's per-registry transport does. Extra CAs only add to system trust.
            HttpClient http = _clients.Get(request.ApiHost);
            var clock = Stopwatch.StartNew();
            try
            {
                HttpResponseMessage response = await http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
                RequestLog.Response(Log, request.Method, url, response, request.BodyLength, clock.Elapsed);
                IdleTimeoutContent.Apply(response, ReadTimeout); // headers came; a body that then stalls must not hang
                return response;
            }
            catch (Exception) when (message.Content is UploadContent { Stall: StalledTransferException stalled } && !cancellationToken.IsCancellationRequested)
            {
                RequestLog.Failure(Log, request.Method, url, stalled.Message, clock.Elapsed);
                throw stalled.For(request);
            }
            catch (Exception) when (message.Content is UploadContent upload && upload.Failure != null && !cancellationToken.IsCancellationRequested)
            {
                RequestLog.Failure(Log, request.Method, url, "the content to upload failed", clock.Elapsed);
                ExceptionDispatchInfo.Capture(upload.Failure).Throw();
                throw;
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested && timeout.IsCancellationRequested)
            {
                RequestLog.Failure(Log, request.Method, url, "no response in time", clock.Elapsed);
                throw new TimeoutException();
            }
            catch (HttpRequestException e)
            {
                RequestLog.Failure(Log, request.Method, url, e.InnerException?.Message ?? e.Message, clock.Elapsed);
                throw;
            }
        }

        private Task<HttpResponseMessage> ProbeAsync(string apiHost, Uri uri, CancellationToken cancellationToken) =>
            SendOnceAsync(new RegistryRequest(HttpMethod.Get, apiHost, apiHost, uri.PathAndQuery) { AbsoluteUri = uri, Anonymous = true }, uri, null, true, cancellationToken);

        private bool IsTlsFailure(Exception e, Uri uri) =>
            Registry.Tls.TlsFailures.IsTlsLayerFailure(e) || Tls.LastErrors(uri) != SslPolicyErrors.None;

        private OciException MapException(Exception e, RegistryRequest request, Uri uri, bool sameOrigin, bool timedOut)
        {
            bool certificateRejected = Tls.LastErrors(uri) != SslPolicyErrors.None;
            return RegistryErrorMapper.FromException(e, request, RequestLog.SafeUrl(uri, sameOrigin), certificateRejected, timedOut);
        }
    }
}
