using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Model;

namespace OciMirror.Core.Referrers
{
    /// <summary>Reads verified manifest bytes of one source (through the copy session's cache).</summary>
    internal delegate Task<byte[]> ManifestReader(Descriptor manifest, CancellationToken cancellationToken);
}
