using System.Threading;
using System.Threading.Tasks;

namespace OciMirror.Core.Registry.Auth
{
    /// <summary>
    /// Supplies credentials for a registry host. The seam for every credential source (explicit,
    /// docker config.json, podman auth.json, credential helpers).
    /// </summary>
    public interface ICredentialProvider
    {
        /// <summary>
        /// Credentials for <paramref name="registry"/> (normalized host[:port], for example
        /// <c>docker.io</c> or <c>localhost:5000</c>), or null for anonymous access.
        /// </summary>
        Task<RegistryCredential?> GetCredentialAsync(string registry, CancellationToken cancellationToken);
    }
}
