using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Model;

namespace OciMirror.Core.Content
{
    /// <summary>Content-addressed storage that can be read and probed.</summary>
    public interface IReadOnlyStorage : IFetchable
    {
        /// <summary>True when content with this digest (and size) is present and complete.</summary>
        Task<bool> ExistsAsync(Descriptor target, CancellationToken cancellationToken);
    }
}
