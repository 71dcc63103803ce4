using System;
using System.Collections.Generic;
using System.Formats.Tar;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace OciMirror.Integration.Tests.Bundles
{
    /// <summary>
    /// Writes small OCI image layouts for CLI tests, without OciMirror code: blobs under
    /// <c>blobs/sha256/</c>, <c>oci-layout</c>, and an <c>index.json</c> whose entries the test writes as
    /// it likes (any media type, any annotations, hostile names). <see cref="Tar"/> packs a directory with
    /// the BCL's System.Formats.Tar.
    /// </summary>
    public sealed class LayoutWriter
    {
        private readonly List<JsonObject> _entries = new List<JsonObject>();

        public LayoutWriter(string root)
        {
            Root = root;
            Directory.CreateDirectory(Path.Combine(root, "blobs", "sha256"));
            File.WriteAllText(Path.Combine(root, "oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
            WriteIndex();
        }

        public string Root { get; }

        /// <summary>The index.json entries written so far (mutable until <see cref="WriteIndex"/>).</summary>
        public IReadOnlyList<JsonObject> Entries => _entries;

        public static string Sha256(byte[] bytes) => "sha256:" + Convert.ToHexString(SHA256.HashData(bytes)).ToLowerInvariant();

        /// <summary>The path of the blob file for <paramref name="digest"/>.</summary>
        public string BlobPath(string digest) => Path.Combine(Root, "blobs", "sha256", digest.Substring("sha256:".Length));

        /// <summary>Stores <paramref name="bytes"/> and returns its descriptor.</summary>
        public JsonObject Blob(byte[] bytes, string mediaType)
        {
            string digest = Sha256(bytes);
            File.WriteAllBytes(BlobPath(digest), bytes);
            return new JsonObject { ["mediaType"] = mediaType, ["digest"] = digest, ["size"] = bytes.Length };
        }

        /// <summary>An OCI image (config + one layer + manifest) whose content depends on <paramref name="seed"/>.</summary>
        public JsonObject Image(string seed)
        {
            JsonObject config = Blob(Encoding.UTF8.GetBytes("{\"architecture\":\"amd64\",\"os\":\"linux\",\"seed\":\"" + seed + "\"}"), "application/vnd.oci.image.config.v1+json");
            JsonObject layer = Blob(Encoding.UTF8.GetBytes("layer of " + seed), "application/vnd.oci.image.layer.v1.tar+gzip");
            var manifest = new JsonObject
            {
                ["schemaVersion"] = 2,
                ["mediaType"] = "application/vnd.oci.image.manifest.v1+json",
                ["config"] = config,
                ["layers"] = new JsonArray(layer),
            };
            return Blob(Encoding.UTF8.GetBytes(manifest.ToJsonString()), "application/vnd.oci.image.manifest.v1+json");
        }

        /// <summary>Adds an index.json entry for <paramref name="descriptor"/> with the given annotations and rewrites index.json.</summary>
        public JsonObject Add(JsonObject descriptor, params (string Key, string Value)[] annotations)
        {
            var entry = (JsonObject)JsonNode.Parse(descriptor.ToJsonString())!;
            if (annotations.Length > 0)
            {
                var a = new JsonObject();
                foreach ((string key, string value) in annotations)
                {
                    a[key] = value;
                }

                entry["annotations"] = a;
            }

            _entries.Add(entry);
            WriteIndex();
            return entry;
        }

        /// <summary>Adds an image named with docker's convention (<c>io.containerd.image.name</c> + <c>ref.name</c>).</summary>
        public JsonObject AddImage(string seed, string fullName, string tag) =>
            Add(Image(seed), ("io.containerd.image.name", fullName), ("org.opencontainers.image.ref.name", tag));

        public void WriteIndex()
        {
            var index = new JsonObject
            {
                ["schemaVersion"] = 2,
                ["mediaType"] = "application/vnd.oci.image.index.v1+json",
                ["manifests"] = new JsonArray(_entries.Select(e => (JsonNode)JsonNode.Parse(e.ToJsonString())!).ToArray()),
            };
            File.WriteAllText(Path.Combine(Root, "index.json"), index.ToJsonString());
        }

        /// <summary>
        /// Packs the files under <paramref name="directory"/> into <paramref name="tarPath"/> (ustar, sorted names),
        /// each name prefixed with <paramref name="prefix"/> (for example <c>"bundle/"</c> for a top-level folder).
        /// </summary>
        public static string Tar(string directory, string tarPath, string prefix = "")
        {
            using FileStream file = File.Create(tarPath);
            using var writer = new TarWriter(file, TarEntryFormat.Ustar, leaveOpen: false);
            foreach (string path in Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories).OrderBy(p => p, StringComparer.Ordinal))
            {
                string name = prefix + Path.GetRelativePath(directory, path).Replace(Path.DirectorySeparatorChar, '/');
                writer.WriteEntry(path, name);
            }

            return tarPath;
        }
    }
}
