using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Model;

namespace OciMirror.Core.Referrers
{
    /// <summary>Lists the referrers of one digest in one source (a registry repository, or a bundle).</summary>
    internal interface IReferrerFinder
    {
        /// <summary>The direct referrers of <paramref name="subject"/>, from every source kind the storage has.</summary>
        /// <exception cref="Errors.OciException">The source could not be asked (connection, permission, malformed answer).</exception>
        Task<IReadOnlyList<ReferrerCandidate>> FindAsync(Digest subject, CancellationToken cancellationToken);
    }
}
