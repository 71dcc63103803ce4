using System;
using OciMirror.Core.Content;
using OciMirror.Core.Model;

namespace OciMirror.Core.Referrers
{
    /// <summary>
    /// A referrer to copy with its subject: a root of its own (copied like any artifact, then named as
    /// <see cref="Tag"/> when it came from a cosign digest tag, else by digest only). Immutable.
    /// </summary>
    public sealed class ReferrerRoot
    {
        public ReferrerRoot(Descriptor referrer, Digest subject, ReferrerSource source, string? tag, string? artifactType, int depth, BundleEntry? entry = null)
        {
            Referrer = referrer ?? throw new ArgumentNullException(nameof(referrer));
            Subject = subject;
            Source = source;
            Tag = tag;
            ArtifactType = artifactType;
            Depth = depth;
            Entry = entry;
        }

        /// <summary>The referrer's manifest or index (media type, digest, size; annotations as listed).</summary>
        public Descriptor Referrer { get; }

        /// <summary>The digest it refers to (its <c>subject</c>, or the digest its cosign tag names).</summary>
        public Digest Subject { get; }

        public ReferrerSource Source { get; }

        /// <summary>The cosign digest tag to recreate at the destination (<c>sha256-&lt;hex&gt;.sig</c>…), or a tag the bundle entry carried; null for a referrer named by digest only.</summary>
        public string? Tag { get; }

        /// <summary>Its artifact type as listed (or read from its manifest), or null when unknown.</summary>
        public string? ArtifactType { get; }

        /// <summary>1 for a referrer of the copied root (or of one of its platform manifests), 2 for a referrer of such a referrer, and so on.</summary>
        public int Depth { get; }

        /// <summary>For a bundle source: the index.json entry it is (or, for one listed only in a referrers tag index, an entry made for it); else null.</summary>
        public BundleEntry? Entry { get; }

        public override string ToString() => (Tag ?? Referrer.Digest.ToString()) + " (referrer of " + Subject + ")";
    }
}
