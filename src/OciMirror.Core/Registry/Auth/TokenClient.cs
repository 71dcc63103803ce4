using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using OciMirror.Core.Diagnostics;
using OciMirror.Core.Errors;
using OciMirror.Core.Registry.Http;

namespace OciMirror.Core.Registry.Auth
{
    /// <summary>
    /// Gets bearer tokens from a challenge's realm: distribution token auth (docs/spec/auth/token.md,
    /// GET with optional Basic credentials) or, with an identity token, the OAuth2 refresh-token grant
    /// (docs/spec/auth/oauth.md, POST form).
    /// </summary>
    internal sealed class TokenClient
    {
        // Token responses are small JSON documents; 128 KiB (as oras-go) bounds a hostile realm.
        private const int MaxTokenResponse = 128 * 1024;
        private const string ClientId = "ocimirror";

        private readonly Func<RegistryRequest, CancellationToken, Task<HttpResponseMessage>> _send;
        private readonly ILogSink _log;

        public TokenClient(Func<RegistryRequest, CancellationToken, Task<HttpResponseMessage>> send, ILogSink log)
        {
            _send = send;
            _log = log;
        }

        /// <summary>The clock for expiry times; tests replace it.</summary>
        public Func<DateTime> Clock { get; set; } = () => DateTime.UtcNow;

        /// <summary>Fetches a token for <paramref name="scopes"/>; 401/403 from the realm become AuthenticationFailed.</summary>
        public async Task<BearerToken> FetchAsync(AuthChallenge challenge, RegistryCredential? credential, RegistryRequest origin, IReadOnlyList<string> scopes, CancellationToken cancellationToken)
        {
            if (!Uri.TryCreate(challenge.Realm, UriKind.Absolute, out Uri? realm) || (realm.Scheme != Uri.UriSchemeHttps && realm.Scheme != Uri.UriSchemeHttp))
            {
                throw new OciException(OciErrorKind.ProtocolError, $"Registry {origin.Registry} sent a bearer challenge with an unusable realm.") { Registry = origin.Registry, Reference = origin.Reference };
            }

            bool refresh = !string.IsNullOrEmpty(credential?.IdentityToken);
            RegistryRequest request = refresh
                ? PostRequest(realm, origin, challenge, scopes, "refresh_token", new KeyValuePair<string, string>("refresh_token", credential!.IdentityToken!))
                : GetRequest(realm, origin, challenge, scopes, credential);
            HttpResponseMessage response = await _send(request, cancellationToken).ConfigureAwait(false);

            // oauth.md: a token service may accept only the OAuth2 POST form; fall back to the password
            // grant when GET is refused as a method (405) and we have a user name and password.
            if (!refresh && credential?.HasBasic == true && (int)response.StatusCode == 405)
            {
                response.Dispose();
                _log.Log(LogLevel.Debug, $"The token service {realm.Host} refused GET; using the OAuth2 password grant (POST).");
                request = PostRequest(
                    realm,
                    origin,
                    challenge,
                    scopes,
                    "password",
                    new KeyValuePair<string, string>("username", credential.Username!),
                    new KeyValuePair<string, string>("password", credential.Password!));
                response = await _send(request, cancellationToken).ConfigureAwait(false);
            }

            bool sentSecret = refresh || credential?.HasBasic == true;
            if ((int)response.StatusCode == 401 || (int)response.StatusCode == 403)
            {
                response.Dispose();
                throw RegistryErrorMapper.AuthenticationFailed(origin, $"the token service {realm.Host} refused {(sentSecret ? "the credentials" : "anonymous access")} for scope '{string.Join(" ", scopes)}'", sentSecret);
            }

            if (!response.IsSuccessStatusCode)
            {
                int status = (int)response.StatusCode;
                response.Dispose();
                throw new OciException(OciErrorKind.AuthenticationFailed, $"The token service {realm.Host} of registry {origin.Registry} answered {status} to a {request.Method} token request for scope '{string.Join(" ", scopes)}'.")
                {
                    Registry = origin.Registry,
                    Reference = origin.Reference,
                    StatusCode = status,
                    RecommendedAction = "Check that the registry's token service is reachable and working; run with --debug / -Debug to see the token requests.",
                };
            }

            BearerToken token = await ParseAsync(response, origin, cancellationToken).ConfigureAwait(false);
            _log.Log(LogLevel.Debug, $"Got a bearer token from {realm.GetLeftPart(UriPartial.Path)} for scope '{string.Join(" ", scopes)}' (cached until {token.ExpiresAt:HH:mm:ss} UTC).");
            return token;
        }

