using System.Linq;
using System.Text.Json.Nodes;
using OciMirror.Core.Errors;
using OciMirror.Core.Operations;

namespace OciMirror.Cli.Output
{
    /// <summary>
    /// The <c>--json</c> format: JSON Lines, one compact object per artifact (export, import) or per tag
    /// (tags), written as each completes (in input order) so a consumer can stream it. Property names are camelCase and
    /// stable; absent values are <c>null</c>.
    /// </summary>
    internal static class JsonLines
    {
        /// <summary>One artifact: input, source, destination, status, digest, sizes, counts and error.</summary>
        public static string Artifact(ArtifactResult r)
        {
            var o = new JsonObject
            {
                ["input"] = r.Input,
                ["source"] = r.Source,
                ["destination"] = r.Destination,
                ["status"] = StatusName(r.Status),
                ["digest"] = r.Digest,
                ["mediaType"] = r.MediaType,
                ["artifactType"] = r.ArtifactType,
                ["size"] = r.Size,
                ["platforms"] = new JsonArray(r.Platforms.Select(p => (JsonNode?)JsonValue.Create(p)).ToArray()),
                ["resolvedDigest"] = r.ResolvedDigest,
                ["note"] = r.Note,
                ["nodesCopied"] = r.NodesCopied,
                ["nodesSkipped"] = r.NodesSkipped,
                ["bytesCopied"] = r.BytesCopied,
                ["error"] = r.Error == null ? null : Error(r.Error),
            };
            return JsonText.Write(o);
        }

        /// <summary>One tag: registry, repository, tag, reference and digest (null without --digests).</summary>
        public static string Tag(TagInfo t)
        {
            var o = new JsonObject
            {
                ["registry"] = t.Registry,
                ["repository"] = t.Repository,
                ["tag"] = t.Tag,
                ["reference"] = t.Reference,
                ["digest"] = t.Digest,
            };
            return JsonText.Write(o);
        }

        /// <summary>One file of a pull: title, path, digest, media type, size, unpacked, status (written or current).</summary>
        public static string PulledFile(Core.Artifacts.PulledFile f)
        {
            var o = new JsonObject
            {
                ["title"] = f.Title,
                ["path"] = f.Path,
                ["digest"] = f.Digest,
                ["mediaType"] = f.MediaType,
                ["size"] = f.Size,
                ["unpacked"] = f.Unpacked,
                ["status"] = f.Skipped ? "current" : "written",
            };
            return JsonText.Write(o);
        }

        /// <summary>A failed pull: the source and the error object of an artifact.</summary>
        public static string PullFailure(string source, OciException error)
        {
            var o = new JsonObject { ["source"] = source, ["status"] = "failed", ["error"] = Error(error) };
            return JsonText.Write(o);
        }

        /// <summary>The lowercase status name used in both output formats.</summary>
        public static string StatusName(ArtifactStatus status) => status switch
        {
            ArtifactStatus.Copied => "copied",
            ArtifactStatus.Skipped => "skipped",
            ArtifactStatus.Declined => "declined",
            _ => "failed",
        };

        private static JsonObject Error(OciException e) => new JsonObject
        {
            ["kind"] = e.Kind.ToString(),
            ["message"] = e.Message,
            ["side"] = e.Side == ErrorSide.None ? null : e.Side.ToString(),
            ["reference"] = e.Reference,
            ["path"] = e.Path,
            ["digest"] = e.Digest?.ToString(),
            ["registry"] = e.Registry,
            ["statusCode"] = e.StatusCode,
            ["registryErrorCodes"] = new JsonArray(e.RegistryErrorCodes.Select(c => (JsonNode?)JsonValue.Create(c)).ToArray()),
            ["recommendedAction"] = e.RecommendedAction,
        };
    }
}
