using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Model;

namespace OciMirror.Core.Content
{
    /// <summary>Optional ability of a registry repository target: cross-repository blob mount.</summary>
    public interface IBlobMounter
    {
        /// <summary>The registry host of this repository (normalized, for example <c>localhost:5000</c>).</summary>
        string RegistryName { get; }

        /// <summary>The repository path, for example <c>library/nginx</c>.</summary>
        string RepositoryName { get; }

        /// <summary>
        /// Asks the registry to mount blob <paramref name="blob"/> from <paramref name="fromRepository"/>
        /// (a repository path on the same registry). Returns false when the registry declined (it then
        /// started a normal upload, which this method cancels), so the caller falls back to a push.
        /// </summary>
        Task<bool> MountAsync(Descriptor blob, string fromRepository, CancellationToken cancellationToken);
    }
}
