using System.Collections.Generic;
using System.IO;
using System.Text;
using Newtonsoft.Json;
using OciMirror.Core.Model;

namespace OciMirror.Core.DockerArchive
{
    /// <summary>
    /// Builds the registry manifest a classic docker save image never had: an OCI image manifest
    /// (image-spec v1.1 manifest.md) naming the saved config and the saved layers, as they are (no
    /// recompression, so the same archive always gives the same bytes and digest). Compact JSON, fields
    /// in the spec's order.
    /// </summary>
    internal static class DockerSaveManifestBuilder
    {
        /// <summary>The config media type: the docker config JSON is an OCI image config.</summary>
        public const string ConfigMediaType = MediaTypes.OciConfig;

        public static byte[] Build(Descriptor config, IReadOnlyList<Descriptor> layers)
        {
            var text = new StringWriter();
            using (var json = new JsonTextWriter(text) { Formatting = Formatting.None })
            {
                json.WriteStartObject();
                json.WritePropertyName("schemaVersion");
                json.WriteValue(2);
                json.WritePropertyName("mediaType");
                json.WriteValue(MediaTypes.OciManifest);
                json.WritePropertyName("config");
                Write(json, config);
                json.WritePropertyName("layers");
                json.WriteStartArray();
                foreach (Descriptor layer in layers)
                {
                    Write(json, layer);
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            return new UTF8Encoding(false).GetBytes(text.ToString());
        }

        private static void Write(JsonWriter json, Descriptor descriptor)
        {
            json.WriteStartObject();
            json.WritePropertyName("mediaType");
            json.WriteValue(descriptor.MediaType);
            json.WritePropertyName("digest");
            json.WriteValue(descriptor.Digest.ToString());
            json.WritePropertyName("size");
            json.WriteValue(descriptor.Size);
            json.WriteEndObject();
        }
    }
}
