using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Registry.Auth;

namespace OciMirror.Core.Credentials
{
    /// <summary>
    /// A credential provider that can use the repository: containers-auth.json keys may name a namespace
    /// (<c>quay.io/org/repo</c>), so one registry can have several credentials. Callers that know the
    /// repository check for this interface with <c>is</c> and fall back to
    /// <see cref="ICredentialProvider.GetCredentialAsync(string, CancellationToken)"/>.
    /// </summary>
    public interface IRepositoryCredentialProvider : ICredentialProvider
    {
        /// <summary>
        /// Credentials for <paramref name="repository"/> (for example <c>library/nginx</c>) in
        /// <paramref name="registry"/> (normalized host[:port]), or null for anonymous access.
        /// </summary>
        Task<RegistryCredential?> GetCredentialAsync(string registry, string? repository, CancellationToken cancellationToken);
    }
}
