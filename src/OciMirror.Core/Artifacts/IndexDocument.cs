using System.Collections.Generic;
using System.Linq;
using Newtonsoft.Json.Linq;
using OciMirror.Core.Errors;
using OciMirror.Core.Model;

namespace OciMirror.Core.Artifacts
{
    /// <summary>
    /// Writes an OCI image index (image-spec image-index.md) in Go's field order (schemaVersion, mediaType,
    /// artifactType, manifests, annotations; each entry mediaType, digest, size, platform, artifactType; platform
    /// architecture, os, os.version, os.features, variant), annotation keys sorted, compact JSON, so the same
    /// inputs give the same digest.
    /// </summary>
    internal static class IndexDocument
    {
        /// <exception cref="OciException">InvalidReference when two entries have the same digest and platform.</exception>
        public static byte[] Build(IReadOnlyList<Descriptor> entries, string? artifactType, IReadOnlyDictionary<string, string> annotations)
        {
            var seen = new HashSet<string>();
            foreach (Descriptor entry in entries)
            {
                if (!seen.Add(entry.Digest + " " + entry.Platform))
                {
                    throw new OciException(OciErrorKind.InvalidReference, $"Manifest {entry.Digest}{(entry.Platform == null ? string.Empty : " for " + entry.Platform)} is listed twice.")
                    {
                        Digest = entry.Digest,
                        RecommendedAction = "List each manifest once, or give the entries different platforms.",
                    };
                }
            }

            var index = new JObject { ["schemaVersion"] = 2, ["mediaType"] = MediaTypes.OciIndex };
            if (artifactType != null)
            {
                index["artifactType"] = artifactType;
            }

            index["manifests"] = new JArray(entries.Select(Entry));
            if (annotations.Count > 0)
            {
                index["annotations"] = new JObject(annotations.OrderBy(a => a.Key, System.StringComparer.Ordinal).Select(a => new JProperty(a.Key, a.Value)));
            }

            return OciJson.ToBytes(index);
        }

        private static JObject Entry(Descriptor entry)
        {
            var json = new JObject
            {
                ["mediaType"] = entry.MediaType,
                ["digest"] = entry.Digest.ToString(),
                ["size"] = entry.Size,
            };
            if (entry.Platform != null)
            {
                var platform = new JObject { ["architecture"] = entry.Platform.Architecture, ["os"] = entry.Platform.Os };
                if (entry.Platform.OsVersion != null)
                {
                    platform["os.version"] = entry.Platform.OsVersion;
                }

                if (entry.Platform.OsFeatures != null && entry.Platform.OsFeatures.Count > 0)
                {
                    platform["os.features"] = new JArray(entry.Platform.OsFeatures);
                }

                if (entry.Platform.Variant != null)
                {
                    platform["variant"] = entry.Platform.Variant;
                }

                json["platform"] = platform;
            }

            if (entry.ArtifactType != null)
            {
                json["artifactType"] = entry.ArtifactType;
            }

            return json;
        }
    }
}
