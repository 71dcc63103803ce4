using System.Collections.Generic;
using System.Security.Cryptography.X509Certificates;

namespace OciMirror.Core.Registry.Tls
{
    /// <summary>What the certs.d directories hold for one host.</summary>
    internal sealed class CertsDirectoryContent
    {
        public CertsDirectoryContent(IReadOnlyList<X509Certificate2> authorities, IReadOnlyList<X509Certificate2> clientCertificates, IReadOnlyList<string> directories)
        {
            Authorities = authorities;
            ClientCertificates = clientCertificates;
            Directories = directories;
        }

        /// <summary>CA certificates from <c>*.crt</c> files.</summary>
        public IReadOnlyList<X509Certificate2> Authorities { get; }

        /// <summary>Client certificates with keys from <c>*.cert</c> + <c>*.key</c> pairs.</summary>
        public IReadOnlyList<X509Certificate2> ClientCertificates { get; }

        /// <summary>The host directories that exist (for Debug logging).</summary>
        public IReadOnlyList<string> Directories { get; }
    }
}
