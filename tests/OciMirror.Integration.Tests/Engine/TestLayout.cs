using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json.Nodes;
using OciMirror.Integration.Tests.Corpus;

namespace OciMirror.Integration.Tests.Engine
{
    /// <summary>
    /// An OCI image layout built in a test: blobs, image manifests, indexes and index.json entries with
    /// any names, written as a directory. Bytes are exact (what a test declares is what the file holds),
    /// so a test can also write layouts other tools write: wrong sizes, foreign media types, absent blobs.
    /// </summary>
    public sealed class TestLayout
    {
        public const string OciManifest = "application/vnd.oci.image.manifest.v1+json";
        public const string OciIndex = "application/vnd.oci.image.index.v1+json";
        public const string OciConfig = "application/vnd.oci.image.config.v1+json";
        public const string OciLayer = "application/vnd.oci.image.layer.v1.tar+gzip";
        public const string DockerManifest = "application/vnd.docker.distribution.manifest.v2+json";
        public const string DockerConfig = "application/vnd.docker.container.image.v1+json";
        public const string DockerLayer = "application/vnd.docker.image.rootfs.diff.tar.gzip";

        private readonly Dictionary<string, byte[]> _blobs = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        private readonly List<JsonObject> _entries = new List<JsonObject>();

        /// <summary>Every blob file's bytes, by digest (what <see cref="WriteDirectory"/> writes unless left out).</summary>
        public IReadOnlyDictionary<string, byte[]> Blobs => _blobs;

        /// <summary>Digests <see cref="WriteDirectory"/> leaves out (absent blobs).</summary>
        public HashSet<string> Absent { get; } = new HashSet<string>(StringComparer.Ordinal);

        /// <summary>Stores <paramref name="bytes"/> as a blob and returns its descriptor.</summary>
        public JsonObject Add(string mediaType, byte[] bytes)
        {
            var content = new CorpusContent(bytes, mediaType);
            _blobs[content.Digest] = bytes;
            return new JsonObject { ["mediaType"] = content.MediaType, ["digest"] = content.Digest, ["size"] = content.Size };
        }

        public JsonObject Add(string mediaType, string text) => Add(mediaType, Encoding.UTF8.GetBytes(text));

        /// <summary>A small image: its own config and two layers named after <paramref name="seed"/>, plus <paramref name="shared"/>.</summary>
        public JsonObject Image(string seed, JsonObject? subject = null, params JsonObject[] shared)
        {
            JsonObject config = Add(OciConfig, "{\"architecture\":\"amd64\",\"os\":\"linux\",\"seed\":\"" + seed + "\"}");
            var layers = new List<JsonObject>(shared) { Add(OciLayer, seed + "-layer-1"), Add(OciLayer, seed + "-layer-2") };
            return Manifest(OciManifest, config, layers, subject);
        }

        /// <summary>An image manifest of <paramref name="mediaType"/> over <paramref name="config"/> and <paramref name="layers"/>.</summary>
        public JsonObject Manifest(string mediaType, JsonObject config, IEnumerable<JsonObject> layers, JsonObject? subject = null, string? artifactType = null, bool declareMediaType = true)
        {
            var doc = new JsonObject { ["schemaVersion"] = 2 };
            if (declareMediaType)
            {
                doc["mediaType"] = mediaType;
            }

            if (artifactType != null)
            {
                doc["artifactType"] = artifactType;
            }

            doc["config"] = config.DeepClone();
            doc["layers"] = new JsonArray(layers.Select(l => (JsonNode)l.DeepClone()).ToArray());
            if (subject != null)
            {
                doc["subject"] = Plain(subject);
            }

            return Add(mediaType, doc.ToJsonString());
        }

        /// <summary>A referrer (an artifact manifest with a subject), like a signature or an SBOM.</summary>
        public JsonObject Referrer(string seed, JsonObject subject) =>
            Manifest(OciManifest, Add("application/vnd.oci.empty.v1+json", "{}"), new[] { Add("application/vnd.example.signature", seed) }, subject, "application/vnd.example.signature");

        /// <summary>An OCI index over <paramref name="children"/> (a platform per child: <c>os/arch</c>, or null).</summary>
        public JsonObject Index(params (JsonObject Child, string? Platform)[] children)
        {
            var manifests = new JsonArray();
            foreach ((JsonObject child, string? platform) in children)
            {
                JsonObject entry = Plain(child);
                if (platform != null)
                {
                    string[] parts = platform.Split('/');
                    entry["platform"] = new JsonObject { ["architecture"] = parts[1], ["os"] = parts[0] };
                }

                manifests.Add(entry);
            }

            return Add(OciIndex, new JsonObject { ["schemaVersion"] = 2, ["mediaType"] = OciIndex, ["manifests"] = manifests }.ToJsonString());
        }

        /// <summary>Adds an index.json entry for <paramref name="root"/>: <c>io.containerd.image.name</c> = <paramref name="fullName"/>, <c>org.opencontainers.image.ref.name</c> = <paramref name="tag"/>.</summary>
        public void Entry(JsonObject root, string? fullName, string? tag, string? mediaType = null)
        {
            JsonObject entry = Plain(root);
            if (mediaType != null)
            {
                entry["mediaType"] = mediaType;
            }

            var annotations = new JsonObject();
            if (fullName != null)
            {
                annotations["io.containerd.image.name"] = fullName;
            }

            if (tag != null)
            {
                annotations["org.opencontainers.image.ref.name"] = tag;
            }

            if (annotations.Count > 0)
            {
                entry["annotations"] = annotations;
            }

            _entries.Add(entry);
        }

        /// <summary>The bytes of the blob <paramref name="descriptor"/> names.</summary>
        public byte[] Bytes(JsonObject descriptor) => _blobs[DigestOf(descriptor)];

        /// <summary>Replaces what the blob file of <paramref name="descriptor"/> holds (its name stays).</summary>
        public void Replace(JsonObject descriptor, byte[] bytes)
        {
            _blobs[DigestOf(descriptor)] = bytes;
        }

        public static string DigestOf(JsonObject descriptor) => (string)descriptor["digest"]!;

        public static long SizeOf(JsonObject descriptor) => (long)descriptor["size"]!;

        /// <summary>Writes oci-layout, the blobs (less <see cref="Absent"/>) and index.json under <paramref name="root"/>.</summary>
        public string WriteDirectory(string root)
        {
            Directory.CreateDirectory(Path.Combine(root, "blobs", "sha256"));
            File.WriteAllText(Path.Combine(root, "oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
            foreach ((string digest, byte[] bytes) in _blobs)
            {
                if (!Absent.Contains(digest))
                {
                    File.WriteAllBytes(Path.Combine(root, "blobs", "sha256", digest.Substring("sha256:".Length)), bytes);
                }
            }

            var index = new JsonObject { ["schemaVersion"] = 2, ["mediaType"] = OciIndex, ["manifests"] = new JsonArray(_entries.Select(e => (JsonNode)e.DeepClone()).ToArray()) };
            File.WriteAllText(Path.Combine(root, "index.json"), index.ToJsonString());
            return root;
        }

        private static JsonObject Plain(JsonObject descriptor) =>
            new JsonObject { ["mediaType"] = descriptor["mediaType"]!.DeepClone(), ["digest"] = descriptor["digest"]!.DeepClone(), ["size"] = descriptor["size"]!.DeepClone() };
    }
}
