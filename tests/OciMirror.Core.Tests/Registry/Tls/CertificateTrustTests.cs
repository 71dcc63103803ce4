using System;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using OciMirror.Core.Registry.Tls;
using Xunit;

namespace OciMirror.Core.Tests.Registry.Tls
{
    public sealed class CertificateTrustTests : IDisposable
    {
        private readonly TestPki _pki = new TestPki();

        public void Dispose() => _pki.Dispose();

        [Fact]
        public void ACertificateSignedByTheExtraCa_IsAccepted()
        {
            Assert.Equal(SslPolicyErrors.None, CertificateTrust.Evaluate(_pki.Server, null, SslPolicyErrors.RemoteCertificateChainErrors, new[] { _pki.ServerCa }));
        }

        [Fact]
        public void AClientAuthOnlyCertificate_IsNotAcceptedAsAServerCertificate()
        {
            // The client certificate chains to its CA, but its extended key usage is clientAuth only:
            // a TLS server presenting it must be refused, as the platform refuses it for system roots.
            Assert.Equal(SslPolicyErrors.RemoteCertificateChainErrors, CertificateTrust.Evaluate(_pki.Client, null, SslPolicyErrors.RemoteCertificateChainErrors, new[] { _pki.ClientCa }));
        }
    }
}
