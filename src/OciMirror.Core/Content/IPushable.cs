using System.IO;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Model;

namespace OciMirror.Core.Content
{
    /// <summary>Writes content by descriptor.</summary>
    public interface IPushable
    {
        /// <summary>
        /// Stores <paramref name="content"/> as <paramref name="expected"/>. The implementation reads
        /// exactly <c>expected.Size</c> bytes, verifies the digest before the content becomes visible, and
        /// never leaves a partial copy that looks complete. Pushing content that already exists succeeds.
        /// The caller keeps ownership of <paramref name="content"/>.
        /// </summary>
        /// <exception cref="Errors.OciException">Kind DigestMismatch when the bytes do not match.</exception>
        Task PushAsync(Descriptor expected, Stream content, CancellationToken cancellationToken);
    }
}
