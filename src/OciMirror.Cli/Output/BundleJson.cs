using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using OciMirror.Core.Operations;

namespace OciMirror.Cli.Output
{
    /// <summary>
    /// The <c>--json</c> format of <c>ls</c> (JSON Lines: one object per entry) and <c>verify</c> (one object:
    /// the whole report). camelCase, stable names; absent values are <c>null</c>.
    /// </summary>
    internal static class BundleJson
    {
        /// <summary>One entry: reference, fullName, tag, digest, mediaType, artifactType, platforms, size.</summary>
        public static string Entry(BundleArtifactInfo e) => JsonText.Write(new JsonObject
        {
            ["reference"] = e.Reference,
            ["fullName"] = e.FullName,
            ["tag"] = e.Tag,
            ["digest"] = e.Digest,
            ["mediaType"] = e.MediaType,
            ["artifactType"] = e.ArtifactType,
            ["platforms"] = Array(e.Platforms),
            ["size"] = e.Size,
        });

        /// <summary>The report: bundle, valid, blobsChecked, bytesChecked, layoutProblems, artifacts, badBlobs.</summary>
        public static string Report(BundleVerifyReport r) => JsonText.Write(new JsonObject
        {
            ["bundle"] = r.BundlePath,
            ["valid"] = r.IsValid,
            ["blobsChecked"] = r.BlobsChecked,
            ["bytesChecked"] = r.BytesChecked,
            ["layoutProblems"] = Array(r.LayoutProblems),
            ["artifacts"] = new JsonArray(r.Artifacts.Select(a => (JsonNode?)new JsonObject
            {
                ["reference"] = a.Reference,
                ["digest"] = a.Digest,
                ["valid"] = a.IsValid,
                ["absentPlatforms"] = Array(a.AbsentPlatforms),
                ["note"] = a.Note,
                ["badBlobs"] = Array(a.BadBlobs),
            }).ToArray()),
            ["badBlobs"] = new JsonArray(r.BadBlobs.Select(b => (JsonNode?)new JsonObject
            {
                ["digest"] = b.Digest,
                ["kind"] = b.Kind.ToString(),
                ["location"] = b.Location,
                ["message"] = b.Message,
            }).ToArray()),
        });

        private static JsonArray Array(IEnumerable<string> values) => new JsonArray(values.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray());
    }
}
