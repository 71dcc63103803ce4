using System.Threading;
using System.Threading.Tasks;

namespace OciMirror.Core.Content
{
    /// <summary>
    /// Optional ability of a registry repository target: read a tagged manifest with its entity tag and
    /// replace it only if it did not change meanwhile (HTTP conditional requests, which distribution-spec
    /// 1.1 allows for the referrers tag schema). A registry that ignores conditions simply overwrites.
    /// </summary>
    public interface IConditionalManifestStore
    {
        /// <summary>The manifest tagged <paramref name="tag"/>, with its ETag when the registry sent one; null when the tag does not exist.</summary>
        /// <exception cref="Errors.OciException">Any other failure; ContentTooLarge over 4 MiB.</exception>
        Task<TaggedManifest?> GetTaggedManifestAsync(string tag, CancellationToken cancellationToken);

        /// <summary>
        /// PUTs <paramref name="content"/> (a manifest or index of <paramref name="mediaType"/>) as
        /// <paramref name="tag"/>, with <c>If-Match: <paramref name="ifMatch"/></c> when given, else
        /// <c>If-None-Match: *</c> when <paramref name="mustNotExist"/>. False when the registry answered
        /// 412 Precondition Failed (someone changed the tag meanwhile): nothing was written.
        /// </summary>
        /// <exception cref="Errors.OciException">Any other failure, as mapped from the registry's answer.</exception>
        Task<bool> PutTaggedManifestAsync(string tag, string mediaType, byte[] content, string? ifMatch, bool mustNotExist, CancellationToken cancellationToken);
    }
}
