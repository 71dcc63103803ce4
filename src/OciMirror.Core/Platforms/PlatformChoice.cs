using System;
using System.Collections.Generic;
using OciMirror.Core.Content;
using OciMirror.Core.Model;

namespace OciMirror.Core.Platforms
{
    /// <summary>
    /// The outcome of <see cref="PlatformFilter.SelectAsync"/>: what to copy (<see cref="Root"/>), where it came
    /// from (<see cref="Resolved"/>), and a sentence for the user (<see cref="Note"/>). Immutable.
    /// </summary>
    public sealed class PlatformChoice
    {
        internal PlatformChoice(PlatformChoiceKind kind, Descriptor resolved, Descriptor root, IReadOnlyList<Platform> selected, string? note, byte[]? rewrittenIndex = null)
        {
            Kind = kind;
            Resolved = resolved;
            Root = root;
            Selected = selected;
            Note = note;
            RewrittenIndex = rewrittenIndex;
        }

        public PlatformChoiceKind Kind { get; }

        /// <summary>What the reference resolved to (an index, a manifest).</summary>
        public Descriptor Resolved { get; }

        /// <summary>
        /// The root to copy and name: <see cref="Resolved"/>, one child of it (with the platform of its index
        /// entry), or the filtered index (a new digest, media type of the original).
        /// </summary>
        public Descriptor Root { get; }

        /// <summary>The platforms selected, in index order; empty when unfiltered.</summary>
        public IReadOnlyList<Platform> Selected { get; }

        /// <summary>What the selection did, in one sentence for the output; null when unfiltered.</summary>
        public string? Note { get; }

        /// <summary>True when <see cref="Root"/> is a document this tool wrote (a filtered index): its digest is new.</summary>
        public bool DigestChanged => RewrittenIndex != null;

        /// <summary>The bytes of the filtered index, or null.</summary>
        public byte[]? RewrittenIndex { get; }

        /// <summary>The choice for no platform filter: <paramref name="resolved"/> as it is.</summary>
        public static PlatformChoice Unfiltered(Descriptor resolved) =>
            new PlatformChoice(PlatformChoiceKind.Unfiltered, resolved ?? throw new ArgumentNullException(nameof(resolved)), resolved, Array.Empty<Platform>(), null);

        /// <summary>
        /// The storage to copy <see cref="Root"/> from: <paramref name="source"/> itself, or, for a filtered
        /// index, an overlay that serves the new index bytes and reads everything else from <paramref name="source"/>.
        /// </summary>
        public IReadOnlyStorage SourceFor(IReadOnlyStorage source) =>
            RewrittenIndex == null ? source : MemoryOverlay.Over(source, new Dictionary<Digest, byte[]> { [Root.Digest] = RewrittenIndex });
    }
}