        private RegistryRequest GetRequest(Uri realm, RegistryRequest origin, AuthChallenge challenge, IReadOnlyList<string> scopes, RegistryCredential? credential)
        {
            // token.md: GET realm?service=…&scope=…&scope=… (repeated for several repositories).
            var query = ServiceField(challenge);
            query.AddRange(scopes.Select(s => new KeyValuePair<string, string>("scope", s)));
            string existing = realm.Query.TrimStart('?');
            string all = existing.Length > 0 && query.Count > 0 ? existing + "&" + Encode(query) : existing + Encode(query);
            RegistryRequest request = Request(HttpMethod.Get, new Uri(realm.GetLeftPart(UriPartial.Path) + (all.Length > 0 ? "?" + all : string.Empty)), origin);
            if (credential?.HasBasic == true)
            {
                request.Authorization = RegistryAuthenticator.Basic(credential);
            }

            return request;
        }

        private RegistryRequest PostRequest(Uri realm, RegistryRequest origin, AuthChallenge challenge, IReadOnlyList<string> scopes, string grantType, params KeyValuePair<string, string>[] secrets)
        {
            // oauth.md: POST form with grant_type, client_id, service, scope (space separated) and the grant's fields.
            var form = ServiceField(challenge);
            form.Add(new KeyValuePair<string, string>("scope", string.Join(" ", scopes)));
            form.Add(new KeyValuePair<string, string>("grant_type", grantType));
            form.Add(new KeyValuePair<string, string>("client_id", ClientId));
            form.AddRange(secrets);
            byte[] body = Encoding.ASCII.GetBytes(Encode(form));
            RegistryRequest request = Request(HttpMethod.Post, realm, origin);
            request.Content = () => new ByteArrayContent(body) { Headers = { ContentType = new MediaTypeHeaderValue("application/x-www-form-urlencoded") } };
            return request;
        }

        private static List<KeyValuePair<string, string>> ServiceField(AuthChallenge challenge)
        {
            var fields = new List<KeyValuePair<string, string>>();
            if (!string.IsNullOrEmpty(challenge.Service))
            {
                fields.Add(new KeyValuePair<string, string>("service", challenge.Service!));
            }

            return fields;
        }

        private RegistryRequest Request(HttpMethod method, Uri uri, RegistryRequest origin) =>
            // The registry's API host, not the realm's: the token server is reached with the registry's TLS
            // settings (trust, client certificate), like docker's per-registry transport.
            new RegistryRequest(method, origin.Registry, origin.ApiHost, uri.PathAndQuery)
            {
                AbsoluteUri = uri,
                Anonymous = true,
                Operation = "obtain a token to " + origin.Operation,
                Repository = origin.Repository,
                Reference = origin.Reference,
                Digest = origin.Digest,
            };

        private async Task<BearerToken> ParseAsync(HttpResponseMessage response, RegistryRequest origin, CancellationToken cancellationToken)
        {
            using (response)
            {
                using Stream stream = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
                var buffer = new byte[MaxTokenResponse];
                int total = 0;
                int n;
                while (total < buffer.Length && (n = await stream.ReadAsync(buffer, total, buffer.Length - total, cancellationToken).ConfigureAwait(false)) > 0)
                {
                    total += n;
                }

                JObject? doc = null;
                try
                {
                    using var reader = new JsonTextReader(new StringReader(Encoding.UTF8.GetString(buffer, 0, total))) { DateParseHandling = DateParseHandling.None };
                    doc = JObject.Load(reader);
                }
                catch (JsonException)
                {
                }

                string? value = doc?.Value<string>("token") ?? doc?.Value<string>("access_token");
                if (string.IsNullOrEmpty(value))
                {
                    throw new OciException(OciErrorKind.ProtocolError, $"The token service of registry {origin.Registry} answered without a token.") { Registry = origin.Registry, Reference = origin.Reference };
                }

                // token.md: expires_in defaults to 60 s; stop using a token a little before it expires.
                int lifetime = doc!["expires_in"]?.Type == JTokenType.Integer ? doc.Value<int>("expires_in") : 60;
                lifetime = lifetime <= 0 ? 60 : lifetime;
                double margin = Math.Min(30, lifetime / 5.0);
                return new BearerToken(value!, Clock().AddSeconds(lifetime - margin));
            }
        }

        private static string Encode(IEnumerable<KeyValuePair<string, string>> pairs) =>
            string.Join("&", pairs.Select(p => Uri.EscapeDataString(p.Key) + "=" + Uri.EscapeDataString(p.Value)));
    }
}
