using System.Collections.Generic;
using System.Linq;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace OciMirror.Core.Registry.Tls
{
    /// <summary>
    /// Server certificate validation with extra trusted CAs on top of the system trust. netstandard2.0
    /// has no <c>X509ChainPolicy.CustomTrustStore</c>, so the classic approach is used: when the platform
    /// rejected the chain (and only the chain), build it again with the extra CAs in
    /// <see cref="X509ChainPolicy.ExtraStore"/> and <see cref="X509VerificationFlags.AllowUnknownCertificateAuthority"/>,
    /// then require the chain to end at one of the extra CAs and to have no other fault (expiry, bad
    /// signature, wrong usage). A name mismatch or a missing certificate is never rescued.
    /// </summary>
    internal static class CertificateTrust
    {
        /// <summary>id-kp-serverAuth (RFC 5280 §4.2.1.12): what SslStream requires of a server's chain.</summary>
        private const string ServerAuthentication = "1.3.6.1.5.5.7.3.1";

        private const X509ChainStatusFlags Tolerated = X509ChainStatusFlags.NoError | X509ChainStatusFlags.UntrustedRoot | X509ChainStatusFlags.PartialChain;

        /// <summary>
        /// The policy errors left once <paramref name="extraAuthorities"/> are trusted too: None when the
        /// platform accepted the certificate or an extra CA anchors a valid chain, else <paramref name="errors"/>.
        /// </summary>
        public static SslPolicyErrors Evaluate(X509Certificate? certificate, X509Chain? platformChain, SslPolicyErrors errors, IReadOnlyList<X509Certificate2> extraAuthorities)
        {
            if (errors == SslPolicyErrors.None || extraAuthorities.Count == 0 || certificate == null || errors != SslPolicyErrors.RemoteCertificateChainErrors)
            {
                return errors;
            }

            using var leaf = new X509Certificate2(certificate);
            using var chain = new X509Chain();
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            chain.ChainPolicy.VerificationFlags = X509VerificationFlags.AllowUnknownCertificateAuthority;
            // The platform's own check asks for server authentication; without it a client-only
            // certificate of the same private CA would pass as a server's (NotValidForUsage is not tolerated).
            chain.ChainPolicy.ApplicationPolicy.Add(new Oid(ServerAuthentication));
            foreach (X509Certificate2 authority in extraAuthorities)
            {
                chain.ChainPolicy.ExtraStore.Add(authority);
            }

            if (platformChain != null)
            {
                // Intermediates the server sent; they are only links, never anchors (checked below).
                foreach (X509ChainElement element in platformChain.ChainElements)
                {
                    if (!SameCertificate(element.Certificate, leaf))
                    {
                        chain.ChainPolicy.ExtraStore.Add(element.Certificate);
                    }
                }
            }

            chain.Build(leaf);
            if (chain.ChainElements.Count == 0)
            {
                return errors;
            }

            X509Certificate2 anchor = chain.ChainElements[chain.ChainElements.Count - 1].Certificate;
            bool anchored = extraAuthorities.Any(a => SameCertificate(a, anchor));
            bool clean = chain.ChainStatus.All(s => (s.Status & ~Tolerated) == 0)
                && chain.ChainElements.Cast<X509ChainElement>().All(e => e.ChainElementStatus.All(s => (s.Status & ~Tolerated) == 0));
            return anchored && clean ? SslPolicyErrors.None : errors;
        }

        private static bool SameCertificate(X509Certificate2 a, X509Certificate2 b) => a.RawData.SequenceEqual(b.RawData);
    }
}
