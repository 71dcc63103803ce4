using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Security.Cryptography.X509Certificates;
using OciMirror.Core.Errors;

namespace OciMirror.Core.Registry.Tls
{
    /// <summary>
    /// The certs.d convention of docker and containers/image (containers-certs.d(5)): a directory per
    /// registry named exactly host[:port] as written in references, holding <c>*.crt</c> CA certificates and
    /// <c>client.cert</c> + <c>client.key</c> pairs (same base name). No other extension is read, like peers.
    /// </summary>
    internal static class CertsDirectories
    {
        /// <summary>The roots to search: <paramref name="configured"/>, or the defaults of this machine when null.</summary>
        public static IReadOnlyList<string> Roots(IReadOnlyList<string>? configured) =>
            configured ?? Defaults(
                RuntimeInformation.IsOSPlatform(OSPlatform.Windows),
                Environment.GetEnvironmentVariable(RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? "USERPROFILE" : "HOME"),
                Environment.GetEnvironmentVariable("ProgramData"));

        /// <summary>
        /// The default roots: docker's and podman's system directories (<c>/etc/docker/certs.d</c>,
        /// <c>/etc/containers/certs.d</c>), podman's rootless one (<c>~/.config/containers/certs.d</c>) and
        /// docker's per-user one (<c>~/.docker/certs.d</c>); on Windows <c>%USERPROFILE%\.docker\certs.d</c>
        /// and <c>%ProgramData%\docker\certs.d</c>.
        /// </summary>
        public static IReadOnlyList<string> Defaults(bool windows, string? home, string? programData)
        {
            var roots = new List<string>();
            if (windows)
            {
                if (!string.IsNullOrEmpty(home))
                {
                    roots.Add(Path.Combine(home, ".docker", "certs.d"));
                }

                if (!string.IsNullOrEmpty(programData))
                {
                    roots.Add(Path.Combine(programData, "docker", "certs.d"));
                }

                return roots;
            }

            roots.Add("/etc/docker/certs.d");
            roots.Add("/etc/containers/certs.d");
            if (!string.IsNullOrEmpty(home))
            {
                roots.Add(Path.Combine(home, ".config", "containers", "certs.d"));
                roots.Add(Path.Combine(home, ".docker", "certs.d"));
            }

            return roots;
        }

        /// <summary>
        /// What the roots hold for <paramref name="host"/> (host[:port], exactly as in the reference: a
        /// <c>registry.example:443</c> directory does not apply to <c>registry.example</c>). Every existing
        /// host directory under every root contributes; missing ones are skipped.
        /// </summary>
        /// <exception cref="OciException">TlsFailed naming the file: an unreadable or invalid certificate, or a
        /// <c>.cert</c> without its <c>.key</c> (or the reverse).</exception>
        public static CertsDirectoryContent Discover(IReadOnlyList<string> roots, string host)
        {
            var authorities = new List<X509Certificate2>();
            var clients = new List<X509Certificate2>();
            var sources = new List<string>();
            foreach (string root in roots)
            {
                string directory = Path.Combine(root, host);
                if (!Directory.Exists(directory))
                {
                    continue;
                }

                sources.Add(directory);
                foreach (string file in Files(directory, "*.crt"))
                {
                    authorities.AddRange(PemCertificates.LoadFile(file, "certs.d CA certificate"));
                }

                foreach (string certificate in Files(directory, "*.cert"))
                {
                    string key = Path.ChangeExtension(certificate, ".key");
                    if (!File.Exists(key))
                    {
                        throw PemCertificates.Invalid(certificate, "certs.d client certificate", $"its key '{Path.GetFileName(key)}' is missing next to it");
                    }

                    clients.Add(ClientCertificateLoader.Load(certificate, key));
                }

                foreach (string key in Files(directory, "*.key"))
                {
                    if (!File.Exists(Path.ChangeExtension(key, ".cert")))
                    {
                        throw PemCertificates.Invalid(key, "certs.d client key", $"its certificate '{Path.GetFileNameWithoutExtension(key)}.cert' is missing next to it");
                    }
                }
            }

            return new CertsDirectoryContent(authorities, clients, sources);
        }

        private static IEnumerable<string> Files(string directory, string pattern)
        {
            string extension = pattern.Substring(1);
            try
            {
                // The exact extension: Windows' 8.3 matching would let "*.cert" also find "x.certificate".
                return Directory.GetFiles(directory, pattern)
                    .Where(f => string.Equals(Path.GetExtension(f), extension, StringComparison.OrdinalIgnoreCase))
                    .OrderBy(f => f, StringComparer.Ordinal)
                    .ToArray();
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                throw new OciException(OciErrorKind.TlsFailed, $"Cannot list the certs.d directory '{directory}': {e.Message.TrimEnd('.')}.", e) { Path = directory };
            }
        }
    }
}
