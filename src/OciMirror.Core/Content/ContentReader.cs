using System.IO;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Errors;
using OciMirror.Core.Model;

namespace OciMirror.Core.Content
{
    /// <summary>Helpers that read whole (small) content through verification.</summary>
    public static class ContentReader
    {
        /// <summary>
        /// Fetches <paramref name="descriptor"/> and returns its verified bytes. Refuses content larger
        /// than <paramref name="maxBytes"/> (default <see cref="OciLimits.MaxManifestBytes"/>) before reading it.
        /// </summary>
        /// <exception cref="OciException">ContentTooLarge, DigestMismatch, or what the fetch throws.</exception>
        public static async Task<byte[]> FetchAllAsync(this IFetchable storage, Descriptor descriptor, CancellationToken cancellationToken, long maxBytes = OciLimits.MaxManifestBytes)
        {
            if (descriptor.Size > maxBytes)
            {
                throw new OciException(OciErrorKind.ContentTooLarge, $"Content {descriptor.Digest} is {descriptor.Size} bytes, over the {maxBytes}-byte limit for manifests.") { Digest = descriptor.Digest };
            }

            using Stream raw = await storage.FetchAsync(descriptor, cancellationToken).ConfigureAwait(false);
            using var verified = new VerifyingReadStream(raw, descriptor);
            var buffer = new byte[descriptor.Size];
            int offset = 0;
            while (offset < buffer.Length)
            {
                offset += await verified.ReadAsync(buffer, offset, buffer.Length - offset, cancellationToken).ConfigureAwait(false);
            }

            // One more read lets the stream detect trailing bytes and check the digest.
            await verified.ReadAsync(new byte[1], 0, 1, cancellationToken).ConfigureAwait(false);
            return buffer;
        }
    }
}
