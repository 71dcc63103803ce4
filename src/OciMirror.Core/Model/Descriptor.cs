using System;
using System.Collections.Generic;
using Newtonsoft.Json;

namespace OciMirror.Core.Model
{
    /// <summary>
    /// An OCI content descriptor (image-spec v1.1.0, descriptor.md). Immutable. Two descriptors are equal
    /// when media type, digest and size are equal; annotations, platform and URLs do not take part, so a
    /// descriptor can key a dictionary of content nodes.
    /// </summary>
    public sealed class Descriptor : IEquatable<Descriptor>
    {
        [JsonConstructor]
        public Descriptor(
            string mediaType,
            Digest digest,
            long size,
            IReadOnlyDictionary<string, string>? annotations = null,
            Platform? platform = null,
            string? artifactType = null,
            IReadOnlyList<string>? urls = null)
        {
            if (digest.IsEmpty)
            {
                throw new ArgumentException("A descriptor needs a digest.", nameof(digest));
            }

            if (size < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(size), size, $"Descriptor {digest} has a negative size.");
            }

            MediaType = mediaType ?? string.Empty;
            Digest = digest;
            Size = size;
            Annotations = annotations;
            Platform = platform;
            ArtifactType = string.IsNullOrEmpty(artifactType) ? null : artifactType;
            Urls = urls;
        }

        [JsonProperty("mediaType")]
        public string MediaType { get; }

        [JsonProperty("digest")]
        public Digest Digest { get; }

        [JsonProperty("size")]
        public long Size { get; }

        [JsonProperty("urls", NullValueHandling = NullValueHandling.Ignore)]
        public IReadOnlyList<string>? Urls { get; }

        [JsonProperty("annotations", NullValueHandling = NullValueHandling.Ignore)]
        public IReadOnlyDictionary<string, string>? Annotations { get; }

        [JsonProperty("platform", NullValueHandling = NullValueHandling.Ignore)]
        public Platform? Platform { get; }

        [JsonProperty("artifactType", NullValueHandling = NullValueHandling.Ignore)]
        public string? ArtifactType { get; }

        /// <summary>Creates a descriptor for <paramref name="content"/> with a sha256 digest.</summary>
        public static Descriptor FromBytes(string mediaType, byte[] content) => new Descriptor(mediaType, Digest.Compute(content), content.LongLength);

        /// <summary>Returns a copy with other annotations (null removes them).</summary>
        public Descriptor WithAnnotations(IReadOnlyDictionary<string, string>? annotations) =>
            new Descriptor(MediaType, Digest, Size, annotations, Platform, ArtifactType, Urls);

        /// <summary>Returns the annotation value or null.</summary>
        public string? GetAnnotation(string key) =>
            Annotations != null && Annotations.TryGetValue(key, out string? value) ? value : null;

        public bool Equals(Descriptor? other) => other != null && Digest == other.Digest && Size == other.Size
            && string.Equals(MediaType, other.MediaType, StringComparison.Ordinal);

        public override bool Equals(object? obj) => Equals(obj as Descriptor);

        public override int GetHashCode() => Digest.GetHashCode();

        /// <summary><c>digest (mediaType, size bytes)</c>, used in messages.</summary>
        public override string ToString() => $"{Digest} ({MediaType}, {Size} bytes)";
    }
}
