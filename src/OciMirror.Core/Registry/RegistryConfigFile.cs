using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Credentials;
using OciMirror.Core.Errors;
using OciMirror.Core.Registry.Config;

namespace OciMirror.Core.Registry
{
    /// <summary>
    /// Reads per-registry settings (<see cref="RegistryAccessOptions.Hosts"/>) from a JSON or YAML file, so
    /// that a job touching several registries says everything once:
    /// <code>
    /// registries:
    ///   registry.corp.local:
    ///     ca-file: corp-ca.pem          # relative to this file
    ///     client-cert: client.cert      # with client-key, or a .pfx alone
    ///     client-key: client.key
    ///     insecure: false               # skip TLS verification
    ///     plain-http: false
    ///     username: mirror
    ///     password-env: MIRROR_PASSWORD # or password: ...
    ///     authfile: auth.json
    /// </code>
    /// JSON uses the same keys (<c>{"registries": {"host": {"ca-file": …}}}</c>); a file whose text starts
    /// with '{' is read as JSON. Host keys are normalized like auth-file keys (scheme and path dropped,
    /// lowercase, Docker Hub aliases as <c>docker.io</c>). Files named in it are not opened here.
    /// </summary>
    public static class RegistryConfigFile
    {
        /// <summary>Reads and validates <paramref name="path"/>.</summary>
        /// <returns>Settings per normalized host[:port] (case-insensitive keys); empty for an empty file.</returns>
        /// <exception cref="ArgumentException"><paramref name="path"/> is null or blank.</exception>
        /// <exception cref="OciException">
        /// InvalidConfiguration: the file is missing, unreadable, not JSON/YAML, has an unknown key, a bad value,
        /// a password-env variable that is not set, or two keys for one host. The message names the file,
        /// the host and the field, never a value.
        /// </exception>
        public static Task<IReadOnlyDictionary<string, RegistryHostSettings>> LoadAsync(string path, CancellationToken cancellationToken) =>
            LoadAsync(path, SystemCredentialEnvironment.Instance, cancellationToken);

        /// <summary>As <see cref="LoadAsync(string, CancellationToken)"/>, with environment variables and the home directory from <paramref name="environment"/>.</summary>
        internal static async Task<IReadOnlyDictionary<string, RegistryHostSettings>> LoadAsync(string path, ICredentialEnvironment environment, CancellationToken cancellationToken)
        {
            if (string.IsNullOrWhiteSpace(path))
            {
                throw new ArgumentException("A registry config file path is required.", nameof(path));
            }

            string? text;
            try
            {
                text = await SystemCredentialEnvironment.ReadTextFileAsync(path, cancellationToken).ConfigureAwait(false);
            }
            catch (OciException e)
            {
                throw RegistryConfigReader.Error(path, "it cannot be read (" + e.Message.TrimEnd('.') + ")", e);
            }

            if (text == null)
            {
                throw RegistryConfigReader.Error(path, "it does not exist");
            }

            var result = new Dictionary<string, RegistryHostSettings>(StringComparer.OrdinalIgnoreCase);
            var seen = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (RawHostEntry entry in RegistryConfigReader.Read(text, path))
            {
                string host = entry.Host.Trim().Length == 0 ? string.Empty : HostSettingsIndex.Normalize(entry.Host);
                if (host.Length == 0)
                {
                    throw RegistryConfigReader.Error(path, $"a host key is empty (line {entry.Line})");
                }

                if (seen.TryGetValue(host, out string? first))
                {
                    throw RegistryConfigReader.Error(path, $"hosts '{first}' and '{entry.Host}' (line {entry.Line}) are the same registry '{host}'");
                }

                seen[host] = entry.Host;
                result[host] = HostSettingsBinder.Bind(entry, path, environment.GetEnvironmentVariable, environment.HomeDirectory);
            }

            return result;
        }
    }
}
