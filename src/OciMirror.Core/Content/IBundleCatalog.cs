using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace OciMirror.Core.Content
{
    /// <summary>Optional ability of a bundle target: enumerate its named roots (index.json entries).</summary>
    public interface IBundleCatalog
    {
        /// <summary>Every root of the bundle with the name conventions resolved (DESIGN §4).</summary>
        Task<IReadOnlyList<BundleEntry>> ListEntriesAsync(CancellationToken cancellationToken);
    }
}
