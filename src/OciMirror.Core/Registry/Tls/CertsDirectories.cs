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
        /// host directory under every root contributes; missing ones are skipped. With
        /// <paramref name="configured"/> (roots the user named, not the defaults), a root that holds
        /// <c>*.crt</c>, <c>*.cert</c> or <c>*.key</c> files itself is also a host folder (the shape of
        /// skopeo's <c>--src-cert-dir</c>/<c>--dest-cert-dir</c> and the sync file's <c>cert-dir</c>), and
        /// applies to every host of the side.
        /// </summary>
        /// <exception cref="OciException">TlsFailed naming the file: an unreadable or invalid certificate, or a
        /// <c>.cert</c> without its <c>.key</c> (or the reverse).</exception>
        public static CertsDirectoryContent Discover(IReadOnlyList<string> roots, string host, bool configured = false)
        {
            var content = new Accumulator();
            foreach (string root in roots)
            {
                if (configured && IsHostFolder(root))
                {
                    content.Add(root);
                }

                string directory = Path.Combine(root, host);
                if (Directory.Exists(directory))
                {
                    content.Add(directory);
                }
            }

            return content.ToContent();
        }

        /// <summary>What one host folder holds (skopeo's cert-dir shape: the files directly in it); nothing when it does not exist.</summary>
        /// <exception cref="OciException">TlsFailed naming the file, as <see cref="Discover"/>.</exception>
        public static CertsDirectoryContent DiscoverFolder(string directory)
        {
            var content = new Accumulator();
            if (Directory.Exists(directory))
            {
                content.Add(directory);
            }

            return content.ToContent();
        }

        /// <summary>True when <paramref name="directory"/> exists and holds certificate or key files directly.</summary>
        internal static bool IsHostFolder(string directory) =>
            Directory.Exists(directory) && (Files(directory, "*.crt").Any() || Files(directory, "*.cert").Any() || Files(directory, "*.key").Any());

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

        private sealed class Accumulator
        {
            private readonly List<X509Certificate2> _authorities = new List<X509Certificate2>();
            private readonly List<X509Certificate2> _clients = new List<X509Certificate2>();
            private readonly List<string> _sources = new List<string>();

            public void Add(string directory)
            {
                _sources.Add(directory);
                foreach (string file in Files(directory, "*.crt"))
                {
                    _authorities.AddRange(PemCertificates.LoadFile(file, "certs.d CA certificate"));
                }

                foreach (string certificate in Files(directory, "*.cert"))
                {
                    string key = Path.ChangeExtension(certificate, ".key");
                    if (!File.Exists(key))
                    {
                        throw PemCertificates.Invalid(certificate, "certs.d client certificate", $"its key '{Path.GetFileName(key)}' is missing next to it");
                    }

                    _clients.Add(ClientCertificateLoader.Load(certificate, key));
                }

                foreach (string key in Files(directory, "*.key"))
                {
                    if (!File.Exists(Path.ChangeExtension(key, ".cert")))
                    {
                        throw PemCertificates.Invalid(key, "certs.d client key", $"its certificate '{Path.GetFileNameWithoutExtension(key)}.cert' is missing next to it");
                    }
                }
            }

            public CertsDirectoryContent ToContent() => new CertsDirectoryContent(_authorities, _clients, _sources);
        }
    }
}
