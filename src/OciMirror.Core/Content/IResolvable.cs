using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Model;

namespace OciMirror.Core.Content
{
    /// <summary>Resolves a tag or digest reference to the descriptor of a manifest or index.</summary>
    public interface IResolvable
    {
        /// <summary>
        /// Resolves <paramref name="reference"/>: a tag, a digest, or (for bundles) a full reference. The
        /// returned descriptor has the media type, digest and size of the root.
        /// </summary>
        /// <exception cref="Errors.OciException">Kind NotFound, or AmbiguousReference for a bundle name that matches several entries.</exception>
        Task<Descriptor> ResolveAsync(string reference, CancellationToken cancellationToken);
    }
}
