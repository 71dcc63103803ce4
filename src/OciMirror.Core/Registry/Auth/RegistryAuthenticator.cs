using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Registry.Http;

namespace OciMirror.Core.Registry.Auth
{
    /// <summary>
    /// Decides the Authorization header of registry requests. Anonymous until a host answers 401; then
    /// the host's challenge is remembered, so later requests authenticate up front (Basic from the
    /// credential provider, or a cached bearer token for the request's scopes). A configured registry
    /// token is sent as is. Header values never leave this class except on the wire.
    /// </summary>
    internal sealed class RegistryAuthenticator
    {
        private readonly ICredentialProvider? _provider;
        private readonly TokenClient _tokenClient;
        private readonly ConcurrentDictionary<string, Task<RegistryCredential?>> _credentials = new ConcurrentDictionary<string, Task<RegistryCredential?>>(StringComparer.OrdinalIgnoreCase);
        private readonly ConcurrentDictionary<string, AuthChallenge> _challenges = new ConcurrentDictionary<string, AuthChallenge>(StringComparer.OrdinalIgnoreCase);

        public RegistryAuthenticator(ICredentialProvider? provider, TokenClient tokenClient)
        {
            _provider = provider;
            _tokenClient = tokenClient;
        }

        /// <summary>Bearer tokens cached per realm, service and scopes.</summary>
        public TokenCache Tokens { get; } = new TokenCache();

        /// <summary>The Basic header for a user name and password (RFC 7617).</summary>
        public static AuthenticationHeaderValue Basic(RegistryCredential credential) =>
            new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(credential.Username + ":" + credential.Password)));

        /// <summary>The header to send up front, or null for anonymous (no challenge seen yet).</summary>
        public async Task<AuthenticationHeaderValue?> GetAuthorizationAsync(RegistryRequest request, CancellationToken cancellationToken)
        {
            RegistryCredential? credential = await GetCredentialAsync(request.Registry, request.Repository, cancellationToken).ConfigureAwait(false);
            if (!string.IsNullOrEmpty(credential?.RegistryToken))
            {
                return new AuthenticationHeaderValue("Bearer", credential!.RegistryToken);
            }

            if (!_challenges.TryGetValue(request.ApiHost, out AuthChallenge? challenge))
            {
                return null;
            }

            if (!challenge.IsBearer)
            {
                return credential?.HasBasic == true ? Basic(credential) : null;
            }

            return await BearerAsync(challenge, credential, request, TokenScopes.Merge(request.Scopes), cancellationToken).ConfigureAwait(false);
        }

        /// <summary>
        /// Answers a 401: remembers the challenge and returns the header to repeat the request with.
        /// Throws AuthenticationFailed when there is nothing better to send than <paramref name="sent"/>
        /// (no credentials, or these very credentials were just rejected), so a wrong password costs one
        /// round trip, not a retry storm.
        /// </summary>
        public async Task<AuthenticationHeaderValue> OnUnauthorizedAsync(RegistryRequest request, HttpResponseMessage response, AuthenticationHeaderValue? sent, CancellationToken cancellationToken)
        {
            RegistryCredential? credential = await GetCredentialAsync(request.Registry, request.Repository, cancellationToken).ConfigureAwait(false);
            AuthChallenge? challenge = AuthChallenge.FromResponse(response);
            if (challenge == null)
            {
                throw RegistryErrorMapper.AuthenticationFailed(request, "the registry answered 401 without a Basic or Bearer challenge", sent != null);
            }

            if (!string.IsNullOrEmpty(credential?.RegistryToken))
            {
                throw RegistryErrorMapper.AuthenticationFailed(request, "the registry rejected the configured registry token", true);
            }

            _challenges[request.ApiHost] = challenge;
            if (!challenge.IsBearer)
            {
                if (credential?.HasBasic != true)
                {
                    throw RegistryErrorMapper.AuthenticationFailed(request, "the registry requires a user name and password and none is configured", false);
                }

                if (sent?.Scheme == "Basic")
                {
                    throw RegistryErrorMapper.AuthenticationFailed(request, $"the registry rejected the credentials of {credential}", true);
                }

                return Basic(credential);
            }

            if (sent?.Scheme == "Bearer" && sent.Parameter != null)
            {
                Tokens.Invalidate(sent.Parameter);
            }

            AuthenticationHeaderValue header = await BearerAsync(challenge, credential, request, TokenScopes.Merge(request.Scopes.Concat(new[] { challenge.Scope })), cancellationToken).ConfigureAwait(false);
            if (sent != null && sent.Scheme == header.Scheme && sent.Parameter == header.Parameter)
            {
                throw RegistryErrorMapper.AuthenticationFailed(request, "the registry rejected a freshly issued token", credential != null);
            }

            return header;
        }

        private async Task<AuthenticationHeaderValue> BearerAsync(AuthChallenge challenge, RegistryCredential? credential, RegistryRequest request, System.Collections.Generic.IReadOnlyList<string> scopes, CancellationToken cancellationToken)
        {
            string key = TokenCache.Key(challenge.Realm!, challenge.Service, scopes);
            BearerToken token = await Tokens.GetOrFetchAsync(key, () => _tokenClient.FetchAsync(challenge, credential, request, scopes, cancellationToken)).ConfigureAwait(false);
            return new AuthenticationHeaderValue("Bearer", token.Value);
        }

        private async Task<RegistryCredential?> GetCredentialAsync(string registry, string? repository, CancellationToken cancellationToken)
        {
            if (_provider == null)
            {
                return null;
            }

            // Namespace-keyed auth files (podman auth.json) answer per repository; others per registry.
            var repositoryAware = _provider as Credentials.IRepositoryCredentialProvider;
            string key = repositoryAware != null && repository != null ? registry + "/" + repository : registry;

            // One lookup per key (a credential helper is a process start). A failed lookup is forgotten
            // so that a later request asks again; a lookup cancelled by the caller that started it (its
            // artifact failed) is repeated by a caller that was not cancelled.
            while (true)
            {
                Task<RegistryCredential?>? mine = null;
                Task<RegistryCredential?> lookup = _credentials.GetOrAdd(key, _ => mine = repositoryAware != null && repository != null
                    ? repositoryAware.GetCredentialAsync(registry, repository, cancellationToken)
                    : _provider.GetCredentialAsync(registry, cancellationToken));
                try
                {
                    return await lookup.ConfigureAwait(false);
                }
                catch (Exception e)
                {
                    ((ICollection<KeyValuePair<string, Task<RegistryCredential?>>>)_credentials).Remove(new KeyValuePair<string, Task<RegistryCredential?>>(key, lookup));
                    if (e is OperationCanceledException && lookup != mine && !cancellationToken.IsCancellationRequested)
                    {
                        continue;
                    }

                    throw;
                }
            }
        }
    }
}
