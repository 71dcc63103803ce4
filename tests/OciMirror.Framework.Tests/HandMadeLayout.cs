using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;

namespace OciMirror.Framework.Tests
{
    /// <summary>
    /// Writes an OCI layout byte by byte, independent of OciMirror's own code: two single-platform images
    /// sharing a base layer, and an index over two platform manifests. The digests it reports are the
    /// oracle of the round trip.
    /// </summary>
    public static class HandMadeLayout
    {
        /// <summary>Writes the layout into <paramref name="directory"/>; returns tag → root digest (names are <c>fw/app:TAG</c>).</summary>
        public static IReadOnlyDictionary<string, string> Write(string directory, int layerBytes)
        {
            Directory.CreateDirectory(Path.Combine(directory, "blobs", "sha256"));
            File.WriteAllText(Path.Combine(directory, "oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
            string baseLayer = Blob(directory, Bytes(layerBytes, 1));
            var roots = new Dictionary<string, (string Digest, long Size, string MediaType)>
            {
                ["1.0"] = Image(directory, "amd64", baseLayer, layerBytes, 2),
                ["2.0"] = Image(directory, "amd64", baseLayer, layerBytes, 3),
            };
            var amd64 = Image(directory, "amd64", baseLayer, layerBytes, 4);
            var arm64 = Image(directory, "arm64", baseLayer, layerBytes, 5);
            string index = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"manifests\":["
                + Descriptor(amd64) + ",\"platform\":{\"architecture\":\"amd64\",\"os\":\"linux\"}},"
                + Descriptor(arm64) + ",\"platform\":{\"architecture\":\"arm64\",\"os\":\"linux\"}}]}";
            byte[] indexBytes = Encoding.UTF8.GetBytes(index);
            roots["multi"] = (Blob(directory, indexBytes), indexBytes.Length, "application/vnd.oci.image.index.v1+json");

            string entries = string.Join(",", roots.Select(r => Descriptor(r.Value)
                + ",\"annotations\":{\"io.containerd.image.name\":\"fw/app:" + r.Key + "\",\"org.opencontainers.image.ref.name\":\"" + r.Key + "\"}}"));
            File.WriteAllText(Path.Combine(directory, "index.json"), "{\"schemaVersion\":2,\"manifests\":[" + entries + "]}");
            return roots.ToDictionary(r => r.Key, r => r.Value.Digest);
        }

        /// <summary>Writes a layout holding one small image named <paramref name="name"/>:<paramref name="tag"/>; returns its digest.</summary>
        public static string WriteSingle(string directory, string name, string tag, byte seed)
        {
            Directory.CreateDirectory(Path.Combine(directory, "blobs", "sha256"));
            File.WriteAllText(Path.Combine(directory, "oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
            var image = Image(directory, "amd64", Blob(directory, Bytes(1024, seed)), 1024, seed);
            File.WriteAllText(Path.Combine(directory, "index.json"), "{\"schemaVersion\":2,\"manifests\":[" + Descriptor(image)
                + ",\"annotations\":{\"io.containerd.image.name\":\"" + name + ":" + tag + "\",\"org.opencontainers.image.ref.name\":\"" + tag + "\"}}]}");
            return image.Digest;
        }

        private static (string Digest, long Size, string MediaType) Image(string directory, string architecture, string baseLayer, int layerBytes, byte seed)
        {
            byte[] config = Encoding.UTF8.GetBytes("{\"architecture\":\"" + architecture + "\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]},\"seed\":" + seed + "}");
            string layer = Blob(directory, Bytes(layerBytes / 4, seed));
            string manifest = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
                + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"" + Blob(directory, config) + "\",\"size\":" + config.Length + "},"
                + "\"layers\":[{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\",\"digest\":\"" + baseLayer + "\",\"size\":" + layerBytes + "},"
                + "{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\",\"digest\":\"" + layer + "\",\"size\":" + (layerBytes / 4) + "}]}";
            byte[] bytes = Encoding.UTF8.GetBytes(manifest);
            return (Blob(directory, bytes), bytes.Length, "application/vnd.oci.image.manifest.v1+json");
        }

        private static string Descriptor((string Digest, long Size, string MediaType) d) =>
            "{\"mediaType\":\"" + d.MediaType + "\",\"digest\":\"" + d.Digest + "\",\"size\":" + d.Size;

        private static byte[] Bytes(int count, byte seed)
        {
            var bytes = new byte[count];
            new System.Random(seed).NextBytes(bytes);
            return bytes;
        }

        private static string Blob(string directory, byte[] bytes)
        {
            using SHA256 sha = SHA256.Create();
            string hex = string.Concat(sha.ComputeHash(bytes).Select(b => b.ToString("x2")));
            File.WriteAllBytes(Path.Combine(directory, "blobs", "sha256", hex), bytes);
            return "sha256:" + hex;
        }
    }
}
