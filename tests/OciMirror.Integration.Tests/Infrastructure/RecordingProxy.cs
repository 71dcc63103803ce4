using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace OciMirror.Integration.Tests.Infrastructure
{
    /// <summary>
    /// A tiny HTTP/1.1 reverse proxy on 127.0.0.1 in front of one registry. It records every request (to
    /// count blob downloads), can corrupt one byte of the body of one blob (to provoke a digest
    /// mismatch the real registry cannot produce), can cut one blob's connection mid-body (to provoke
    /// a resume), or send one blob's headers and half its body and then fall silent (a stalled peer, for the
    /// idle read timeout; a download in flight when a test stops or kills the client). Request bodies must
    /// carry Content-Length (no chunked uploads): it is meant for pulls.
    /// </summary>
    public sealed class RecordingProxy : IAsyncDisposable
    {
        private static readonly HashSet<string> HopHeaders = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "Host", "Connection", "Keep-Alive", "Transfer-Encoding", "Content-Length", "Proxy-Connection", "TE", "Upgrade",
        };

        private readonly TcpListener _listener;
        private readonly Uri _upstream;
        private readonly HttpClient _http;
        private readonly CancellationTokenSource _stop = new CancellationTokenSource();
        private readonly ConcurrentQueue<ProxyRequest> _requests = new ConcurrentQueue<ProxyRequest>();
        private readonly ConcurrentDictionary<TcpClient, bool> _clients = new ConcurrentDictionary<TcpClient, bool>();
        private readonly Task _acceptLoop;
        private readonly TaskCompletionSource<bool> _stallReached = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _cutDone;
        private int _stalls;

        /// <summary>Starts a proxy forwarding to <paramref name="upstream"/> (<c>http://host:port/</c>).</summary>
        public RecordingProxy(Uri upstream)
        {
            _upstream = upstream;
            _http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false, UseProxy = false });
            _listener = new TcpListener(IPAddress.Loopback, 0);
            _listener.Start();
            Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
            _acceptLoop = AcceptLoopAsync();
        }

        public int Port { get; }

        /// <summary><c>127.0.0.1:PORT</c>.</summary>
        public string Host => "127.0.0.1:" + Port;

        /// <summary>When set, GET responses for this blob digest have one byte flipped (same length).</summary>
        public string? CorruptBlobDigest { get; set; }

        /// <summary>
        /// When set, the first GET response for this blob digest sends its headers and half its body, then
        /// the connection is closed (a connection broken mid-body, to exercise resuming with Range).
        /// </summary>
        public string? CutBlobDigest { get; set; }

        /// <summary>
        /// When set, GET responses for this blob digest send their headers and the first half of their body,
        /// then nothing more: the connection stays open and silent until the proxy is disposed.
        /// <see cref="StallCount"/> says how many such GETs stall (the others are served whole).
        /// </summary>
        public string? StallBlobDigest { get; set; }

        /// <summary>How many GETs of <see cref="StallBlobDigest"/> stall; default: all of them.</summary>
        public int StallCount { get; set; } = int.MaxValue;

        /// <summary>Completes when a response for <see cref="StallBlobDigest"/> has started to stall.</summary>
        public Task StallReached => _stallReached.Task;

        /// <summary>A snapshot of the requests so far.</summary>
        public IReadOnlyList<ProxyRequest> Requests => _requests.ToArray();

        /// <summary>Digests of successful blob GETs, one per request (duplicates kept).</summary>
        public IReadOnlyList<string> BlobGets => Requests.Where(r => r.Method == "GET" && r.StatusCode / 100 == 2 && r.BlobDigest != null).Select(r => r.BlobDigest!).ToList();

        public void ClearRequests()
        {
            while (_requests.TryDequeue(out _))
            {
            }
        }

        public async ValueTask DisposeAsync()
        {
            _stop.Cancel();
            _listener.Stop();
            foreach (TcpClient client in _clients.Keys)
            {
                client.Dispose();
            }

            try
            {
                await _acceptLoop.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }

            _http.Dispose();
            _stop.Dispose();
        }

        private async Task AcceptLoopAsync()
        {
            while (!_stop.IsCancellationRequested)
            {
                TcpClient client;
                try
                {
                    client = await _listener.AcceptTcpClientAsync(_stop.Token).ConfigureAwait(false);
                }
                catch (Exception) when (_stop.IsCancellationRequested)
                {
                    return;
                }
                catch (SocketException)
                {
                    return;
                }

                _clients[client] = true;
                _ = Task.Run(() => ServeAsync(client));
            }
        }

        private async Task ServeAsync(TcpClient client)
        {
            try
            {
                using NetworkStream net = client.GetStream();
                var reader = new BufferedStream(net, 16 * 1024);
                while (!_stop.IsCancellationRequested)
                {
                    string? head = await ReadHeadAsync(reader).ConfigureAwait(false);
                    if (head == null)
                    {
                        return;
                    }

                    bool close = await ForwardAsync(head, reader, net).ConfigureAwait(false);
                    if (close)
                    {
                        return;
                    }
                }
            }
            catch (Exception e) when (e is IOException || e is SocketException || e is ObjectDisposedException || e is OperationCanceledException)
            {
            }
            finally
            {
                _clients.TryRemove(client, out _);
                client.Dispose();
            }
        }

        private async Task<bool> ForwardAsync(string head, Stream reader, Stream writer)
        {
            string[] lines = head.Split("\r\n");
            string[] requestLine = lines[0].Split(' ');
            string method = requestLine[0];
            string target = requestLine[1];
            var headers = new List<KeyValuePair<string, string>>();
            long contentLength = 0;
            bool close = false;
            foreach (string line in lines.Skip(1).Where(l => l.Length > 0))
            {
                int colon = line.IndexOf(':');
                string name = line.Substring(0, colon).Trim();
                string value = line.Substring(colon + 1).Trim();
                if (name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
                {
                    contentLength = long.Parse(value, System.Globalization.CultureInfo.InvariantCulture);
                }
                else if (name.Equals("Connection", StringComparison.OrdinalIgnoreCase) && value.Equals("close", StringComparison.OrdinalIgnoreCase))
                {
                    close = true;
                }

                headers.Add(new KeyValuePair<string, string>(name, value));
            }

            byte[]? body = null;
            if (contentLength > 0)
            {
                body = new byte[contentLength];
                await reader.ReadExactlyAsync(body, _stop.Token).ConfigureAwait(false);
            }

            using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(_upstream, target));
            if (body != null)
            {
                request.Content = new ByteArrayContent(body);
            }

            foreach (var (name, value) in headers)
            {
                if (HopHeaders.Contains(name))
                {
                    continue;
                }

                if (!request.Headers.TryAddWithoutValidation(name, value))
                {
                    request.Content?.Headers.TryAddWithoutValidation(name, value);
                }
            }

            using HttpResponseMessage response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, _stop.Token).ConfigureAwait(false);
            byte[] payload = method == "HEAD" ? Array.Empty<byte>() : await response.Content.ReadAsByteArrayAsync(_stop.Token).ConfigureAwait(false);
            var record = new ProxyRequest(method, target, (int)response.StatusCode);
            _requests.Enqueue(record);
            if (method == "GET" && payload.Length > 0 && CorruptBlobDigest != null && record.BlobDigest == CorruptBlobDigest)
            {
                payload[payload.Length / 2] ^= 0x5A;
            }

            bool cut = method == "GET" && payload.Length > 1 && CutBlobDigest != null && record.BlobDigest == CutBlobDigest
                && Interlocked.Exchange(ref _cutDone, 1) == 0;
            bool stall = method == "GET" && payload.Length > 1 && StallBlobDigest != null && record.BlobDigest == StallBlobDigest
                && Interlocked.Increment(ref _stalls) <= StallCount;
            var text = new StringBuilder();
            text.Append("HTTP/1.1 ").Append((int)response.StatusCode).Append(' ').Append(response.ReasonPhrase ?? "Status").Append("\r\n");
            foreach (var header in response.Headers.Concat(response.Content.Headers))
            {
                if (HopHeaders.Contains(header.Key))
                {
                    continue;
                }

                foreach (string value in header.Value)
                {
                    string v = header.Key.Equals("Location", StringComparison.OrdinalIgnoreCase)
                        ? value.Replace(_upstream.Authority, Host, StringComparison.OrdinalIgnoreCase)
                        : value;
                    text.Append(header.Key).Append(": ").Append(v).Append("\r\n");
                }
            }

            long length = method == "HEAD" ? response.Content.Headers.ContentLength ?? 0 : payload.Length;
            text.Append("Content-Length: ").Append(length).Append("\r\n");
            text.Append(close ? "Connection: close\r\n" : "Connection: keep-alive\r\n");
            text.Append("\r\n");
            byte[] headBytes = Encoding.ASCII.GetBytes(text.ToString());
            await writer.WriteAsync(headBytes, _stop.Token).ConfigureAwait(false);
            await writer.WriteAsync(cut || stall ? payload.AsMemory(0, payload.Length / 2) : payload, _stop.Token).ConfigureAwait(false);
            await writer.FlushAsync(_stop.Token).ConfigureAwait(false);
            if (stall)
            {
                _stallReached.TrySetResult(true);
                await Task.Delay(Timeout.Infinite, _stop.Token).ConfigureAwait(false); // silent, connection open
            }

            return close || cut;
        }

        private async Task<string?> ReadHeadAsync(Stream reader)
        {
            var bytes = new List<byte>(1024);
            var one = new byte[1];
            while (true)
            {
                int n = await reader.ReadAsync(one, _stop.Token).ConfigureAwait(false);
                if (n == 0)
                {
                    return bytes.Count == 0 ? null : throw new IOException("connection closed inside a request head");
                }

                bytes.Add(one[0]);
                int c = bytes.Count;
                if (c >= 4 && bytes[c - 4] == '\r' && bytes[c - 3] == '\n' && bytes[c - 2] == '\r' && bytes[c - 1] == '\n')
                {
                    return Encoding.ASCII.GetString(bytes.ToArray(), 0, c - 4);
                }
            }
        }
    }
}
