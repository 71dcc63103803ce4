using OciMirror.Core.Content;
using OciMirror.Core.Model;

namespace OciMirror.Core.Referrers
{
    /// <summary>A referrer one source listed for one subject, before filtering and de-duplication.</summary>
    internal sealed class ReferrerCandidate
    {
        public ReferrerCandidate(Descriptor referrer, ReferrerSource source, string? tag, string? artifactType, BundleEntry? entry = null)
        {
            Referrer = referrer;
            Source = source;
            Tag = tag;
            ArtifactType = artifactType;
            Entry = entry;
        }

        public Descriptor Referrer { get; }

        public ReferrerSource Source { get; }

        /// <summary>The tag it carries (a cosign digest tag, or a bundle entry's tag), or null.</summary>
        public string? Tag { get; }

        /// <summary>Its artifact type when the listing said it (or the manifest was read), else null.</summary>
        public string? ArtifactType { get; }

        public BundleEntry? Entry { get; }
    }
}
