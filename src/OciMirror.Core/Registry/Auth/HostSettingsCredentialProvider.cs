using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Credentials;
using OciMirror.Core.Diagnostics;

namespace OciMirror.Core.Registry.Auth
{
    /// <summary>
    /// Puts the credentials of <see cref="RegistryAccessOptions.Hosts"/> in front of the side's provider:
    /// a host's user name and password, else the host's auth file (a <see cref="CredentialResolver"/> on
    /// that file and the helpers it names), else the side's provider (auth files, helpers). An explicit
    /// side credential (<see cref="StaticCredentialProvider"/>, or a resolver with
    /// <see cref="CredentialResolver.HasExplicitCredential"/>) wins for every host, except a host whose settings
    /// say <see cref="RegistryHostSettings.OverridesExplicitCredential"/> (a sync file's <c>credentials</c>, which
    /// beat the command line for their registry as in skopeo).
    /// </summary>
    internal sealed class HostSettingsCredentialProvider : IRepositoryCredentialProvider
    {
        private readonly HostSettingsIndex _hosts;
        private readonly ICredentialProvider? _fallback;
        private readonly ILogSink _log;
        private readonly bool _explicit;
        private readonly ConcurrentDictionary<string, CredentialResolver> _authFiles = new ConcurrentDictionary<string, CredentialResolver>(StringComparer.Ordinal);

        private HostSettingsCredentialProvider(HostSettingsIndex hosts, ICredentialProvider? fallback, bool explicitFallback, ILogSink log)
        {
            _hosts = hosts;
            _fallback = fallback;
            _explicit = explicitFallback;
            _log = log;
        }

        /// <summary>The provider to use for a side: <paramref name="side"/> itself when no host names credentials or it is explicit.</summary>
        public static ICredentialProvider? Compose(ICredentialProvider? side, HostSettingsIndex hosts, ILogSink log)
        {
            bool explicitCredential = side is StaticCredentialProvider || (side is CredentialResolver resolver && resolver.HasExplicitCredential);
            bool wrap = explicitCredential ? hosts.HasOverridingCredentials : hosts.HasCredentials;
            return wrap ? new HostSettingsCredentialProvider(hosts, side, explicitCredential, log) : side;
        }

        public Task<RegistryCredential?> GetCredentialAsync(string registry, CancellationToken cancellationToken) =>
            GetCredentialAsync(registry, null, cancellationToken);

        /// <exception cref="Errors.OciException">The host's auth file cannot be read or parsed, or a helper it names fails.</exception>
        public async Task<RegistryCredential?> GetCredentialAsync(string registry, string? repository, CancellationToken cancellationToken)
        {
            RegistryHostSettings? settings = _hosts.Find(registry);
            if (_explicit && settings?.OverridesExplicitCredential != true)
            {
                settings = null;
            }

            if (settings != null && !string.IsNullOrEmpty(settings.Username) && settings.Password != null)
            {
                _log.Log(LogLevel.Debug, $"Credentials for '{registry}': user '{settings.Username}' from the registry settings of that host.");
                return new RegistryCredential(settings.Username, settings.Password);
            }

            if (settings != null && !string.IsNullOrEmpty(settings.AuthFile))
            {
                CredentialResolver resolver = _authFiles.GetOrAdd(settings.AuthFile!, file => new CredentialResolver(new CredentialResolverOptions { AuthFile = file, Log = _log }));
                RegistryCredential? found = await resolver.GetCredentialAsync(registry, repository, cancellationToken).ConfigureAwait(false);
                if (found != null)
                {
                    return found;
                }
            }

            return _fallback switch
            {
                null => null,
                IRepositoryCredentialProvider aware => await aware.GetCredentialAsync(registry, repository, cancellationToken).ConfigureAwait(false),
                _ => await _fallback.GetCredentialAsync(registry, cancellationToken).ConfigureAwait(false),
            };
        }

        public override string ToString() => "registry host settings, then " + (_fallback?.ToString() ?? "anonymous");
    }
}
