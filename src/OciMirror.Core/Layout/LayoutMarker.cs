using System.IO;
using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using OciMirror.Core.Errors;

namespace OciMirror.Core.Layout
{
    /// <summary>
    /// The <c>oci-layout</c> marker file (image-spec v1.1.0, image-layout.md#oci-layout-file), checked the
    /// same way for a directory and for an archive entry.
    /// </summary>
    internal static class LayoutMarker
    {
        /// <summary>The oci-layout content we write.</summary>
        public const string Content = "{\"imageLayoutVersion\":\"1.0.0\"}";

        /// <summary>Largest oci-layout file read (it holds one short field): 64 KiB.</summary>
        public const int MaxBytes = 64 * 1024;

        /// <summary>
        /// Checks that <paramref name="content"/> is a JSON object whose <c>imageLayoutVersion</c> is a 1.x
        /// semver string (a major version other than 1 is a format we do not know).
        /// </summary>
        /// <exception cref="OciException">InvalidLayout naming <paramref name="path"/> and what is wrong.</exception>
        public static void Check(string path, byte[] content)
        {
            JObject? document;
            try
            {
                using var reader = new JsonTextReader(new StringReader(Encoding.UTF8.GetString(content).TrimStart('\uFEFF'))) { DateParseHandling = DateParseHandling.None };
                document = JToken.ReadFrom(reader) as JObject;
            }
            catch (JsonException e)
            {
                throw Invalid(path, $"is not valid JSON: {e.Message}", e);
            }

            string? version = document?["imageLayoutVersion"] is JValue { Type: JTokenType.String } value ? (string?)value : null;
            if (version == null)
            {
                throw Invalid(path, "has no imageLayoutVersion string");
            }

            string major = version.Split('.')[0];
            if (major != "1")
            {
                throw Invalid(path, $"declares imageLayoutVersion '{version}'; only version 1.x layouts are supported");
            }
        }

        private static OciException Invalid(string path, string why, System.Exception? inner = null) =>
            new OciException(OciErrorKind.InvalidLayout, $"'{path}' {why.TrimEnd('.')}.", inner) { Path = path };
    }
}
