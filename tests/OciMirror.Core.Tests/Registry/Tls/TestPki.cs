using System;
using System.IO;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace OciMirror.Core.Tests.Registry.Tls
{
    /// <summary>
    /// A throw-away PKI made with CertificateRequest: a server CA, a server certificate for 127.0.0.1 and
    /// localhost, a client CA and a client certificate (shared by the tests of the process; never dispose
    /// them), and their PEM/PFX files in a temp directory that is deleted on dispose.
    /// </summary>
    internal sealed class TestPki : IDisposable
    {
        // Key generation dominates the cost: one set of certificates per test process, files per instance.
        private static readonly Lazy<(X509Certificate2 ServerCa, X509Certificate2 Server, X509Certificate2 ClientCa, X509Certificate2 Client)> Shared =
            new Lazy<(X509Certificate2, X509Certificate2, X509Certificate2, X509Certificate2)>(() =>
            {
                X509Certificate2 serverCa = CreateCa("CN=OciMirror Test Server CA");
                X509Certificate2 clientCa = CreateCa("CN=OciMirror Test Client CA");
                return (serverCa, Issue(serverCa, "CN=test registry", new[] { "127.0.0.1", "localhost" }, serverAuth: true),
                    clientCa, Issue(clientCa, "CN=mirror client", Array.Empty<string>(), serverAuth: false));
            });

        public TestPki()
        {
            Directory = Path.Combine(Path.GetTempPath(), "ocimirror-tls-" + Guid.NewGuid().ToString("N"));
            System.IO.Directory.CreateDirectory(Directory);
            (ServerCa, Server, ClientCa, Client) = Shared.Value;
            CaFile = Write("ca.pem", ServerCa.ExportCertificatePem());
            ClientCertFile = Write("client.cert", Client.ExportCertificatePem());
            ClientKeyFile = Write("client.key", Client.GetRSAPrivateKey()!.ExportPkcs8PrivateKeyPem());
            ClientPfxFile = Path.Combine(Directory, "client.pfx");
            File.WriteAllBytes(ClientPfxFile, Client.Export(X509ContentType.Pkcs12));
        }

        public string Directory { get; }

        public X509Certificate2 ServerCa { get; }

        public X509Certificate2 Server { get; }

        public X509Certificate2 ClientCa { get; }

        public X509Certificate2 Client { get; }

        public string CaFile { get; }

        public string ClientCertFile { get; }

        public string ClientKeyFile { get; }

        public string ClientPfxFile { get; }

        public string Write(string name, string text)
        {
            string path = Path.Combine(Directory, name);
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, text);
            return path;
        }

        public static X509Certificate2 CreateCa(string subject)
        {
            using RSA key = RSA.Create(2048);
            var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
            request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
            request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
            using X509Certificate2 created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
            return Reimport(created);
        }

        public static X509Certificate2 Issue(X509Certificate2 ca, string subject, string[] names, bool serverAuth)
        {
            using RSA key = RSA.Create(2048);
            var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
            request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
            request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
                new OidCollection { new Oid(serverAuth ? "1.3.6.1.5.5.7.3.1" : "1.3.6.1.5.5.7.3.2") }, false));
            if (names.Length > 0)
            {
                var san = new SubjectAlternativeNameBuilder();
                foreach (string name in names)
                {
                    if (IPAddress.TryParse(name, out IPAddress? address))
                    {
                        san.AddIpAddress(address);
                    }
                    else
                    {
                        san.AddDnsName(name);
                    }
                }

                request.CertificateExtensions.Add(san.Build());
            }

            var serial = new byte[12];
            RandomNumberGenerator.Fill(serial);
            using X509Certificate2 issued = request.Create(ca, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(10), serial);
            using X509Certificate2 withKey = issued.CopyWithPrivateKey(key);
            return Reimport(withKey);
        }

        public void Dispose()
        {
            try
            {
                System.IO.Directory.Delete(Directory, recursive: true);
            }
            catch (IOException)
            {
            }
        }

        // A persisted (PKCS#12-imported) key works with SslStream on every platform.
        private static X509Certificate2 Reimport(X509Certificate2 certificate) =>
            X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null);
    }
}
