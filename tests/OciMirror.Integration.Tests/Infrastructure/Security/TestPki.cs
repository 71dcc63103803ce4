using System;
using System.IO;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace OciMirror.Integration.Tests.Infrastructure.Security
{
    /// <summary>
    /// A private PKI made for one test run, written as PEM files into a directory the caller owns: a
    /// server CA with a server certificate for 127.0.0.1, a separate client CA with a client certificate
    /// (mTLS), and a self-signed token-signing certificate. Keys are RSA 2048 (what distribution's libtrust
    /// and Go's TLS both accept). Nothing is added to any system store.
    /// </summary>
    public sealed class TestPki
    {
        private static readonly DateTimeOffset NotBefore = DateTimeOffset.UtcNow.AddDays(-1);
        private static readonly DateTimeOffset NotAfter = DateTimeOffset.UtcNow.AddDays(30);

        private TestPki(string directory)
        {
            Directory = directory;
            System.IO.Directory.CreateDirectory(directory);
            using RSA caKey = RSA.Create(2048);
            CaCertificate = CreateCa("OciMirror Test Root CA", caKey);
            CaFile = WritePem("ca.crt", CaCertificate);

            RSA serverKey = RSA.Create(2048); // owned by ServerCertificate
            ServerCertificate = CreateLeaf(CaCertificate, caKey, "127.0.0.1", serverKey, server: true);
            ServerCertificateFile = WritePem("server.crt", ServerCertificate);
            ServerKeyFile = WriteText("server.key", serverKey.ExportPkcs8PrivateKeyPem());

            using RSA clientCaKey = RSA.Create(2048);
            ClientCaCertificate = CreateCa("OciMirror Test Client CA", clientCaKey);
            ClientCaFile = WritePem("client-ca.crt", ClientCaCertificate);

            RSA clientKey = RSA.Create(2048); // owned by ClientCertificate
            ClientCertificate = CreateLeaf(ClientCaCertificate, clientCaKey, "ocimirror-test-client", clientKey, server: false);
            ClientCertificateFile = WritePem("client.cert", ClientCertificate);
            ClientKeyFile = WriteText("client.key", clientKey.ExportPkcs8PrivateKeyPem());
            ClientKeyPkcs1Pem = clientKey.ExportRSAPrivateKeyPem();

            using RSA otherCaKey = RSA.Create(2048);
            UnrelatedCaFile = WritePem("unrelated-ca.crt", CreateCa("Unrelated CA", otherCaKey));
        }

        public string Directory { get; }

        public X509Certificate2 CaCertificate { get; }

        /// <summary>PEM of the CA that signed the server certificate.</summary>
        public string CaFile { get; }

        /// <summary>Server certificate (with private key) for 127.0.0.1, signed by <see cref="CaFile"/>.</summary>
        public X509Certificate2 ServerCertificate { get; }

        public string ServerCertificateFile { get; }

        public string ServerKeyFile { get; }

        public X509Certificate2 ClientCaCertificate { get; }

        /// <summary>The CA the mTLS registry trusts for client certificates.</summary>
        public string ClientCaFile { get; }

        /// <summary>Client certificate (with private key) signed by <see cref="ClientCaFile"/>.</summary>
        public X509Certificate2 ClientCertificate { get; }

        public string ClientCertificateFile { get; }

        /// <summary>PKCS#8 PEM key of the client certificate.</summary>
        public string ClientKeyFile { get; }

        /// <summary>The same client key as PKCS#1 (<c>BEGIN RSA PRIVATE KEY</c>), the form docker's certs.d often holds.</summary>
        public string ClientKeyPkcs1Pem { get; }

        /// <summary>A CA that signed nothing the tests use (a wrong --ca-file).</summary>
        public string UnrelatedCaFile { get; }

        /// <summary>Creates the PKI under <paramref name="directory"/>.</summary>
        public static TestPki Create(string directory) => new TestPki(directory);

        /// <summary>A self-signed RSA certificate (with key) for signing tokens; distribution verifies x5c chains against it.</summary>
        public static X509Certificate2 CreateSigningCertificate(string name)
        {
            RSA key = RSA.Create(2048); // owned by the certificate
            var request = new CertificateRequest("CN=" + name, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
            request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyCertSign, true));
            return request.CreateSelfSigned(NotBefore, NotAfter);
        }

        /// <summary>PEM text of a certificate.</summary>
        public static string Pem(X509Certificate2 certificate) => certificate.ExportCertificatePem() + "\n";

        /// <summary>Writes a certs.d directory <c>ROOT/127.0.0.1:PORT/</c> and returns ROOT.</summary>
        /// <param name="root">The directory to create it in.</param>
        /// <param name="hostPort">The registry, e.g. <c>127.0.0.1:5000</c>.</param>
        /// <param name="withCa">Writes <c>ca.crt</c>.</param>
        /// <param name="withClientPair">Writes <c>client.cert</c> and <c>client.key</c> (PKCS#1, as docker users often have).</param>
        public string WriteCertsD(string root, string hostPort, bool withCa, bool withClientPair)
        {
            string host = Path.Combine(root, hostPort);
            System.IO.Directory.CreateDirectory(host);
            if (withCa)
            {
                File.Copy(CaFile, Path.Combine(host, "ca.crt"), overwrite: true);
            }

            if (withClientPair)
            {
                File.Copy(ClientCertificateFile, Path.Combine(host, "client.cert"), overwrite: true);
                File.WriteAllText(Path.Combine(host, "client.key"), ClientKeyPkcs1Pem);
            }

            return root;
        }

        private static X509Certificate2 CreateCa(string name, RSA key)
        {
            var request = new CertificateRequest("CN=" + name + ", O=OciMirror tests", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
            request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
            request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
            return request.CreateSelfSigned(NotBefore, NotAfter.AddDays(1));
        }

        private static X509Certificate2 CreateLeaf(X509Certificate2 issuer, RSA issuerKey, string name, RSA key, bool server)
        {
            var request = new CertificateRequest("CN=" + name, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
            request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
            request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
                new OidCollection { new Oid(server ? "1.3.6.1.5.5.7.3.1" : "1.3.6.1.5.5.7.3.2") }, false));
            request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(issuer, includeKeyIdentifier: true, includeIssuerAndSerial: false));
            if (server)
            {
                var san = new SubjectAlternativeNameBuilder();
                san.AddIpAddress(IPAddress.Loopback);
                san.AddDnsName("localhost");
                request.CertificateExtensions.Add(san.Build());
            }

            byte[] serial = new byte[16];
            RandomNumberGenerator.Fill(serial);
            serial[0] &= 0x7F;
            using X509Certificate2 plain = request.Create(issuer.SubjectName, X509SignatureGenerator.CreateForRSA(issuerKey, RSASignaturePadding.Pkcs1), NotBefore, NotAfter, serial);
            return plain.CopyWithPrivateKey(key);
        }

        private string WritePem(string name, X509Certificate2 certificate) => WriteText(name, Pem(certificate));

        private string WriteText(string name, string text)
        {
            string path = Path.Combine(Directory, name);
            File.WriteAllText(path, text);
            return path;
        }
    }
}
