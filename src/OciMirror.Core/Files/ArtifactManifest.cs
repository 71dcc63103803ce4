using System.Collections.Generic;
using System.Linq;
using Newtonsoft.Json.Linq;
using OciMirror.Core.Model;

namespace OciMirror.Core.Files
{
    /// <summary>
    /// Writes the image manifest of a file artifact the way oras 1.x packs it (oras-go PackManifest), field
    /// for field: without a config file, an OCI 1.1 artifact with the empty config
    /// (<c>application/vnd.oci.empty.v1+json</c>, <c>{}</c>, with its <c>data</c>), an <c>artifactType</c>
    /// (default <c>application/vnd.unknown.artifact.v1</c>) and, when there are no files, the empty descriptor
    /// as its single layer; with a config file and no artifact type, an image-spec 1.0 manifest whose config media
    /// type is the type. Field order is Go's (schemaVersion, mediaType, artifactType, config, layers, subject,
    /// annotations), annotation keys sorted, compact JSON. Unlike oras, no <c>org.opencontainers.image.created</c>
    /// is added unless given, so the same files give the same digest.
    /// </summary>
    internal static class ArtifactManifest
    {
        /// <summary>The bytes of the empty JSON object, <c>{}</c>.</summary>
        public static readonly byte[] EmptyJson = { (byte)'{', (byte)'}' };

        /// <summary>The descriptor of <see cref="EmptyJson"/> (sha256:44136fa3…, 2 bytes).</summary>
        public static readonly Descriptor Empty = Descriptor.FromBytes(MediaTypes.OciEmpty, EmptyJson);

        /// <summary>The manifest bytes.</summary>
        /// <param name="config">The config file's descriptor (with its annotations), or null for the empty config.</param>
        /// <param name="configAnnotations">Annotations of the empty config (ignored with a config file).</param>
        public static byte[] Build(string? artifactType, Descriptor? config, IReadOnlyDictionary<string, string>? configAnnotations, IReadOnlyList<Descriptor> layers, Descriptor? subject, IReadOnlyDictionary<string, string>? annotations)
        {
            var manifest = new JObject
            {
                ["schemaVersion"] = 2,
                ["mediaType"] = MediaTypes.OciManifest,
            };
            if (config == null)
            {
                manifest["artifactType"] = artifactType ?? ArtifactAnnotations.UnknownArtifactType;
                JObject empty = Json(Empty.WithAnnotations(configAnnotations));
                empty["data"] = "e30=";
                manifest["config"] = empty;
            }
            else
            {
                if (artifactType != null)
                {
                    manifest["artifactType"] = artifactType;
                }

                manifest["config"] = Json(config);
            }

            var layerArray = new JArray(layers.Select(Json));
            if (layers.Count == 0 && config == null)
            {
                JObject empty = Json(Empty);
                empty["data"] = "e30=";
                layerArray.Add(empty);
            }

            manifest["layers"] = layerArray;
            if (subject != null)
            {
                manifest["subject"] = Json(new Descriptor(subject.MediaType, subject.Digest, subject.Size, null, null, subject.ArtifactType));
            }

            if (annotations != null && annotations.Count > 0)
            {
                manifest["annotations"] = Sorted(annotations);
            }

            return OciJson.ToBytes(manifest);
        }

        /// <summary>A descriptor as JSON in Go's field order, annotations sorted.</summary>
        private static JObject Json(Descriptor descriptor)
        {
            var json = new JObject
            {
                ["mediaType"] = descriptor.MediaType,
                ["digest"] = descriptor.Digest.ToString(),
                ["size"] = descriptor.Size,
            };
            if (descriptor.Annotations != null && descriptor.Annotations.Count > 0)
            {
                json["annotations"] = Sorted(descriptor.Annotations);
            }

            if (descriptor.ArtifactType != null)
            {
                json["artifactType"] = descriptor.ArtifactType;
            }

            return json;
        }

        private static JObject Sorted(IReadOnlyDictionary<string, string> annotations) =>
            new JObject(annotations.OrderBy(a => a.Key, System.StringComparer.Ordinal).Select(a => new JProperty(a.Key, a.Value)));
    }
}
