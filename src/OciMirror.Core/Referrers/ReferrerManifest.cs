using System;
using System.Collections.Generic;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using OciMirror.Core.Errors;
using OciMirror.Core.Model;

namespace OciMirror.Core.Referrers
{
    /// <summary>
    /// What referrer handling needs from a manifest or index: its subject, its artifact type, its
    /// annotations, and the descriptor the referrers API (or the referrers tag index) lists for it.
    /// Parsed from the exact bytes, which are never rewritten. Immutable.
    /// </summary>
    public sealed class ReferrerManifest
    {
        private ReferrerManifest(Descriptor descriptor, bool isIndex, Descriptor? subject, string? artifactType, string? configMediaType, string? firstLayerMediaType, IReadOnlyDictionary<string, string>? annotations)
        {
            Descriptor = descriptor;
            IsIndex = isIndex;
            Subject = subject;
            ArtifactType = artifactType;
            ConfigMediaType = configMediaType;
            FirstLayerMediaType = firstLayerMediaType;
            Annotations = annotations;
        }

        /// <summary>Media type (the descriptor's, else the document's), digest and size of the manifest.</summary>
        public Descriptor Descriptor { get; }

        public bool IsIndex { get; }

        /// <summary>The <c>subject</c> descriptor, or null.</summary>
        public Descriptor? Subject { get; }

        /// <summary>The document's own <c>artifactType</c> field, or null.</summary>
        public string? ArtifactType { get; }

        public string? ConfigMediaType { get; }

        public string? FirstLayerMediaType { get; }

        public IReadOnlyDictionary<string, string>? Annotations { get; }

        /// <summary>
        /// The artifact type the referrers API lists (distribution-spec "Listing Referrers"): the
        /// <c>artifactType</c> field, else for a manifest its config media type; null for an index without one.
        /// </summary>
        public string? ListedArtifactType => ArtifactType ?? (IsIndex ? null : ConfigMediaType);

        /// <summary>
        /// The type a manifest found by a cosign digest tag is filtered by (it has no listing): the
        /// <c>artifactType</c> field, else the config media type unless that is a plain image config or the
        /// empty config, else the first layer's media type (<c>application/vnd.dev.cosign.simplesigning.v1+json</c>
        /// for a cosign signature, <c>application/vnd.dsse.envelope.v1+json</c> for an attestation).
        /// </summary>
        public string? DigestTagArtifactType =>
            ArtifactType
            ?? (ConfigMediaType != null && ConfigMediaType != MediaTypes.OciConfig && ConfigMediaType != MediaTypes.DockerConfig && ConfigMediaType != MediaTypes.OciEmpty ? ConfigMediaType : null)
            ?? FirstLayerMediaType
            ?? ConfigMediaType;

        /// <summary>
        /// Parses manifest or index bytes described by <paramref name="descriptor"/> (whose media type may be
        /// empty: the document's field, or its shape, decides).
        /// </summary>
        /// <exception cref="OciException">ProtocolError: not a JSON object, or a malformed subject/config/layer descriptor.</exception>
        public static ReferrerManifest Parse(Descriptor descriptor, byte[] content)
        {
            if (descriptor == null)
            {
                throw new ArgumentNullException(nameof(descriptor));
            }

            try
            {
                JObject doc = ReferrerJson.Load(content ?? throw new ArgumentNullException(nameof(content)));
                string mediaType = descriptor.MediaType.Length != 0 ? descriptor.MediaType
                    : (string?)doc["mediaType"] ?? (doc["manifests"] != null ? MediaTypes.OciIndex : MediaTypes.OciManifest);
                bool isIndex = MediaTypes.IsIndex(mediaType) || (!MediaTypes.IsManifest(mediaType) && doc["manifests"] is JArray);
                Descriptor? subject = doc["subject"] is JObject s ? s.ToObject<Descriptor>() : null;
                string? configType = doc["config"] is JObject c ? (string?)c["mediaType"] : null;
                string? firstLayer = doc["layers"] is JArray layers && layers.Count > 0 && layers[0] is JObject l ? (string?)l["mediaType"] : null;
                IReadOnlyDictionary<string, string>? annotations = doc["annotations"] is JObject a ? a.ToObject<Dictionary<string, string>>() : null;
                string? artifactType = doc["artifactType"]?.Type == JTokenType.String ? (string?)doc["artifactType"] : null;
                return new ReferrerManifest(
                    new Descriptor(mediaType, descriptor.Digest, descriptor.Size),
                    isIndex,
                    subject,
                    string.IsNullOrEmpty(artifactType) ? null : artifactType,
                    string.IsNullOrEmpty(configType) ? null : configType,
                    string.IsNullOrEmpty(firstLayer) ? null : firstLayer,
                    annotations == null || annotations.Count == 0 ? null : annotations);
            }
            catch (Exception e) when (e is JsonException || e is ArgumentException || e is FormatException || e is InvalidCastException)
            {
                throw new OciException(OciErrorKind.ProtocolError, $"Manifest {descriptor.Digest} cannot be read as a referrer: {e.Message}", e) { Digest = descriptor.Digest };
            }
        }

        /// <summary>
        /// The descriptor to list in a referrers index for this manifest: media type, digest, size, the listed
        /// artifact type, and every annotation of the manifest (spec "Pushing Manifests with Subject").
        /// </summary>
        public Descriptor ToListingDescriptor() =>
            new Descriptor(Descriptor.MediaType, Descriptor.Digest, Descriptor.Size, Annotations, null, ListedArtifactType);
    }
}
