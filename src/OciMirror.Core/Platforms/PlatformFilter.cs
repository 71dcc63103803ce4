using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Content;
using OciMirror.Core.Errors;
using OciMirror.Core.Model;

namespace OciMirror.Core.Platforms
{
    /// <summary>
    /// Platform selection (DESIGN §5), one component for export, import, copy and sync: given the root a
    /// reference resolved to and its storage, <see cref="SelectAsync"/> says what to copy. No platform: the
    /// root as it is. One platform of an index: that child manifest (its own digest, nothing rewritten).
    /// Several: the index whole, or a filtered copy when <see cref="FilterIndex"/> is set (a new digest,
    /// refused under <see cref="PreserveDigests"/>). A single manifest: taken when its image config's
    /// platform matches, else a clear error. Immutable and thread-safe.
    /// </summary>
    public sealed class PlatformFilter
    {
        /// <summary>No platform filter: every artifact is copied as resolved.</summary>
        public static readonly PlatformFilter None = new PlatformFilter(Array.Empty<PlatformSpec>(), filterIndex: false, preserveDigests: false);

        public PlatformFilter(IReadOnlyList<PlatformSpec> specs, bool filterIndex, bool preserveDigests)
        {
            Specs = specs ?? throw new ArgumentNullException(nameof(specs));
            FilterIndex = filterIndex;
            PreserveDigests = preserveDigests;
        }

        /// <summary>The platforms asked for; empty means all.</summary>
        public IReadOnlyList<PlatformSpec> Specs { get; }

        /// <summary>Several platforms of an index become a filtered index (a new digest) instead of the whole index.</summary>
        public bool FilterIndex { get; }

        /// <summary>Refuse anything that would rewrite a manifest or index (a filtered index).</summary>
        public bool PreserveDigests { get; }

        /// <summary>True when no platform was asked for.</summary>
        public bool IsEmpty => Specs.Count == 0;

        /// <summary>A filter from the texts of <c>--platform</c> (blank entries ignored, duplicates dropped).</summary>
        /// <exception cref="OciException">InvalidReference for a malformed platform.</exception>
        public static PlatformFilter Parse(IEnumerable<string>? platforms, bool filterIndex, bool preserveDigests) =>
            new PlatformFilter(PlatformSpec.ParseAll(platforms), filterIndex, preserveDigests);

        /// <summary>
        /// Chooses what to copy of <paramref name="resolved"/>, reading it (and, for a single manifest, its
        /// config) from <paramref name="source"/> through verification. <paramref name="reference"/> names the
        /// artifact in notes and errors.
        /// </summary>
        /// <exception cref="OciException">
        /// NotFound: a platform matches no entry (the message lists the platforms there are), or a single
        /// manifest has another platform or none; AmbiguousReference: a platform matches entries that differ
        /// only in os.version or os.features; RewriteRefused: a filtered index under <see cref="PreserveDigests"/>;
        /// what reading the manifest throws.
        /// </exception>
        public async Task<PlatformChoice> SelectAsync(IFetchable source, Descriptor resolved, string reference, CancellationToken cancellationToken)
        {
            if (IsEmpty)
            {
                return PlatformChoice.Unfiltered(resolved);
            }

            byte[] content = await source.FetchAllAsync(resolved, cancellationToken).ConfigureAwait(false);
            ManifestInfo info = ManifestInfo.Parse(resolved, content);
            return info.IsIndex
                ? IndexSelection.Select(this, resolved, content, reference)
                : await SingleManifestAsync(source, resolved, content, reference, cancellationToken).ConfigureAwait(false);
        }

        /// <summary>The specs as the user wrote them, for messages: <c>linux/amd64, linux/arm64</c>.</summary>
        internal string Describe() => string.Join(", ", Specs.Select(s => s.Text));

        private async Task<PlatformChoice> SingleManifestAsync(IFetchable source, Descriptor resolved, byte[] content, string reference, CancellationToken cancellationToken)
        {
            Platform? platform = await ConfigPlatform.ReadAsync(source, resolved, content, cancellationToken).ConfigureAwait(false);
            if (platform == null)
            {
                throw new OciException(
                    OciErrorKind.NotFound,
                    $"{reference} is a single manifest ({resolved.Digest}) whose config names no platform, so platform {Describe()} cannot be selected from it.")
                {
                    Reference = reference,
                    Digest = resolved.Digest,
                    RecommendedAction = "Leave out the platform for this reference: it has only one manifest to copy.",
                };
            }

            if (!Specs.Any(s => s.Matches(platform)))
            {
                throw new OciException(
                    OciErrorKind.NotFound,
                    $"{reference} is a single-platform image for {platform} ({resolved.Digest}), not {Describe()}; it has no index to choose another platform from.")
                {
                    Reference = reference,
                    Digest = resolved.Digest,
                    RecommendedAction = $"Ask for platform {platform}, leave out the platform, or use a reference to a multi-platform index.",
                };
            }

            return new PlatformChoice(
                PlatformChoiceKind.SingleManifest,
                resolved,
                resolved,
                new[] { platform },
                $"single-platform image: its config says {platform}, which matches; copied as it is");
        }
    }
}
