using System.Collections.Generic;

namespace OciMirror.Core.Selection
{
    /// <summary>What <see cref="TagSelector.Select"/> kept of a tag list. Immutable.</summary>
    public sealed class TagSelectionResult
    {
        public TagSelectionResult(IReadOnlyList<string> tags, IReadOnlyList<string> digestTags)
        {
            Tags = tags;
            DigestTags = digestTags;
        }

        /// <summary>The selected tags, in the order of the input list.</summary>
        public IReadOnlyList<string> Tags { get; }

        /// <summary>
        /// Digest tags set aside under <see cref="DigestTagMode.WithImages"/>: candidates for
        /// <see cref="TagSelector.AttachDigestTags"/>; empty in the other modes.
        /// </summary>
        public IReadOnlyList<string> DigestTags { get; }
    }
}
