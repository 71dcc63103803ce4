namespace OciMirror.Integration.Tests.Infrastructure.Security
{
    /// <summary>The <c>auth.token</c> section of a registry configuration.</summary>
    public sealed class TokenAuthSettings
    {
        public TokenAuthSettings(string realm, string service, string issuer, string rootCertBundle)
        {
            Realm = realm;
            Service = service;
            Issuer = issuer;
            RootCertBundle = rootCertBundle;
        }

        public string Realm { get; }

        public string Service { get; }

        public string Issuer { get; }

        /// <summary>PEM file of the certificates tokens must chain to.</summary>
        public string RootCertBundle { get; }
    }
}
