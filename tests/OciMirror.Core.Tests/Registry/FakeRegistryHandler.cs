using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace OciMirror.Core.Tests.Registry
{
    /// <summary>
    /// A strict fake registry: routes map method + host + path to responders, every request is recorded
    /// (with its body read through, so upload content is exercised), and any request without a route
    /// fails the test (like oras-go's "unexpected access" default branch).
    /// </summary>
    internal sealed class FakeRegistryHandler : HttpMessageHandler
    {
        private readonly List<Route> _routes = new List<Route>();
        private readonly List<RecordedRequest> _requests = new List<RecordedRequest>();

        public IReadOnlyList<RecordedRequest> Requests
        {
            get
            {
                lock (_requests)
                {
                    return _requests.ToList();
                }
            }
        }

        public List<string> Unexpected { get; } = new List<string>();

        /// <summary>Adds a route; <paramref name="authority"/> null matches any host.</summary>
        public FakeRegistryHandler On(string method, string path, Func<RecordedRequest, HttpResponseMessage> respond, string? authority = null) =>
            OnAsync(method, path, (r, token) => Task.FromResult(respond(r)), authority);

        /// <summary>Adds a route whose responder may wait (it gets the request's cancellation token).</summary>
        public FakeRegistryHandler OnAsync(string method, string path, Func<RecordedRequest, CancellationToken, Task<HttpResponseMessage>> respond, string? authority = null)
        {
            _routes.Add(new Route(method, path, authority, respond));
            return this;
        }

        public int Count(string method, string path) => Requests.Count(r => r.Method == method && r.Uri.AbsolutePath == path);

        public static HttpResponseMessage Status(int status, Action<HttpResponseMessage>? configure = null)
        {
            var response = new HttpResponseMessage((HttpStatusCode)status) { Content = new ByteArrayContent(Array.Empty<byte>()) };
            configure?.Invoke(response);
            return response;
        }

        public static HttpResponseMessage Bytes(int status, byte[] body, string? contentType = null, Action<HttpResponseMessage>? configure = null)
        {
            var response = new HttpResponseMessage((HttpStatusCode)status) { Content = new ByteArrayContent(body) };
            if (contentType != null)
            {
                response.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
            }

            configure?.Invoke(response);
            return response;
        }

        public static HttpResponseMessage Json(int status, string json, Action<HttpResponseMessage>? configure = null) =>
            Bytes(status, Encoding.UTF8.GetBytes(json), "application/json", configure);

        public static HttpResponseMessage Error(int status, string code, string message, Action<HttpResponseMessage>? configure = null) =>
            Json(status, "{\"errors\":[{\"code\":\"" + code + "\",\"message\":\"" + message + "\",\"detail\":{\"x\":1}}]}", configure);

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            byte[]? body = request.Content == null ? null : await request.Content.ReadAsByteArrayAsync(cancellationToken);
            var recorded = new RecordedRequest(request, body);
            lock (_requests)
            {
                _requests.Add(recorded);
            }

            Route? route = _routes.FirstOrDefault(r => r.Method == recorded.Method && r.Path == request.RequestUri!.AbsolutePath
                && (r.Authority == null || string.Equals(r.Authority, request.RequestUri.Authority, StringComparison.OrdinalIgnoreCase)));
            if (route == null)
            {
                string what = $"unexpected request: {recorded.Method} {request.RequestUri}";
                lock (Unexpected)
                {
                    Unexpected.Add(what);
                }

                throw new InvalidOperationException(what);
            }

            HttpResponseMessage response = await route.Respond(recorded, cancellationToken);
            response.RequestMessage = request;
            return response;
        }

        private sealed class Route
        {
            public Route(string method, string path, string? authority, Func<RecordedRequest, CancellationToken, Task<HttpResponseMessage>> respond)
            {
                Method = method;
                Path = path;
                Authority = authority;
                Respond = respond;
            }

            public string Method { get; }

            public string Path { get; }

            public string? Authority { get; }

            public Func<RecordedRequest, CancellationToken, Task<HttpResponseMessage>> Respond { get; }
        }
    }

    /// <summary>What the fake registry received.</summary>
    internal sealed class RecordedRequest
    {
        public RecordedRequest(HttpRequestMessage request, byte[]? body)
        {
            Method = request.Method.Method;
            Uri = request.RequestUri!;
            Version = request.Version;
            Authorization = request.Headers.Authorization?.ToString();
            Accept = request.Headers.Accept.Select(a => a.MediaType!).ToList();
            ContentType = request.Content?.Headers.ContentType?.MediaType;
            ContentLength = request.Content?.Headers.ContentLength;
            ContentRange = request.Content != null && request.Content.Headers.TryGetValues("Content-Range", out IEnumerable<string>? range) ? range.First() : null;
            ExpectContinue = request.Headers.ExpectContinue;
            Range = request.Headers.Range?.ToString();
            Body = body;
        }

        public string Method { get; }

        public Uri Uri { get; }

        public Version Version { get; }

        public string? Authorization { get; }

        public IReadOnlyList<string> Accept { get; }

        public string? ContentType { get; }

        public long? ContentLength { get; }

        public string? ContentRange { get; }

        public bool? ExpectContinue { get; }

        /// <summary>The Range request header (<c>bytes=300-</c>), if any.</summary>
        public string? Range { get; }

        public byte[]? Body { get; }

        public string Query(string name)
        {
            foreach (string pair in Uri.Query.TrimStart('?').Split('&'))
            {
                int eq = pair.IndexOf('=');
                if (eq > 0 && pair.Substring(0, eq) == name)
                {
                    return Uri.UnescapeDataString(pair.Substring(eq + 1));
                }
            }

            return string.Empty;
        }

        public override string ToString() => Method + " " + Uri;
    }
}
