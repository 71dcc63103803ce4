using System;
using System.Collections.Generic;
using System.Security.Cryptography.X509Certificates;

namespace OciMirror.Core.Registry.Tls
{
    /// <summary>The TLS settings of one host's HttpClientHandler: extra CAs, client certificates, skip-verify.</summary>
    internal sealed class HostTlsConfiguration
    {
        public HostTlsConfiguration(IReadOnlyList<X509Certificate2> extraAuthorities, IReadOnlyList<X509Certificate2> clientCertificates, bool skipVerify)
        {
            ExtraAuthorities = extraAuthorities;
            ClientCertificates = clientCertificates;
            SkipVerify = skipVerify;
        }

        /// <summary>System trust only, no client certificate, verification on.</summary>
        public static HostTlsConfiguration Default { get; } = new HostTlsConfiguration(Array.Empty<X509Certificate2>(), Array.Empty<X509Certificate2>(), false);

        /// <summary>CAs trusted in addition to the system trust.</summary>
        public IReadOnlyList<X509Certificate2> ExtraAuthorities { get; }

        /// <summary>Client certificates (with keys) offered to the server; the TLS stack picks one the server accepts.</summary>
        public IReadOnlyList<X509Certificate2> ClientCertificates { get; }

        /// <summary>Accept any server certificate.</summary>
        public bool SkipVerify { get; }
    }
}
