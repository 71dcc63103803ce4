using System;
using System.IO;
using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using OciMirror.Core.Errors;

namespace OciMirror.Core.Model
{
    /// <summary>Reading and writing the JSON documents of OCI content with the project's settings and error mapping.</summary>
    internal static class OciJson
    {
        /// <summary>Parses a JSON object without date parsing (strings stay strings, so bytes round-trip).</summary>
        /// <exception cref="OciException">ProtocolError naming <paramref name="digest"/> when the bytes are not a JSON object.</exception>
        public static JObject Parse(byte[] content, Digest digest)
        {
            try
            {
                using var reader = new JsonTextReader(new StringReader(Encoding.UTF8.GetString(content))) { DateParseHandling = DateParseHandling.None };
                return JObject.Load(reader);
            }
            catch (JsonException e)
            {
                throw new OciException(OciErrorKind.ProtocolError, $"Content {digest} is not a valid JSON object: {e.Message}", e) { Digest = digest };
            }
        }

        /// <summary>Reads a descriptor out of <paramref name="json"/>, a field of the document <paramref name="parent"/>.</summary>
        /// <exception cref="OciException">ProtocolError when it is not a valid descriptor.</exception>
        public static Descriptor ToDescriptor(JToken json, Digest parent)
        {
            try
            {
                return json.ToObject<Descriptor>() ?? throw new FormatException("the descriptor is null");
            }
            catch (Exception e) when (e is JsonException || e is ArgumentException || e is FormatException)
            {
                throw new OciException(OciErrorKind.ProtocolError, $"Document {parent} has an invalid descriptor: {e.Message}", e) { Digest = parent };
            }
        }

        /// <summary>The compact UTF-8 bytes of <paramref name="document"/> (no whitespace, no BOM).</summary>
        public static byte[] ToBytes(JToken document) => new UTF8Encoding(false).GetBytes(document.ToString(Formatting.None));
    }
}
