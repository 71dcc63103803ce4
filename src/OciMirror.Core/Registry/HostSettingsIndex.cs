using System;
using System.Collections.Generic;
using System.Linq;
using OciMirror.Core.Credentials;

namespace OciMirror.Core.Registry
{
    /// <summary>
    /// <see cref="RegistryAccessOptions.Hosts"/> with normalized keys: lowercase host[:port], no scheme or
    /// path, Docker Hub aliases (<c>index.docker.io</c>, <c>registry-1.docker.io</c>) as <c>docker.io</c>.
    /// </summary>
    internal sealed class HostSettingsIndex
    {
        private readonly Dictionary<string, RegistryHostSettings> _hosts = new Dictionary<string, RegistryHostSettings>(StringComparer.OrdinalIgnoreCase);

        public HostSettingsIndex(IReadOnlyDictionary<string, RegistryHostSettings>? hosts)
        {
            foreach (KeyValuePair<string, RegistryHostSettings> entry in hosts ?? new Dictionary<string, RegistryHostSettings>())
            {
                if (!string.IsNullOrWhiteSpace(entry.Key) && entry.Value != null)
                {
                    _hosts[Normalize(entry.Key)] = entry.Value;
                }
            }
        }

        /// <summary>True when no host has settings.</summary>
        public bool IsEmpty => _hosts.Count == 0;

        /// <summary>True when some host's settings name credentials.</summary>
        public bool HasCredentials => _hosts.Values.Any(h => h.HasCredentials);

        /// <summary>True when some host's credentials beat even an explicit side credential.</summary>
        public bool HasOverridingCredentials => _hosts.Values.Any(h => h.HasCredentials && h.OverridesExplicitCredential);

        /// <summary>The lookup form of a host key or registry name (see the class summary).</summary>
        public static string Normalize(string host) => AuthKeys.NormalizeKey(host, keepNamespace: false);

        /// <summary>The settings of <paramref name="host"/> (any spelling), or null.</summary>
        public RegistryHostSettings? Find(string host) =>
            _hosts.Count != 0 && _hosts.TryGetValue(Normalize(host), out RegistryHostSettings? settings) ? settings : null;
    }
}
