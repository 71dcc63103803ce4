using System.Linq;
using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using OciMirror.Core.Errors;
using OciMirror.Core.Model;

namespace OciMirror.Core.Registry
{
    /// <summary>
    /// Explains a manifest push that a registry refused because the manifest lists foreign
    /// (non-distributable) layers: distribution answers <c>500 UNKNOWN … MANIFEST_BLOB_UNKNOWN</c> (or 400
    /// <c>MANIFEST_INVALID</c>) when the layers' URLs are not allowed by its configuration, which the status
    /// alone would present as an overloaded registry.
    /// </summary>
    internal static class ForeignLayerRefusal
    {
        private static readonly string[] RefusalCodes = { "MANIFEST_BLOB_UNKNOWN", "MANIFEST_INVALID", "BLOB_UNKNOWN" };

        /// <summary>
        /// The refusal restated (kind UnsupportedMediaType, a hint naming the registry setting) when
        /// <paramref name="manifest"/> has foreign layers and the registry refused it with one of the codes a
        /// refused foreign layer gives; otherwise null.
        /// </summary>
        public static OciException? Explain(OciException refused, byte[] manifest)
        {
            if (!(refused.StatusCode == 400 || refused.StatusCode >= 500) || !refused.RegistryErrorCodes.Any(c => RefusalCodes.Contains(c)))
            {
                return null;
            }

            int foreign = CountForeignLayers(manifest);
            if (foreign == 0)
            {
                return null;
            }

            return refused.Restate(
                OciErrorKind.UnsupportedMediaType,
                refused.Message.TrimEnd('.') + $". The manifest lists {foreign} foreign (non-distributable) layer(s), which the registry refuses unless their URLs are allowed.",
                $"Allow the foreign layers' URLs on {refused.Registry} (distribution: 'validation: manifests: urls: allow' in its configuration; Harbor, Artifactory and others have a similar setting), or push the image to a registry that accepts foreign layers.");
        }

        private static int CountForeignLayers(byte[] manifest)
        {
            try
            {
                using var reader = new JsonTextReader(new System.IO.StringReader(Encoding.UTF8.GetString(manifest))) { DateParseHandling = DateParseHandling.None };
                return (JToken.ReadFrom(reader)["layers"] as JArray)?.OfType<JObject>()
                    .Count(layer => MediaTypes.IsNonDistributable((string?)(layer["mediaType"] as JValue))) ?? 0;
            }
            catch (JsonException)
            {
                return 0;
            }
        }
    }
}
