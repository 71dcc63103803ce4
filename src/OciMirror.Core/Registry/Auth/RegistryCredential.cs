namespace OciMirror.Core.Registry.Auth
{
    /// <summary>
    /// Credentials for one registry: a user name and password, or an identity (refresh) token, or a
    /// ready registry (bearer) token. <see cref="ToString"/> never shows secrets.
    /// </summary>
    public sealed class RegistryCredential
    {
        public RegistryCredential(string? username, string? password, string? identityToken = null, string? registryToken = null)
        {
            Username = username;
            Password = password;
            IdentityToken = identityToken;
            RegistryToken = registryToken;
        }

        public string? Username { get; }

        public string? Password { get; }

        /// <summary>OAuth2 refresh token (docker config <c>identitytoken</c>); used with the POST token flow.</summary>
        public string? IdentityToken { get; }

        /// <summary>A bearer token sent to the registry as is (docker config <c>registrytoken</c>).</summary>
        public string? RegistryToken { get; }

        /// <summary>True when a user name and password are present.</summary>
        public bool HasBasic => !string.IsNullOrEmpty(Username) && Password != null;

        public override string ToString() => Username == null ? "(token credential)" : $"user '{Username}'";
    }
}
