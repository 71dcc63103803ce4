using System.IO;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Model;

namespace OciMirror.Core.Content
{
    /// <summary>Reads content by descriptor.</summary>
    public interface IFetchable
    {
        /// <summary>
        /// Opens the content of <paramref name="target"/> for reading. The caller disposes the stream.
        /// The stream is not necessarily verified: callers that need verification wrap it in
        /// <see cref="VerifyingReadStream"/> (the copy engine always does).
        /// </summary>
        /// <exception cref="Errors.OciException">Kind NotFound when the content does not exist.</exception>
        Task<Stream> FetchAsync(Descriptor target, CancellationToken cancellationToken);
    }
}
