using System;
using System.Collections.Generic;
using System.IO;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using OciMirror.Core.Errors;

namespace OciMirror.Core.Registry.Tls
{
    /// <summary>
    /// Reads certificate files: PEM bundles (RFC 7468 <c>CERTIFICATE</c> blocks; text around and between
    /// them, such as openssl's "subject=" lines, is ignored) or a single DER certificate. Implemented by
    /// hand because netstandard2.0 has no PEM reader.
    /// </summary>
    internal static class PemCertificates
    {
        private const string Begin = "-----BEGIN CERTIFICATE-----";
        private const string End = "-----END CERTIFICATE-----";

        /// <summary>Every certificate in <paramref name="path"/>, in file order; <paramref name="what"/> names the file's role in errors.</summary>
        /// <exception cref="OciException">TlsFailed: the file cannot be read, holds no certificate, or a block is not a valid certificate.</exception>
        public static IReadOnlyList<X509Certificate2> LoadFile(string path, string what)
        {
            byte[] bytes = ReadAll(path, what);
            return Parse(bytes, path, what);
        }

        /// <summary>The certificates in <paramref name="bytes"/> read from <paramref name="path"/>.</summary>
        /// <exception cref="OciException">TlsFailed: no certificate, or an invalid block.</exception>
        public static IReadOnlyList<X509Certificate2> Parse(byte[] bytes, string path, string what)
        {
            string text = Encoding.ASCII.GetString(bytes);
            var result = new List<X509Certificate2>();
            int at = 0;
            while ((at = text.IndexOf(Begin, at, StringComparison.Ordinal)) >= 0)
            {
                int start = at + Begin.Length;
                int end = text.IndexOf(End, start, StringComparison.Ordinal);
                if (end < 0)
                {
                    throw Invalid(path, what, $"certificate {result.Count + 1} has no '{End}' line");
                }

                try
                {
                    result.Add(new X509Certificate2(Convert.FromBase64String(text.Substring(start, end - start))));
                }
                catch (Exception e) when (e is FormatException || e is CryptographicException)
                {
                    throw Invalid(path, what, $"certificate {result.Count + 1} is not a valid certificate ({e.Message.TrimEnd('.')})", e);
                }

                at = end + End.Length;
            }

            if (result.Count == 0 && bytes.Length > 0 && bytes[0] == 0x30)
            {
                // A DER file (ASN.1 SEQUENCE) with one certificate, as Windows exports .cer/.crt files.
                try
                {
                    result.Add(new X509Certificate2(bytes));
                }
                catch (CryptographicException e)
                {
                    throw Invalid(path, what, "it is neither PEM nor a DER certificate", e);
                }
            }

            if (result.Count == 0)
            {
                throw Invalid(path, what, "it holds no '-----BEGIN CERTIFICATE-----' block");
            }

            return result;
        }

        /// <summary>All bytes of <paramref name="path"/>.</summary>
        /// <exception cref="OciException">TlsFailed naming the file when it is missing or unreadable.</exception>
        public static byte[] ReadAll(string path, string what)
        {
            try
            {
                return File.ReadAllBytes(path);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is ArgumentException || e is NotSupportedException)
            {
                string why = e is FileNotFoundException || e is DirectoryNotFoundException ? "it does not exist" : e.Message.TrimEnd('.');
                throw new OciException(OciErrorKind.TlsFailed, $"Cannot read the {what} '{path}': {why}.", e)
                {
                    Path = path,
                    RecommendedAction = $"Check the path of the {what} and that this account may read it.",
                };
            }
        }

        /// <summary>The error for a file that was read but is not usable.</summary>
        public static OciException Invalid(string path, string what, string why, Exception? inner = null) =>
            new OciException(OciErrorKind.TlsFailed, $"The {what} '{path}' cannot be used: {why}.", inner)
            {
                Path = path,
                RecommendedAction = "Pass PEM certificates ('-----BEGIN CERTIFICATE-----' blocks), for example as written by 'openssl x509 -outform PEM'.",
            };
    }
}
