using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Registry.Auth;

namespace OciMirror.Core.Credentials
{
    /// <summary>
    /// One parsed docker <c>config.json</c> or containers <c>auth.json</c>: the <c>auths</c> entries
    /// (<c>auth</c> = base64 of user:password, <c>username</c>/<c>password</c>, <c>identitytoken</c>,
    /// <c>registrytoken</c>), <c>credsStore</c> and <c>credHelpers</c>. Keys are normalized (scheme and
    /// path stripped; the Docker Hub aliases <c>https://index.docker.io/v1/</c>, <c>index.docker.io</c>,
    /// <c>registry-1.docker.io</c> and <c>docker.io</c> are one key). Entries with no credential in them
    /// (docker writes <c>{}</c> when a helper holds the secret) are ignored. Immutable;
    /// <see cref="ToString"/> shows the path and counts only.
    /// </summary>
    public sealed class DockerConfigFile
    {
        private readonly IReadOnlyDictionary<string, KeyValuePair<string, RegistryCredential>> _entries;

        internal DockerConfigFile(string path, AuthFileFormat format, IReadOnlyDictionary<string, KeyValuePair<string, RegistryCredential>> entries, string? credsStore, IReadOnlyDictionary<string, string> credentialHelpers)
        {
            Path = path;
            Format = format;
            _entries = entries;
            CredsStore = credsStore;
            CredentialHelpers = credentialHelpers;
        }

        /// <summary>The file the configuration was read from.</summary>
        public string Path { get; }

        /// <summary>How the keys were read.</summary>
        public AuthFileFormat Format { get; }

        /// <summary>The default helper suffix (<c>credsStore</c>), or null.</summary>
        public string? CredsStore { get; }

        /// <summary>Helper suffix per normalized registry host (<c>credHelpers</c>).</summary>
        public IReadOnlyDictionary<string, string> CredentialHelpers { get; }

        /// <summary>The number of <c>auths</c> entries that hold a credential.</summary>
        public int EntryCount => _entries.Count;

        /// <summary>
        /// Parses <paramref name="json"/> read from <paramref name="path"/>. An empty file is an empty
        /// configuration, as in the docker CLI.
        /// </summary>
        /// <exception cref="Errors.OciException">Kind AuthenticationFailed when the text is not JSON (the
        /// message names the file and the line and position, never the content), when a section has the
        /// wrong shape, or when an <c>auth</c> field is not base64 of user:password (the message names
        /// the file and the registry key, never the value).</exception>
        public static DockerConfigFile Parse(string path, string json, AuthFileFormat format) =>
            DockerConfigParser.Parse(path ?? throw new ArgumentNullException(nameof(path)), json ?? string.Empty, format);

        /// <summary>Reads and parses <paramref name="path"/>; null when the file does not exist.</summary>
        /// <exception cref="Errors.OciException">Kind IOFailed when the file cannot be read; see <see cref="Parse"/> for content errors.</exception>
        public static async Task<DockerConfigFile?> LoadAsync(ICredentialEnvironment environment, string path, AuthFileFormat format, CancellationToken cancellationToken)
        {
            if (environment == null)
            {
                throw new ArgumentNullException(nameof(environment));
            }

            string? text = await environment.ReadFileAsync(path, cancellationToken).ConfigureAwait(false);
            return text == null ? null : Parse(path, text, format);
        }

        /// <summary>
        /// The credential stored for <paramref name="registry"/> (and, for the Containers format, the most
        /// specific namespace of <paramref name="repository"/>), or null. <paramref name="matchedKey"/>
        /// receives the key as written in the file.
        /// </summary>
        public RegistryCredential? FindCredential(string registry, string? repository, out string? matchedKey)
        {
            foreach (string candidate in AuthKeys.Candidates(registry, Format == AuthFileFormat.Containers ? repository : null))
            {
                if (_entries.TryGetValue(candidate, out KeyValuePair<string, RegistryCredential> entry))
                {
                    matchedKey = entry.Key;
                    return entry.Value;
                }
            }

            matchedKey = null;
            return null;
        }

        /// <summary>The helper suffix for <paramref name="registry"/>: <c>credHelpers[host]</c>, else null.</summary>
        public string? FindCredentialHelper(string registry) =>
            CredentialHelpers.TryGetValue(AuthKeys.NormalizeRegistry(registry), out string? helper) ? helper : null;

        public override string ToString() =>
            $"{Format} auth file '{Path}' ({EntryCount} credential entries, {CredentialHelpers.Count} helpers{(CredsStore == null ? string.Empty : ", credsStore " + CredsStore)})";
    }
}
