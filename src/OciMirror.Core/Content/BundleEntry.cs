using OciMirror.Core.Model;

namespace OciMirror.Core.Content
{
    /// <summary>A root of a bundle (an entry of index.json) with its name, however the writer recorded it.</summary>
    public sealed class BundleEntry
    {
        public BundleEntry(Descriptor descriptor, string? fullName, string? tag)
        {
            Descriptor = descriptor;
            FullName = fullName;
            Tag = tag;
        }

        /// <summary>The root descriptor as stored in index.json (with its annotations).</summary>
        public Descriptor Descriptor { get; }

        /// <summary>
        /// The full normalized reference (<c>docker.io/library/nginx:1.27</c>, or without tag for a
        /// digest-only entry) when the writer recorded one; null for tag-only or untagged entries.
        /// </summary>
        public string? FullName { get; }

        /// <summary>The tag, or null for an untagged or digest-only entry.</summary>
        public string? Tag { get; }

        /// <summary>
        /// False for an entry whose media type is not an image or index (see <see cref="MediaTypes.IsUnderstoodRoot"/>):
        /// it is listed and its blob verified when present, but it is not imported.
        /// </summary>
        public bool IsImageOrIndex => MediaTypes.IsUnderstoodRoot(Descriptor.MediaType);

        public override string ToString() => FullName ?? Tag ?? Descriptor.Digest.ToString();
    }
}
