using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography.X509Certificates;
using OciMirror.Core.Diagnostics;

namespace OciMirror.Core.Registry.Tls
{
    /// <summary>
    /// Works out each host's <see cref="HostTlsConfiguration"/> for one client. Extra CAs add up: the
    /// side-wide CA file, the host's CA file, and certs.d <c>*.crt</c> files (from the host's own
    /// <see cref="RegistryHostSettings.CertificateDirectory"/> when it has one, which replaces the certs.d search for it). The client certificate is the
    /// first that exists of: the host's, the side-wide one, the certs.d pairs. Skip-verify is the host's
    /// value when set, else the side's. Side-wide files are read once, in the constructor; a host's files
    /// when <see cref="For"/> is first called for it.
    /// </summary>
    internal sealed class TlsSettingsResolver
    {
        private readonly RegistryAccessOptions _options;
        private readonly HostSettingsIndex _hosts;
        private readonly ILogSink _log;
        private readonly IReadOnlyList<X509Certificate2> _sideAuthorities;
        private readonly X509Certificate2? _sideClientCertificate;
        private readonly IReadOnlyList<string> _roots;

        /// <exception cref="Errors.OciException">TlsFailed: the side-wide CA file or client certificate is unusable (the message names the file).</exception>
        public TlsSettingsResolver(RegistryAccessOptions options, HostSettingsIndex hosts, ILogSink log)
        {
            _options = options;
            _hosts = hosts;
            _log = log;
            _roots = CertsDirectories.Roots(options.CertificateDirectories);
            _sideAuthorities = string.IsNullOrEmpty(options.CertificateAuthorityFile)
                ? Array.Empty<X509Certificate2>()
                : PemCertificates.LoadFile(options.CertificateAuthorityFile!, "CA file");
            _sideClientCertificate = LoadClient(options.ClientCertificateFile, options.ClientKeyFile);
        }

        /// <summary>The roots searched for certs.d directories.</summary>
        public IReadOnlyList<string> CertificateRoots => _roots;

        /// <summary>The configuration of <paramref name="host"/> (host[:port] as in references).</summary>
        /// <exception cref="Errors.OciException">TlsFailed: one of the host's files (settings or certs.d) is unusable.</exception>
        public HostTlsConfiguration For(string host)
        {
            RegistryHostSettings? settings = _hosts.Find(host);
            CertsDirectoryContent certsD = string.IsNullOrEmpty(settings?.CertificateDirectory)
                ? CertsDirectories.Discover(_roots, host, configured: _options.CertificateDirectories != null)
                : CertsDirectories.DiscoverFolder(settings!.CertificateDirectory!);
            var authorities = new List<X509Certificate2>(_sideAuthorities);
            if (!string.IsNullOrEmpty(settings?.CertificateAuthorityFile))
            {
                authorities.AddRange(PemCertificates.LoadFile(settings!.CertificateAuthorityFile!, $"CA file of {host}"));
            }

            authorities.AddRange(certsD.Authorities);
            X509Certificate2? hostClient = LoadClient(settings?.ClientCertificateFile, settings?.ClientKeyFile);
            IReadOnlyList<X509Certificate2> clients = hostClient != null ? new[] { hostClient }
                : _sideClientCertificate != null ? new[] { _sideClientCertificate }
                : certsD.ClientCertificates;
            bool skip = settings?.SkipTlsVerify ?? _options.SkipTlsVerify;
            foreach (string directory in certsD.Directories)
            {
                _log.Log(LogLevel.Debug, $"TLS for {host}: using certs.d directory '{directory}'.");
            }

            _log.Log(LogLevel.Debug, $"TLS for {host}: {authorities.Count} extra CA certificate(s), {(clients.Count == 0 ? "no client certificate" : "client certificate '" + clients[0].Subject + "'")}, verification {(skip ? "OFF" : "on")}.");
            return new HostTlsConfiguration(authorities, clients, skip);
        }

        private static X509Certificate2? LoadClient(string? certificateFile, string? keyFile)
        {
            if (string.IsNullOrEmpty(certificateFile))
            {
                if (!string.IsNullOrEmpty(keyFile))
                {
                    throw PemCertificates.Invalid(keyFile!, "client key file", "no client certificate file goes with it");
                }

                return null;
            }

            return ClientCertificateLoader.Load(certificateFile!, string.IsNullOrEmpty(keyFile) ? null : keyFile);
        }
    }
}
