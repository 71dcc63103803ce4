using System;
using System.Collections.Generic;
using OciMirror.Core.References;

namespace OciMirror.Core.Credentials
{
    /// <summary>
    /// Normalization of auth-file keys and registry names so that every spelling of one registry meets.
    /// </summary>
    internal static class AuthKeys
    {
        /// <summary>The key docker writes for Docker Hub and the server URL helpers expect for it.</summary>
        public const string DockerHubLegacyKey = "https://index.docker.io/v1/";

        /// <summary>
        /// The lookup form of an auth-file key. A key with a scheme is reduced to its host[:port] (the
        /// legacy form; the docker CLI also tolerates <c>/v1/</c> paths). Without a scheme, docker reduces
        /// the key to its host (<paramref name="keepNamespace"/> false), while containers-auth.json keeps
        /// the namespace path (<c>quay.io/org/repo</c>). The host is lowercased and the Docker Hub aliases
        /// (<c>index.docker.io</c>, <c>registry-1.docker.io</c>) become <c>docker.io</c>.
        /// </summary>
        public static string NormalizeKey(string key, bool keepNamespace)
        {
            string rest = key.Trim();
            bool hadScheme = false;
            int scheme = rest.IndexOf("://", StringComparison.Ordinal);
            if (scheme >= 0)
            {
                rest = rest.Substring(scheme + 3);
                hadScheme = true;
            }

            int slash = rest.IndexOf('/');
            string host = slash < 0 ? rest : rest.Substring(0, slash);
            string path = slash < 0 || hadScheme || !keepNamespace ? string.Empty : rest.Substring(slash + 1).Trim('/');
            host = NormalizeRegistry(host);
            return path.Length == 0 ? host : host + "/" + path;
        }

        /// <summary>A registry host[:port] lowercased, with the Docker Hub aliases mapped to <c>docker.io</c>.</summary>
        public static string NormalizeRegistry(string registry)
        {
            string host = registry.Trim().TrimEnd('/').ToLowerInvariant();
            return host == "index.docker.io" || host == Reference.DockerHubApiHost ? Reference.DockerHub : host;
        }

        /// <summary>
        /// The keys to try for <paramref name="registry"/> and <paramref name="repository"/>, most
        /// specific first: <c>reg/ns/user/image</c>, <c>reg/ns/user</c>, <c>reg/ns</c>, <c>reg</c>.
        /// </summary>
        public static IEnumerable<string> Candidates(string registry, string? repository)
        {
            string host = NormalizeRegistry(registry);
            if (!string.IsNullOrEmpty(repository))
            {
                string path = repository!.Trim('/');
                while (path.Length > 0)
                {
                    yield return host + "/" + path;
                    int last = path.LastIndexOf('/');
                    path = last < 0 ? string.Empty : path.Substring(0, last);
                }
            }

            yield return host;
        }

        /// <summary>The server URL given to a credential helper: the legacy key for Docker Hub, else the host.</summary>
        public static string HelperServerUrl(string registry)
        {
            string host = NormalizeRegistry(registry);
            return host == Reference.DockerHub ? DockerHubLegacyKey : host;
        }

        /// <summary>True when a raw key is the one the docker CLI itself would write for <paramref name="normalized"/>.</summary>
        public static bool IsPreferredSpelling(string rawKey, string normalized) =>
            normalized == Reference.DockerHub ? rawKey == DockerHubLegacyKey : string.Equals(rawKey, normalized, StringComparison.OrdinalIgnoreCase);
    }
}
