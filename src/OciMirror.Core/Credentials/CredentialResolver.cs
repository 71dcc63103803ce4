using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Diagnostics;
using OciMirror.Core.Registry.Auth;

namespace OciMirror.Core.Credentials
{
    /// <summary>
    /// Every credential source in the order of DESIGN.md §7; the first that has something wins:
    /// 1. the explicit credential (<see cref="CredentialResolverOptions.Credential"/>), for every registry;
    /// 2. <c>REGISTRY_AUTH_FILE</c>; 3. <c>$DOCKER_CONFIG/config.json</c> or <c>~/.docker/config.json</c>;
    /// 4. podman's auth.json (<c>$XDG_RUNTIME_DIR</c>, <c>$XDG_CONFIG_HOME</c>, <c>$HOME/.config</c>), namespace
    /// keys most specific first; 5. a credential helper: the first <c>credHelpers[host]</c> of those files,
    /// else the first <c>credsStore</c>. Anonymous (null) otherwise. An explicit auth file replaces 2–4.
    /// Helpers come last because they need a child process, which Azure Automation sandboxes forbid.
    /// Results are cached per registry and repository for the life of the resolver (helpers are slow);
    /// errors are not cached. Lookups are serialized. Logs the supplying source at Debug level, never a secret.
    /// </summary>
    public sealed class CredentialResolver : IRepositoryCredentialProvider
    {
        private readonly CredentialResolverOptions _options;
        private readonly ILogSink _log;
        private readonly AuthFileSet _files;
        private readonly CredentialHelperClient _helpers;
        private readonly Dictionary<string, RegistryCredential?> _cache = new Dictionary<string, RegistryCredential?>(StringComparer.Ordinal);
        private readonly SemaphoreSlim _gate = new SemaphoreSlim(1, 1);

        /// <param name="options">The sources to use; defaults when null. Read once, here.</param>
        /// <param name="environment">The machine; <see cref="SystemCredentialEnvironment.Instance"/> when null.</param>
        /// <exception cref="ArgumentOutOfRangeException"><see cref="CredentialResolverOptions.HelperTimeout"/> is not positive.</exception>
        public CredentialResolver(CredentialResolverOptions? options = null, ICredentialEnvironment? environment = null)
        {
            _options = options ?? new CredentialResolverOptions();
            ICredentialEnvironment env = environment ?? SystemCredentialEnvironment.Instance;
            _log = _options.Log ?? NullLogSink.Instance;
            _helpers = new CredentialHelperClient(env, _options.HelperTimeout);
            _files = new AuthFileSet(env, AuthFileLocations.Resolve(env, _options.AuthFile));
        }

        /// <inheritdoc />
        /// <exception cref="Errors.OciException">A file that cannot be read or parsed, a missing explicit
        /// auth file, or a helper that is missing, fails, hangs or prints garbage (see <see cref="CredentialHelperClient.GetAsync"/>).</exception>
        public Task<RegistryCredential?> GetCredentialAsync(string registry, CancellationToken cancellationToken) =>
            GetCredentialAsync(registry, null, cancellationToken);

        /// <inheritdoc />
        /// <exception cref="Errors.OciException">As <see cref="GetCredentialAsync(string, CancellationToken)"/>.</exception>
        public async Task<RegistryCredential?> GetCredentialAsync(string registry, string? repository, CancellationToken cancellationToken)
        {
            if (string.IsNullOrWhiteSpace(registry))
            {
                throw new ArgumentException("A registry host is required.", nameof(registry));
            }

            string host = AuthKeys.NormalizeRegistry(registry);
            string cacheKey = host + "/" + (repository ?? string.Empty).Trim('/');
            await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                if (_cache.TryGetValue(cacheKey, out RegistryCredential? cached))
                {
                    return cached;
                }

                RegistryCredential? credential = await ResolveAsync(host, repository, cancellationToken).ConfigureAwait(false);
                _cache[cacheKey] = credential;
                return credential;
            }
            finally
            {
                _gate.Release();
            }
        }

        /// <summary>
        /// True when the resolver answers every registry with the explicit credential
        /// (<see cref="CredentialResolverOptions.Credential"/>): per-host settings then do not apply.
        /// </summary>
        public bool HasExplicitCredential => _options.Credential != null;

        public override string ToString() =>
            _options.Credential != null ? "credential resolver (explicit credential)" : $"credential resolver ({_files.Locations.Count} auth file locations, helpers {(_options.UseCredentialHelpers ? "on" : "off")})";

        private async Task<RegistryCredential?> ResolveAsync(string host, string? repository, CancellationToken cancellationToken)
        {
            if (_options.Credential != null)
            {
                Report(host, repository, "the explicit credential", _options.Credential);
                return _options.Credential;
            }

            string? helper = null;
            string? helperSource = null;
            string? store = null;
            string? storeSource = null;
            foreach (AuthFileLocation location in _files.Locations)
            {
                DockerConfigFile? file = await _files.GetAsync(location, cancellationToken).ConfigureAwait(false);
                if (file == null)
                {
                    continue;
                }

                RegistryCredential? found = file.FindCredential(host, repository, out string? key);
                if (found != null)
                {
                    Report(host, repository, $"{location} (key '{key}')", found);
                    return found;
                }

                if (helper == null && file.FindCredentialHelper(host) is string named)
                {
                    (helper, helperSource) = (named, $"credHelpers of {location}");
                }

                if (store == null && file.CredsStore != null)
                {
                    (store, storeSource) = (file.CredsStore, $"credsStore of {location}");
                }
            }

            string? chosen = helper ?? store;
            if (chosen == null)
            {
                Report(host, repository, null, null);
                return null;
            }

            string source = $"credential helper '{_helpers.ExecutableName(chosen)}' ({helperSource ?? storeSource})";
            if (!_options.UseCredentialHelpers)
            {
                _log.Log(LogLevel.Debug, $"Credentials for '{host}': {source} skipped because credential helpers are turned off.");
                Report(host, repository, null, null);
                return null;
            }

            RegistryCredential? fromHelper = await _helpers.GetAsync(chosen, host, cancellationToken).ConfigureAwait(false);
            Report(host, repository, fromHelper == null ? null : source, fromHelper);
            return fromHelper;
        }

        private void Report(string host, string? repository, string? source, RegistryCredential? credential)
        {
            string target = string.IsNullOrEmpty(repository) ? $"'{host}'" : $"'{host}' (repository '{repository}')";
            _log.Log(LogLevel.Debug, credential == null
                ? $"Credentials for {target}: none found; using anonymous access."
                : $"Credentials for {target}: {Describe(credential)} from {source}.");
        }

        private static string Describe(RegistryCredential credential) =>
            credential.RegistryToken != null ? "a registry token" : credential.IdentityToken != null ? "an identity token" : credential.ToString();
    }
}
