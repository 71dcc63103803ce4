using System;
using OciMirror.Core.Model;

namespace OciMirror.Core.Content
{
    /// <summary>A manifest read by tag, with the entity tag a conditional replacement names. Immutable.</summary>
    public sealed class TaggedManifest
    {
        public TaggedManifest(Descriptor descriptor, byte[] content, string? entityTag)
        {
            Descriptor = descriptor ?? throw new ArgumentNullException(nameof(descriptor));
            Content = content ?? throw new ArgumentNullException(nameof(content));
            EntityTag = entityTag;
        }

        /// <summary>Media type (Content-Type, or the document's own), digest of the bytes, size.</summary>
        public Descriptor Descriptor { get; }

        /// <summary>The bytes as served, verified against <see cref="Descriptor"/>.</summary>
        public byte[] Content { get; }

        /// <summary>The ETag header as sent (quotes included), or null.</summary>
        public string? EntityTag { get; }
    }
}
