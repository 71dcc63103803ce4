using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace OciMirror.Core.Referrers
{
    /// <summary>Reads JSON documents without date conversion, so annotation values survive byte for byte.</summary>
    internal static class ReferrerJson
    {
        /// <exception cref="JsonException">Not a JSON object.</exception>
        public static JObject Load(byte[] content)
        {
            using var reader = new JsonTextReader(new System.IO.StringReader(Encoding.UTF8.GetString(content))) { DateParseHandling = DateParseHandling.None };
            return JObject.Load(reader);
        }
    }
}
