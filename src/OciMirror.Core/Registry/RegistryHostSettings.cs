namespace OciMirror.Core.Registry
{
    /// <summary>
    /// How to reach one registry host, overriding the side-wide <see cref="RegistryAccessOptions"/> for it
    /// (one entry of the <c>registries:</c> map of a registry config file). Every member is optional: null
    /// means "as the side-wide options say". File paths are absolute once loaded by
    /// <see cref="RegistryConfigFile"/>. <see cref="ToString"/> never shows the password.
    /// </summary>
    public sealed class RegistryHostSettings
    {
        /// <summary>PEM CA bundle trusted for this host, in addition to the system trust, the side-wide CA file and certs.d.</summary>
        public string? CertificateAuthorityFile { get; set; }

        /// <summary>Client certificate for this host (PEM with <see cref="ClientKeyFile"/>, or a .pfx/.p12); beats the side-wide one and certs.d.</summary>
        public string? ClientCertificateFile { get; set; }

        /// <summary>PEM private key of <see cref="ClientCertificateFile"/>.</summary>
        public string? ClientKeyFile { get; set; }

        /// <summary>
        /// A folder holding this host's certificates directly (<c>*.crt</c> CAs, <c>*.cert</c> + <c>*.key</c>
        /// client pairs), the shape of skopeo's sync-file <c>cert-dir</c>; replaces the certs.d search for this host.
        /// </summary>
        public string? CertificateDirectory { get; set; }

        /// <summary>
        /// When true, an https attempt that meets no TLS server at all (no certificate presented) falls back to
        /// http:// for this host, as skopeo does with <c>tls-verify: false</c>; a TLS server is still used.
        /// </summary>
        public bool? AllowHttpFallback { get; set; }

        /// <summary>Accept any server certificate of this host (true), or verify it even if the side skips verification (false).</summary>
        public bool? SkipTlsVerify { get; set; }

        /// <summary>Use http:// for this host (true), or https:// even if the side says plain HTTP (false).</summary>
        public bool? PlainHttp { get; set; }

        /// <summary>User name for this host; used together with <see cref="Password"/>.</summary>
        public string? Username { get; set; }

        /// <summary>Password or token for <see cref="Username"/>; never logged or shown.</summary>
        public string? Password { get; set; }

        /// <summary>An auth file (containers auth.json / docker config.json format) asked first for this host.</summary>
        public string? AuthFile { get; set; }

        /// <summary>
        /// When true, these credentials beat an explicit credential of the side (<c>-u/-p</c>, <c>-Credential</c>) for
        /// this host: a sync file's <c>credentials</c> override the command line, as in skopeo. Default false
        /// (a registry config file's credentials lose to an explicit one).
        /// </summary>
        public bool OverridesExplicitCredential { get; set; }

        /// <summary>True when the settings name credentials (a user name and password, or an auth file).</summary>
        public bool HasCredentials => (!string.IsNullOrEmpty(Username) && Password != null) || !string.IsNullOrEmpty(AuthFile);

        /// <summary>These settings with every field <paramref name="other"/> sets taken from it (its credentials as a whole).</summary>
        public RegistryHostSettings OverlaidBy(RegistryHostSettings other)
        {
            bool otherCredentials = other.HasCredentials;
            return new RegistryHostSettings
            {
                CertificateAuthorityFile = other.CertificateAuthorityFile ?? CertificateAuthorityFile,
                CertificateDirectory = other.CertificateDirectory ?? CertificateDirectory,
                ClientCertificateFile = other.ClientCertificateFile ?? ClientCertificateFile,
                ClientKeyFile = other.ClientCertificateFile != null ? other.ClientKeyFile : ClientKeyFile,
                AllowHttpFallback = other.AllowHttpFallback ?? AllowHttpFallback,
                SkipTlsVerify = other.SkipTlsVerify ?? SkipTlsVerify,
                PlainHttp = other.PlainHttp ?? PlainHttp,
                Username = otherCredentials ? other.Username : Username,
                Password = otherCredentials ? other.Password : Password,
                AuthFile = otherCredentials ? other.AuthFile : AuthFile,
                OverridesExplicitCredential = otherCredentials ? other.OverridesExplicitCredential : OverridesExplicitCredential,
            };
        }

        public override string ToString() =>
            "host settings" + (Username != null ? $" (user '{Username}')" : string.Empty) + (AuthFile != null ? $" (auth file '{AuthFile}')" : string.Empty);
    }
}
