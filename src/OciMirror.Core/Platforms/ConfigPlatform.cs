using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Newtonsoft.Json.Linq;
using OciMirror.Core.Content;
using OciMirror.Core.Errors;
using OciMirror.Core.Model;

namespace OciMirror.Core.Platforms
{
    /// <summary>
    /// Reads the platform of a single image manifest from its config (image-spec config.md: <c>os</c>,
    /// <c>architecture</c>, <c>variant</c>, <c>os.version</c>, <c>os.features</c>). Only OCI and Docker image
    /// configs are read; an artifact's config is not an image config and yields no platform.
    /// </summary>
    internal static class ConfigPlatform
    {
        /// <summary>The platform of the manifest <paramref name="content"/>, or null when it has none.</summary>
        /// <exception cref="OciException">The config cannot be read (NotFound, DigestMismatch, ContentTooLarge over 4 MiB) or is not JSON (ProtocolError).</exception>
        public static async Task<Platform?> ReadAsync(IFetchable source, Descriptor manifest, byte[] content, CancellationToken cancellationToken)
        {
            JObject doc = OciJson.Parse(content, manifest.Digest);
            Descriptor? config = doc["config"] is JObject configJson ? OciJson.ToDescriptor(configJson, manifest.Digest) : null;
            if (config == null || (config.MediaType != MediaTypes.OciConfig && config.MediaType != MediaTypes.DockerConfig))
            {
                return null;
            }

            byte[] configBytes = await source.FetchAllAsync(config, cancellationToken).ConfigureAwait(false);
            return FromConfig(OciJson.Parse(configBytes, config.Digest));
        }

        /// <summary>The platform fields of an image config, or null when it lacks os or architecture.</summary>
        public static Platform? FromConfig(JObject config)
        {
            string? os = Text(config["os"]);
            string? architecture = Text(config["architecture"]);
            if (string.IsNullOrEmpty(os) || string.IsNullOrEmpty(architecture))
            {
                return null;
            }

            List<string>? features = (config["os.features"] as JArray)?.Select(Text).Where(f => !string.IsNullOrEmpty(f)).Select(f => f!).ToList();
            return new Platform(os!, architecture!, Text(config["variant"]), Text(config["os.version"]), features == null || features.Count == 0 ? null : features);
        }

        private static string? Text(JToken? token) => token?.Type == JTokenType.String ? (string?)token : null;
    }
}
