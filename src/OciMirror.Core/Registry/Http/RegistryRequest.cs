using System;
using System.Collections.Generic;
using System.Net.Http;
using OciMirror.Core.Model;

namespace OciMirror.Core.Registry.Http
{
    /// <summary>
    /// One logical request to a registry, rebuilt into a fresh HttpRequestMessage for every attempt (a
    /// retry, an authentication round, a redirect hop). It also carries what error messages name.
    /// </summary>
    internal sealed class RegistryRequest
    {
        public RegistryRequest(HttpMethod method, string registry, string apiHost, string pathAndQuery)
        {
            Method = method;
            Registry = registry;
            ApiHost = apiHost;
            PathAndQuery = pathAndQuery;
        }

        public HttpMethod Method { get; }

        /// <summary>Normalized registry name (<c>docker.io</c>): credentials and messages use it.</summary>
        public string Registry { get; }

        /// <summary>The host[:port] contacted (<c>registry-1.docker.io</c> for docker.io).</summary>
        public string ApiHost { get; }

        /// <summary>A path starting with <c>/v2/</c>, resolved against the registry's base URI.</summary>
        public string PathAndQuery { get; }

        /// <summary>An absolute URL (an upload Location, a token realm) that overrides <see cref="PathAndQuery"/>.</summary>
        public Uri? AbsoluteUri { get; set; }

        /// <summary>Media types for the Accept header (manifest requests).</summary>
        public IReadOnlyList<string>? Accept { get; set; }

        /// <summary>Builds the body for one attempt; null for a body-less request.</summary>
        public Func<HttpContent>? Content { get; set; }

        /// <summary>
        /// True when <see cref="Content"/> can be built again (bytes in memory) or there is none: only then
        /// may the request be retried or repeated after a 401.
        /// </summary>
        public bool Resendable { get; set; } = true;

        /// <summary>Whether a retryable status or broken connection leads to another attempt.</summary>
        public bool Retry { get; set; } = true;

        /// <summary>Follow 301/302/303/307/308 (blob downloads redirect to object storage).</summary>
        public bool FollowRedirects { get; set; }

        /// <summary>Token scopes this request needs (<c>repository:a/b:pull</c>); empty for /v2/.</summary>
        public IReadOnlyList<string> Scopes { get; set; } = Array.Empty<string>();

        /// <summary>Skip the authenticator: token endpoint requests set their own header.</summary>
        public bool Anonymous { get; set; }

        /// <summary>An explicit Authorization header (scheme, parameter) for <see cref="Anonymous"/> requests.</summary>
        public System.Net.Http.Headers.AuthenticationHeaderValue? Authorization { get; set; }

        /// <summary>Declared body size for the request log; null when unknown.</summary>
        public long? BodyLength { get; set; }

        /// <summary>Verb phrase for messages, for example "fetch manifest".</summary>
        public string Operation { get; set; } = "access";

        /// <summary>The repository involved, or null for registry-wide requests.</summary>
        public string? Repository { get; set; }

        /// <summary>What messages name: <c>host/repository:tag</c> or <c>host/repository@digest</c>.</summary>
        public string? Reference { get; set; }

        /// <summary>The digest involved, if known.</summary>
        public Digest? Digest { get; set; }

        /// <summary>Extra request headers (conditional requests: If-Match, If-None-Match), sent on every attempt; null for none.</summary>
        public IReadOnlyList<KeyValuePair<string, string>>? Headers { get; set; }

        /// <summary>When set, a <c>Range: bytes=N-</c> header asks for the body from byte N on (resumed downloads).</summary>
        public long? RangeFrom { get; set; }

        /// <summary>
        /// A copy of this body-less request for resuming its download at byte <paramref name="from"/>, sent to
        /// <paramref name="absoluteUri"/> (a redirect target) when given, else to the registry's own URL.
        /// </summary>
        public RegistryRequest ForRange(long from, Uri? absoluteUri) =>
            new RegistryRequest(Method, Registry, ApiHost, PathAndQuery)
            {
                AbsoluteUri = absoluteUri ?? AbsoluteUri,
                Accept = Accept,
                FollowRedirects = FollowRedirects,
                Scopes = Scopes,
                Operation = Operation,
                Repository = Repository,
                Reference = Reference,
                Digest = Digest,
                RangeFrom = from,
            };
    }
}
