using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace OciMirror.Core.Content
{
    /// <summary>Optional ability of a repository target: list its tags (following pagination).</summary>
    public interface ITagLister
    {
        /// <summary>All tags of the repository in the order the registry returns them.</summary>
        Task<IReadOnlyList<string>> ListTagsAsync(CancellationToken cancellationToken);
    }
}
