using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace OciMirror.Integration.Tests.Infrastructure.Security
{
    /// <summary>
    /// A distribution token service inside the test (docs/spec/auth/token.md, oauth.md) on 127.0.0.1:
    /// GET /token with Basic credentials or anonymous, POST /token with <c>grant_type=password</c> or
    /// <c>grant_type=refresh_token</c>. Issues RS256 JWTs whose header carries <c>x5c</c> = [the signing
    /// certificate] (distribution 2.8 verifies the chain against its <c>rootcertbundle</c>) and claims iss,
    /// sub, aud=service, exp, nbf, iat, jti and <c>access</c> granting what was asked — only <c>pull</c>
    /// for read-only users (a partial grant), nothing for anonymous requests. Refresh tokens are issued
    /// for <c>offline_token=true</c>/<c>access_type=offline</c> and by <see cref="CreateRefreshToken"/>.
    /// Records every request and every secret it handed out.
    /// </summary>
    public sealed class TokenIssuer : IAsyncDisposable
    {
        public const string DefaultService = "ocimirror-test-registry";
        public const string DefaultIssuerName = "ocimirror-test-issuer";

        private readonly ConcurrentDictionary<string, (string Password, bool ReadOnly)> _users = new ConcurrentDictionary<string, (string, bool)>(StringComparer.Ordinal);
        private readonly ConcurrentDictionary<string, string> _refreshTokens = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        private readonly ConcurrentQueue<TokenRequestRecord> _requests = new ConcurrentQueue<TokenRequestRecord>();
        private readonly ConcurrentQueue<string> _issued = new ConcurrentQueue<string>();
        private readonly object _gate = new object();
        private X509Certificate2 _signing;
        private int _poisonNext;

        private TokenIssuer(X509Certificate2 signing)
        {
            _signing = signing;
        }

        public string Service { get; set; } = DefaultService;

        public string IssuerName { get; set; } = DefaultIssuerName;

        /// <summary>The <c>expires_in</c> (and exp claim) of issued tokens, seconds. Default 300.</summary>
        public int ExpiresInSeconds { get; set; } = 300;

        /// <summary>Answer GET /token with 405 so that clients must use POST (grant_type=password). Default false.</summary>
        public bool RefuseGet { get; set; }

        /// <summary>The realm URL for the registry's <c>auth.token.realm</c>.</summary>
        public string Realm => Server.BaseUri + "token";

        public LoopbackServer Server { get; private set; } = null!;

        /// <summary>The certificate whose key signs tokens now.</summary>
        public X509Certificate2 SigningCertificate
        {
            get
            {
                lock (_gate)
                {
                    return _signing;
                }
            }
        }

        /// <summary>Every request so far, in arrival order.</summary>
        public IReadOnlyList<TokenRequestRecord> Requests => _requests.ToArray();

        /// <summary>Every access and refresh token handed out over HTTP (not those of <see cref="MintToken"/>).</summary>
        public IReadOnlyList<string> IssuedSecrets => _issued.ToArray();

        /// <summary>Starts an issuer signing with a fresh self-signed certificate; HTTPS when <paramref name="tlsCertificate"/> is given.</summary>
        public static async Task<TokenIssuer> StartAsync(X509Certificate2? tlsCertificate = null)
        {
            var issuer = new TokenIssuer(TestPki.CreateSigningCertificate("ocimirror-test-token-signer"));
            issuer.Server = await LoopbackServer.StartAsync(issuer.HandleAsync, tlsCertificate).ConfigureAwait(false);
            return issuer;
        }

        /// <summary>A registry <c>auth.token</c> section trusting the current signing certificate (written to <paramref name="bundlePath"/>).</summary>
        public TokenAuthSettings RegistrySettings(string bundlePath)
        {
            System.IO.File.WriteAllText(bundlePath, TestPki.Pem(SigningCertificate));
            return new TokenAuthSettings(Realm, Service, IssuerName, bundlePath);
        }

        public void AddUser(string user, string password, bool readOnly = false) => _users[user] = (password, readOnly);

        /// <summary>Sign with a new key from now on (tokens signed before stay signed with the old one).</summary>
        public X509Certificate2 RotateSigningKey()
        {
            X509Certificate2 next = TestPki.CreateSigningCertificate("ocimirror-test-token-signer-" + Guid.NewGuid().ToString("N").Substring(0, 6));
            lock (_gate)
            {
                _signing = next;
            }

            return next;
        }

        /// <summary>The next <paramref name="count"/> tokens are issued already expired (beyond distribution's 60 s leeway): the registry rejects them.</summary>
        public void IssueRejectedTokens(int count) => System.Threading.Interlocked.Exchange(ref _poisonNext, count);

        /// <summary>A refresh token for <paramref name="user"/>, as <c>docker login</c> would store in <c>identitytoken</c>.</summary>
        public string CreateRefreshToken(string user)
        {
            string token = "rt-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(24)).ToLowerInvariant();
            _refreshTokens[token] = user;
            return token;
        }

        /// <summary>A token for the test's own raw-HTTP probes; not recorded.</summary>
        public string MintToken(string subject, params string[] scopes) => Sign(subject, Grant(scopes, readOnly: false), ExpiresInSeconds, expired: false);

        public void ClearRequests()
        {
            while (_requests.TryDequeue(out _))
            {
            }
        }

        public ValueTask DisposeAsync() => Server.DisposeAsync();

        private async Task HandleAsync(HttpContext context)
        {
            HttpRequest request = context.Request;
            if (request.Path != "/token")
            {
                context.Response.StatusCode = 404;
                return;
            }

            if (HttpMethods.IsGet(request.Method))
            {
                await HandleGetAsync(context).ConfigureAwait(false);
            }
            else if (HttpMethods.IsPost(request.Method) && request.HasFormContentType)
            {
                await HandlePostAsync(context).ConfigureAwait(false);
            }
            else
            {
                context.Response.StatusCode = 405;
            }
        }

        private async Task HandleGetAsync(HttpContext context)
        {
            IQueryCollection q = context.Request.Query;
            string[] scopes = SplitScopes(q["scope"]);
            bool offline = string.Equals(q["offline_token"], "true", StringComparison.OrdinalIgnoreCase);
            if (RefuseGet)
            {
                Record("GET", null, null, scopes, offline, 405, q["service"]);
                context.Response.StatusCode = 405;
                return;
            }

            string? account = null;
            bool readOnly = false;
            string? header = context.Request.Headers.Authorization;
            if (!string.IsNullOrEmpty(header))
            {
                if (!TryBasic(header!, out string user, out string password) || !Check(user, password, out readOnly))
                {
                    Record("GET", null, null, scopes, offline, 401, q["service"]);
                    await WriteErrorAsync(context, 401, "UNAUTHORIZED", "invalid credentials").ConfigureAwait(false);
                    return;
                }

                account = user;
            }

            Record("GET", null, account, scopes, offline, 200, q["service"]);
            JsonArray access = account == null ? new JsonArray() : Grant(scopes, readOnly);
            string token = Issue(account ?? string.Empty, access);
            var body = new JsonObject
            {
                ["token"] = token,
                ["access_token"] = token,
                ["expires_in"] = ExpiresInSeconds,
                ["issued_at"] = DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ"),
            };
            if (offline && account != null)
            {
                body["refresh_token"] = NewRefreshToken(account);
            }

            await WriteJsonAsync(context, 200, body).ConfigureAwait(false);
        }

        private async Task HandlePostAsync(HttpContext context)
        {
            IFormCollection form = await context.Request.ReadFormAsync().ConfigureAwait(false);
            string grant = form["grant_type"].ToString();
            string[] scopes = SplitScopes(form["scope"]);
            bool offline = string.Equals(form["access_type"], "offline", StringComparison.OrdinalIgnoreCase);
            string? account = null;
            bool readOnly = false;
            if (grant == "password")
            {
                if (Check(form["username"].ToString(), form["password"].ToString(), out readOnly))
                {
                    account = form["username"].ToString();
                }
            }
            else if (grant == "refresh_token")
            {
                if (_refreshTokens.TryGetValue(form["refresh_token"].ToString(), out string? user) && _users.TryGetValue(user, out var u))
                {
                    account = user;
                    readOnly = u.ReadOnly;
                }
            }
            else
            {
                Record("POST", grant, null, scopes, offline, 400, form["service"]);
                await WriteErrorAsync(context, 400, "unsupported_grant_type", "unsupported grant type").ConfigureAwait(false);
                return;
            }

            if (account == null)
            {
                Record("POST", grant, null, scopes, offline, 401, form["service"]);
                await WriteErrorAsync(context, 401, "invalid_grant", "invalid credentials").ConfigureAwait(false);
                return;
            }

            Record("POST", grant, account, scopes, offline, 200, form["service"]);
            string token = Issue(account, Grant(scopes, readOnly));
            var body = new JsonObject
            {
                ["access_token"] = token,
                ["scope"] = string.Join(" ", scopes),
                ["expires_in"] = ExpiresInSeconds,
                ["issued_at"] = DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ"),
            };
            if (offline || grant == "refresh_token")
            {
                body["refresh_token"] = grant == "refresh_token" ? form["refresh_token"].ToString() : NewRefreshToken(account);
            }

            await WriteJsonAsync(context, 200, body).ConfigureAwait(false);
        }

        private string Issue(string subject, JsonArray access)
        {
            bool expired = System.Threading.Interlocked.Decrement(ref _poisonNext) >= 0;
            if (!expired)
            {
                System.Threading.Interlocked.Exchange(ref _poisonNext, 0);
            }

            string token = Sign(subject, access, ExpiresInSeconds, expired);
            _issued.Enqueue(token);
            return token;
        }

        private string NewRefreshToken(string account)
        {
            string token = CreateRefreshToken(account);
            _issued.Enqueue(token);
            return token;
        }

        private string Sign(string subject, JsonArray access, int lifetime, bool expired)
        {
            X509Certificate2 signing = SigningCertificate;
            long now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
            if (expired)
            {
                now -= 3600; // far beyond distribution's 60 s leeway
            }

            var header = new JsonObject
            {
                ["typ"] = "JWT",
                ["alg"] = "RS256",
                ["x5c"] = new JsonArray(Convert.ToBase64String(signing.RawData)),
            };
            var claims = new JsonObject
            {
                ["iss"] = IssuerName,
                ["sub"] = subject,
                ["aud"] = Service,
                ["exp"] = now + lifetime,
                ["nbf"] = now - 10,
                ["iat"] = now,
                ["jti"] = Guid.NewGuid().ToString("N"),
                ["access"] = access,
            };
            string signingInput = Base64Url(Encoding.UTF8.GetBytes(header.ToJsonString())) + "." + Base64Url(Encoding.UTF8.GetBytes(claims.ToJsonString()));
            using RSA key = signing.GetRSAPrivateKey()!;
            byte[] signature = key.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            return signingInput + "." + Base64Url(signature);
        }

        private static JsonArray Grant(IEnumerable<string> scopes, bool readOnly)
        {
            var access = new JsonArray();
            foreach (string scope in scopes)
            {
                int first = scope.IndexOf(':');
                int last = scope.LastIndexOf(':');
                if (first <= 0 || last <= first)
                {
                    continue;
                }

                string[] actions = scope.Substring(last + 1).Split(',', StringSplitOptions.RemoveEmptyEntries);
                if (readOnly)
                {
                    actions = actions.Where(a => a == "pull").ToArray();
                }

                access.Add(new JsonObject
                {
                    ["type"] = scope.Substring(0, first),
                    ["name"] = scope.Substring(first + 1, last - first - 1),
                    ["actions"] = new JsonArray(actions.Select(a => (JsonNode?)JsonValue.Create(a)).ToArray()),
                });
            }

            return access;
        }

        private bool Check(string user, string password, out bool readOnly)
        {
            readOnly = false;
            if (_users.TryGetValue(user, out var u) && u.Password == password)
            {
                readOnly = u.ReadOnly;
                return true;
            }

            return false;
        }

        private static bool TryBasic(string header, out string user, out string password)
        {
            user = password = string.Empty;
            if (!header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }

            try
            {
                string text = Encoding.UTF8.GetString(Convert.FromBase64String(header.Substring(6).Trim()));
                int colon = text.IndexOf(':');
                if (colon < 0)
                {
                    return false;
                }

                user = text.Substring(0, colon);
                password = text.Substring(colon + 1);
                return true;
            }
            catch (FormatException)
            {
                return false;
            }
        }

        private static string[] SplitScopes(StringValues values) =>
            values.SelectMany(v => (v ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries)).OrderBy(s => s, StringComparer.Ordinal).ToArray();

        private void Record(string method, string? grant, string? account, string[] scopes, bool offline, int status, StringValues service) =>
            _requests.Enqueue(new TokenRequestRecord(method, grant, account, scopes, offline, status, service.Count == 0 ? null : service.ToString()));

        private static Task WriteErrorAsync(HttpContext context, int status, string code, string message) =>
            WriteJsonAsync(context, status, new JsonObject { ["error"] = code, ["error_description"] = message, ["details"] = message });

        private static async Task WriteJsonAsync(HttpContext context, int status, JsonObject body)
        {
            context.Response.StatusCode = status;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(body.ToJsonString()).ConfigureAwait(false);
        }

        private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }
}
