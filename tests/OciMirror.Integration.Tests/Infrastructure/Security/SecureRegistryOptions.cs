namespace OciMirror.Integration.Tests.Infrastructure.Security
{
    /// <summary>How a <see cref="SecureRegistry"/> is configured (written into its config.yml).</summary>
    public sealed class SecureRegistryOptions
    {
        /// <summary>Serve HTTPS with this PKI's server certificate; null serves plain HTTP.</summary>
        public TestPki? Tls { get; set; }

        /// <summary>Require a client certificate signed by the PKI's client CA (<c>http.tls.clientcas</c>).</summary>
        public bool RequireClientCertificate { get; set; }

        /// <summary>An htpasswd file (bcrypt) for <c>auth.htpasswd</c>; null for none.</summary>
        public string? HtpasswdFile { get; set; }

        /// <summary>Token auth (<c>auth.token</c>); null for none.</summary>
        public TokenAuthSettings? Token { get; set; }

        /// <summary>Start with the test corpus already in storage (copied from a seeded template). Default true.</summary>
        public bool SeedCorpus { get; set; } = true;
    }
}
