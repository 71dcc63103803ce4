using System;
using System.IO;
using System.Reflection;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using OciMirror.Core.Errors;

namespace OciMirror.Core.Registry.Tls
{
    /// <summary>
    /// Loads a client certificate with its private key for mutual TLS: a PKCS#12 file (<c>.pfx</c>/<c>.p12</c>,
    /// no password), or a PEM certificate with a PEM key (in a separate file or the same one).
    /// </summary>
    /// <remarks>
    /// netstandard2.0 has no PEM key import. On .NET 5 and later (PowerShell 7, the CLI) the runtime's
    /// <c>X509Certificate2.CreateFromPemFile</c> is called through reflection, and the result is re-imported
    /// as PKCS#12 bytes because SslStream cannot use the ephemeral key of a PEM import on Windows. On
    /// .NET Framework (Windows PowerShell 5.1) that method does not exist: PEM keys give a clear error
    /// asking for a .pfx.
    /// </remarks>
    internal static class ClientCertificateLoader
    {
        private static readonly MethodInfo? CreateFromPemFile = typeof(X509Certificate2).GetMethod(
            "CreateFromPemFile", BindingFlags.Public | BindingFlags.Static, null, new[] { typeof(string), typeof(string) }, null);

        /// <summary>True when the runtime can read PEM private keys.</summary>
        public static bool SupportsPemKeys => CreateFromPemFile != null;

        /// <summary>The certificate of <paramref name="certificateFile"/> with the key of <paramref name="keyFile"/> (null: PKCS#12, or PEM with the key inside).</summary>
        /// <exception cref="OciException">TlsFailed naming the file: unreadable, invalid, password-protected, without a private key, or a PEM key on .NET Framework.</exception>
        public static X509Certificate2 Load(string certificateFile, string? keyFile)
        {
            const string What = "client certificate file";
            byte[] bytes = PemCertificates.ReadAll(certificateFile, What);
            string head = Encoding.ASCII.GetString(bytes, 0, Math.Min(bytes.Length, 64 * 1024));
            bool pem = head.Contains("-----BEGIN");
            if (keyFile != null)
            {
                byte[] key = PemCertificates.ReadAll(keyFile, "client key file");
                RefuseEncryptedKey(Encoding.ASCII.GetString(key, 0, Math.Min(key.Length, 64 * 1024)), keyFile);
            }
            else if (pem)
            {
                RefuseEncryptedKey(head, certificateFile);
            }

            X509Certificate2 certificate = pem || keyFile != null ? LoadPem(certificateFile, keyFile) : LoadPkcs12(bytes, certificateFile);
            if (!certificate.HasPrivateKey)
            {
                certificate.Dispose();
                throw PemCertificates.Invalid(certificateFile, What, "it has no private key (pass the key file too)");
            }

            return certificate;
        }

        /// <summary>
        /// An encrypted PEM key (PKCS#8 <c>ENCRYPTED PRIVATE KEY</c>, or OpenSSL's legacy <c>Proc-Type: 4,ENCRYPTED</c>)
        /// cannot be loaded without a password; the runtime would only say the content "is malformed, or the key
        /// does not match the certificate", which sends people after the wrong problem.
        /// </summary>
        private static void RefuseEncryptedKey(string pemText, string path)
        {
            if (pemText.IndexOf("-----BEGIN ENCRYPTED PRIVATE KEY-----", StringComparison.Ordinal) >= 0
                || pemText.IndexOf("Proc-Type: 4,ENCRYPTED", StringComparison.Ordinal) >= 0)
            {
                throw new OciException(OciErrorKind.TlsFailed, $"The client key '{path}' is encrypted with a passphrase, which is not supported.")
                {
                    Path = path,
                    RecommendedAction = "Write the key unencrypted ('openssl pkey -in client.key -out client-plain.key') and protect the file with permissions, or convert the pair to a .pfx without a password ('openssl pkcs12 -export -passout pass: -in client.cert -inkey client.key -out client.pfx').",
                };
            }
        }

        private static X509Certificate2 LoadPkcs12(byte[] bytes, string path)
        {
            try
            {
                return new X509Certificate2(bytes, (string?)null, X509KeyStorageFlags.DefaultKeySet);
            }
            catch (CryptographicException e)
            {
                throw new OciException(OciErrorKind.TlsFailed, $"The client certificate file '{path}' cannot be used: it is not a PKCS#12 (.pfx/.p12) file without a password, nor PEM ({e.Message.TrimEnd('.')}).", e)
                {
                    Path = path,
                    RecommendedAction = "Pass a PEM certificate with its PEM key file, or a .pfx without a password ('openssl pkcs12 -export -passout pass: -in client.cert -inkey client.key -out client.pfx').",
                };
            }
        }

        private static X509Certificate2 LoadPem(string certificateFile, string? keyFile)
        {
            string keyOrCert = keyFile ?? certificateFile;
            if (CreateFromPemFile == null)
            {
                throw new OciException(OciErrorKind.TlsFailed, $"The client key '{keyOrCert}' is PEM, which this runtime (.NET Framework, Windows PowerShell 5.1) cannot load.")
                {
                    Path = keyOrCert,
                    RecommendedAction = "Convert the pair to a .pfx without a password ('openssl pkcs12 -export -passout pass: -in client.cert -inkey client.key -out client.pfx') and pass only that file, or use PowerShell 7.",
                };
            }

            X509Certificate2 loaded;
            try
            {
                loaded = (X509Certificate2)CreateFromPemFile.Invoke(null, new object?[] { certificateFile, keyFile })!;
            }
            catch (TargetInvocationException e) when (e.InnerException is CryptographicException || e.InnerException is ArgumentException || e.InnerException is IOException)
            {
                string why = e.InnerException!.Message.TrimEnd('.');
                throw new OciException(OciErrorKind.TlsFailed, $"The client certificate '{certificateFile}' and key '{keyOrCert}' cannot be used: {why}.", e.InnerException)
                {
                    Path = keyOrCert,
                    RecommendedAction = "Pass the PEM certificate and its matching unencrypted PEM private key (PKCS#8, PKCS#1 or EC).",
                };
            }

            using (loaded)
            {
                // SslStream on Windows needs a persisted key; a PKCS#12 round trip gives one on every platform.
                return new X509Certificate2(loaded.Export(X509ContentType.Pkcs12), (string?)null, X509KeyStorageFlags.DefaultKeySet);
            }
        }
    }
}
