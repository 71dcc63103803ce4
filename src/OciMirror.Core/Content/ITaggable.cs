using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Model;

namespace OciMirror.Core.Content
{
    /// <summary>Points a name at existing content.</summary>
    public interface ITaggable
    {
        /// <summary>
        /// Tags <paramref name="target"/> (which must already be stored) as <paramref name="reference"/>:
        /// a tag for a registry repository, a full normalized reference for a bundle.
        /// </summary>
        Task TagAsync(Descriptor target, string reference, CancellationToken cancellationToken);
    }
}
