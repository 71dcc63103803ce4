using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using OciMirror.Core.Errors;

namespace OciMirror.Core.Model
{
    /// <summary>
    /// What the engine needs to know about a manifest or index: its media type, its children in copy
    /// order, the platforms of an index, the artifact type and subject. Built by <see cref="Parse"/>
    /// from the exact bytes, which are never rewritten.
    /// </summary>
    public sealed class ManifestInfo
    {
        private ManifestInfo(string mediaType, IReadOnlyList<Descriptor> children, IReadOnlyList<Platform> platforms, string? artifactType, Descriptor? subject)
        {
            MediaType = mediaType;
            Children = children;
            Platforms = platforms;
            ArtifactType = artifactType;
            Subject = subject;
        }

        /// <summary>
        /// The media type the bytes declare (their <c>mediaType</c> field) or, without one, the one their
        /// structure implies (image-spec v1.1.0: <c>manifests</c> makes an OCI index, <c>config</c> and
        /// <c>layers</c> an OCI manifest); the descriptor's only when the bytes say neither. A registry
        /// checks the bytes against the type a manifest is pushed with, so this is the type to push with,
        /// whatever the parent or index.json says (go-containerregistry lists Docker manifests as OCI ones).
        /// </summary>
        public string MediaType { get; }

        /// <summary>True for an OCI index or Docker manifest list.</summary>
        public bool IsIndex => MediaTypes.IsIndex(MediaType);

        /// <summary>
        /// Child descriptors: for a manifest config then layers, for an index its manifests; the subject
        /// (OCI 1.1) comes last. Foreign (non-distributable) layers are excluded: they are not in the registry.
        /// </summary>
        public IReadOnlyList<Descriptor> Children { get; }

        /// <summary>Platforms of an index's entries, in order; empty for a manifest.</summary>
        public IReadOnlyList<Platform> Platforms { get; }

        /// <summary>artifactType of the document, or the config media type for a manifest with a non-image config.</summary>
        public string? ArtifactType { get; }

        /// <summary>The subject descriptor (OCI 1.1 referrers), or null.</summary>
        public Descriptor? Subject { get; }

        /// <summary>
        /// Parses manifest or index bytes. The document's own <c>mediaType</c> field, else its shape, decides
        /// the media type (see <see cref="MediaType"/>); <paramref name="descriptor"/>'s only when neither does.
        /// </summary>
        /// <exception cref="OciException">Docker schema 1 (<see cref="OciErrorKind.UnsupportedMediaType"/>) or malformed JSON (<see cref="OciErrorKind.ProtocolError"/>).</exception>
        public static ManifestInfo Parse(Descriptor descriptor, byte[] content)
        {
            JObject doc;
            try
            {
                using var reader = new JsonTextReader(new System.IO.StringReader(Encoding.UTF8.GetString(content))) { DateParseHandling = DateParseHandling.None };
                doc = JObject.Load(reader);
            }
            catch (JsonException e)
            {
                throw new OciException(OciErrorKind.ProtocolError, $"Manifest {descriptor.Digest} is not valid JSON: {e.Message}", e) { Digest = descriptor.Digest };
            }

            string? declared = doc["mediaType"]?.Type == JTokenType.String ? (string?)doc["mediaType"] : null;
            int schemaVersion = doc["schemaVersion"]?.Type == JTokenType.Integer ? (int)doc["schemaVersion"]! : 0;
            string mediaType = OwnMediaType(doc, declared)
                ?? (!string.IsNullOrEmpty(descriptor.MediaType) && !string.Equals(descriptor.MediaType, "application/json", StringComparison.Ordinal)
                    ? descriptor.MediaType
                    : declared ?? (doc["manifests"] != null ? MediaTypes.OciIndex : MediaTypes.OciManifest));
            if (schemaVersion == 1 || MediaTypes.IsSchema1(mediaType))
            {
                throw new OciException(
                    OciErrorKind.UnsupportedMediaType,
                    $"Manifest {descriptor.Digest} is Docker schema 1, which is deprecated and not supported; push the image again with a current Docker or convert it (skopeo copy --format v2s2).")
                { Digest = descriptor.Digest };
            }

            if (!MediaTypes.IsManifestOrIndex(mediaType))
            {
                throw new OciException(OciErrorKind.UnsupportedMediaType, $"Content {descriptor.Digest} has media type '{mediaType}', which is not a manifest or index.") { Digest = descriptor.Digest };
            }

            try
            {
                var children = new List<Descriptor>();
                var platforms = new List<Platform>();
                string? artifactType = (string?)doc["artifactType"];
                if (MediaTypes.IsIndex(mediaType))
                {
                    foreach (JToken entry in ArrayOf(doc, "manifests", descriptor))
                    {
                        Descriptor child = entry.ToObject<Descriptor>()!;
                        children.Add(child);
                        if (child.Platform != null)
                        {
                            platforms.Add(child.Platform);
                        }
                    }
                }
                else
                {
                    Descriptor? config = doc["config"]?.ToObject<Descriptor>();
                    if (config != null)
                    {
                        children.Add(config);
                        if (artifactType == null && config.MediaType != MediaTypes.OciConfig && config.MediaType != MediaTypes.DockerConfig && config.MediaType != MediaTypes.OciEmpty)
                        {
                            artifactType = config.MediaType;
                        }
                    }

                    foreach (JToken layer in ArrayOf(doc, "layers", descriptor))
                    {
                        Descriptor child = layer.ToObject<Descriptor>()!;
                        if (!MediaTypes.IsNonDistributable(child.MediaType))
                        {
                            children.Add(child);
                        }
                    }
                }

                Descriptor? subject = doc["subject"]?.Type == JTokenType.Object ? doc["subject"]!.ToObject<Descriptor>() : null;
                if (subject != null)
                {
                    children.Add(subject);
                }

                return new ManifestInfo(mediaType, children.Distinct().ToList(), platforms, artifactType, subject);
            }
            catch (Exception e) when (e is JsonException || e is ArgumentException || e is FormatException)
            {
                throw new OciException(OciErrorKind.ProtocolError, $"Manifest {descriptor.Digest} has an invalid descriptor: {e.Message}", e) { Digest = descriptor.Digest };
            }
        }

        /// <summary>The manifest or index type the document declares, else the one its structure implies, else null.</summary>
        private static string? OwnMediaType(JObject doc, string? declared)
        {
            if (declared != null)
            {
                return MediaTypes.IsManifestOrIndex(declared) ? declared : null;
            }

            if (doc["manifests"] is JArray || doc["manifests"]?.Type == JTokenType.Null)
            {
                return MediaTypes.OciIndex;
            }

            return doc["config"] is JObject && doc["layers"] is JArray ? MediaTypes.OciManifest : null;
        }

        /// <summary>
        /// The array <paramref name="name"/>; absent or null is empty (Go writes a nil slice as null: umoci,
        /// docker save of an untagged image).
        /// </summary>
        /// <exception cref="OciException">ProtocolError when the field is something else than an array.</exception>
        private static JArray ArrayOf(JObject doc, string name, Descriptor descriptor) => doc[name] switch
        {
            null => new JArray(),
            JArray array => array,
            JValue { Type: JTokenType.Null } => new JArray(),
            JToken other => throw new OciException(OciErrorKind.ProtocolError, $"Manifest {descriptor.Digest} has a '{name}' field that is not an array ({other.Type}).") { Digest = descriptor.Digest },
        };
    }
}
