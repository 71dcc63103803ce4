using System.IO;
using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using OciMirror.Core.Model;

namespace OciMirror.Core.Layout
{
    /// <summary>
    /// Finds the media type of a manifest or index blob from its bytes, for index.json entries that omit
    /// it and for child manifests resolved by digest. Uses the document's <c>mediaType</c> field, else its
    /// shape (image-spec v1.1.0: an index has <c>manifests</c>, a manifest has <c>config</c> and <c>layers</c>).
    /// </summary>
    internal static class ManifestSniffer
    {
        /// <summary>The media type, or null when the bytes are not a manifest or index.</summary>
        public static string? DetectMediaType(byte[] content)
        {
            if (!StartsLikeAnObject(content))
            {
                return null; // most small blobs (configs aside) are not JSON: no parser, no exception
            }

            JObject? document;
            try
            {
                using var reader = new JsonTextReader(new StringReader(Encoding.UTF8.GetString(content))) { DateParseHandling = DateParseHandling.None };
                document = JToken.ReadFrom(reader) as JObject;
            }
            catch (JsonException)
            {
                return null;
            }

            if (document == null)
            {
                return null;
            }

            if (document["mediaType"] is JValue { Type: JTokenType.String } declared)
            {
                string mediaType = (string)declared!;
                return MediaTypes.IsManifestOrIndex(mediaType) ? mediaType : null;
            }

            if (document["manifests"] is JArray || document["manifests"]?.Type == JTokenType.Null)
            {
                return MediaTypes.OciIndex;
            }

            return document["config"] is JObject && document["layers"] is JArray ? MediaTypes.OciManifest : null;
        }

        /// <summary>True when the first byte after whitespace (and a UTF-8 byte order mark) is '{'.</summary>
        private static bool StartsLikeAnObject(byte[] content)
        {
            int i = content.Length >= 3 && content[0] == 0xEF && content[1] == 0xBB && content[2] == 0xBF ? 3 : 0;
            while (i < content.Length && (content[i] == ' ' || content[i] == '\t' || content[i] == '\r' || content[i] == '\n'))
            {
                i++;
            }

            return i < content.Length && content[i] == '{';
        }
    }
}
