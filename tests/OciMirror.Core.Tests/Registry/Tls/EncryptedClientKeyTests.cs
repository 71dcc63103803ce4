using System;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using OciMirror.Core.Errors;
using OciMirror.Core.Registry.Tls;
using Xunit;

namespace OciMirror.Core.Tests.Registry.Tls
{
    public sealed class EncryptedClientKeyTests : IDisposable
    {
        private readonly TestPki _pki = new TestPki();

        public void Dispose() => _pki.Dispose();

        [Fact]
        public void AnEncryptedPkcs8Key_GivesAClearErrorNamingTheKeyFile()
        {
            string key = _pki.Write("enc.key", _pki.Client.GetRSAPrivateKey()!.ExportEncryptedPkcs8PrivateKeyPem(
                "secret-pass".AsSpan(), new PbeParameters(PbeEncryptionAlgorithm.Aes128Cbc, HashAlgorithmName.SHA256, 1000)));
            OciException e = Assert.Throws<OciException>(() => ClientCertificateLoader.Load(_pki.ClientCertFile, key));
            Assert.Equal(OciErrorKind.TlsFailed, e.Kind);
            Assert.Contains("encrypted", e.Message);
            Assert.Contains(key, e.Message);
            Assert.Equal(key, e.Path);
            Assert.Contains("openssl", e.RecommendedAction);
        }

        [Fact]
        public void ALegacyOpenSslEncryptedKeyInsideTheCertificateFile_GivesTheSameError()
        {
            string both = _pki.Write("both.pem", _pki.Client.ExportCertificatePem() + "\n-----BEGIN RSA PRIVATE KEY-----\r\nProc-Type: 4,ENCRYPTED\r\nDEK-Info: AES-128-CBC,00112233445566778899AABBCCDDEEFF\r\n\r\nAAAA\r\n-----END RSA PRIVATE KEY-----\r\n");
            OciException e = Assert.Throws<OciException>(() => ClientCertificateLoader.Load(both, null));
            Assert.Contains("encrypted", e.Message);
            Assert.Equal(both, e.Path);
        }
    }
}
