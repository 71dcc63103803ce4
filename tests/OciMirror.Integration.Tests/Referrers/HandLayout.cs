using System.Collections.Generic;
using System.IO;
using System.Text.Json.Nodes;
using OciMirror.Integration.Tests.Corpus;

namespace OciMirror.Integration.Tests.Referrers
{
    /// <summary>Writes an OCI image layout directory with plain file I/O (a bundle some other tool could have written).</summary>
    public static class HandLayout
    {
        /// <summary>
        /// <paramref name="directory"/> gets oci-layout, every blob and manifest of <paramref name="blobs"/> and
        /// <paramref name="entries"/>, and an index.json listing the entries with the names given (null: no such annotation).
        /// </summary>
        public static void Write(string directory, IEnumerable<CorpusContent> blobs, IEnumerable<(CorpusContent Manifest, string? FullName, string? RefName)> entries)
        {
            string store = Path.Combine(directory, "blobs", "sha256");
            Directory.CreateDirectory(store);
            File.WriteAllText(Path.Combine(directory, "oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
            foreach (CorpusContent blob in blobs)
            {
                File.WriteAllBytes(Path.Combine(store, blob.Hex), blob.Bytes);
            }

            var manifests = new JsonArray();
            foreach ((CorpusContent manifest, string? fullName, string? refName) in entries)
            {
                File.WriteAllBytes(Path.Combine(store, manifest.Hex), manifest.Bytes);
                var entry = new JsonObject { ["mediaType"] = manifest.MediaType, ["digest"] = manifest.Digest, ["size"] = manifest.Size };
                var annotations = new JsonObject();
                if (fullName != null)
                {
                    annotations["io.containerd.image.name"] = fullName;
                }

                if (refName != null)
                {
                    annotations["org.opencontainers.image.ref.name"] = refName;
                }

                if (annotations.Count > 0)
                {
                    entry["annotations"] = annotations;
                }

                manifests.Add(entry);
            }

            File.WriteAllText(Path.Combine(directory, "index.json"), new JsonObject { ["schemaVersion"] = 2, ["mediaType"] = "application/vnd.oci.image.index.v1+json", ["manifests"] = manifests }.ToJsonString());
        }
    }
}
