using System;
using System.IO;
using System.Linq;
using System.Text;
using OciMirror.Core.Model;

namespace OciMirror.Core.Tests.Layout
{
    /// <summary>A temporary directory for one test, with helpers that hand-build layouts the way peer tools write them.</summary>
    internal sealed class LayoutFixture : IDisposable
    {
        public LayoutFixture()
        {
            Root = Path.Combine(Path.GetTempPath(), "ocimirror-layout-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(Root);
        }

        /// <summary>The test's own directory (exists, empty at start).</summary>
        public string Root { get; }

        /// <summary>A path under <see cref="Root"/>.</summary>
        public string PathOf(params string[] parts) => Path.Combine(new[] { Root }.Concat(parts).ToArray());

        /// <summary>Builds a minimal OCI image (config, one layer, manifest) and returns its manifest bytes and descriptor.</summary>
        public static (byte[] Bytes, Descriptor Descriptor) Manifest(string seed)
        {
            byte[] config = Encoding.UTF8.GetBytes("{\"architecture\":\"amd64\",\"os\":\"linux\",\"seed\":\"" + seed + "\"}");
            byte[] layer = Encoding.UTF8.GetBytes("layer of " + seed);
            string json = "{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OciManifest + "\","
                + "\"config\":" + Json(Descriptor.FromBytes(MediaTypes.OciConfig, config)) + ","
                + "\"layers\":[" + Json(Descriptor.FromBytes(MediaTypes.OciLayerTarGzip, layer)) + "]}";
            byte[] bytes = Encoding.UTF8.GetBytes(json);
            return (bytes, Descriptor.FromBytes(MediaTypes.OciManifest, bytes));
        }

        /// <summary>The config and layer blobs of <see cref="Manifest"/>.</summary>
        public static byte[][] Children(string seed) => new[]
        {
            Encoding.UTF8.GetBytes("{\"architecture\":\"amd64\",\"os\":\"linux\",\"seed\":\"" + seed + "\"}"),
            Encoding.UTF8.GetBytes("layer of " + seed),
        };

        /// <summary>Writes a layout by hand: oci-layout, the given index.json text, and the blobs.</summary>
        public string WriteLayout(string name, string indexJson, params byte[][] blobs)
        {
            string dir = PathOf(name);
            Directory.CreateDirectory(Path.Combine(dir, "blobs", "sha256"));
            File.WriteAllText(Path.Combine(dir, "oci-layout"), "{\"imageLayoutVersion\": \"1.0.0\"}");
            File.WriteAllText(Path.Combine(dir, "index.json"), indexJson);
            foreach (byte[] blob in blobs)
            {
                File.WriteAllBytes(Path.Combine(dir, "blobs", "sha256", Digest.Compute(blob).Encoded), blob);
            }

            return dir;
        }

        /// <summary>An index.json entry for a manifest with the given annotations JSON (or none).</summary>
        public static string Entry(Descriptor d, string? annotationsJson = null, string mediaType = MediaTypes.OciManifest) =>
            "{\"mediaType\":\"" + mediaType + "\",\"digest\":\"" + d.Digest + "\",\"size\":" + d.Size
            + (annotationsJson == null ? string.Empty : ",\"annotations\":" + annotationsJson) + "}";

        /// <summary>An index.json document around the given entries.</summary>
        public static string Index(params string[] entries) =>
            "{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OciIndex + "\",\"manifests\":[" + string.Join(",", entries) + "]}";

        /// <summary>Parses JSON the way the engine does: annotation timestamps stay strings.</summary>
        public static Newtonsoft.Json.Linq.JObject ParseJson(string json)
        {
            using var reader = new Newtonsoft.Json.JsonTextReader(new StringReader(json)) { DateParseHandling = Newtonsoft.Json.DateParseHandling.None };
            return Newtonsoft.Json.Linq.JObject.Load(reader);
        }

        /// <summary>Relative paths of every file under <paramref name="dir"/>, sorted, with '/' separators.</summary>
        public static string[] Files(string dir) => Directory.Exists(dir)
            ? Directory.GetFiles(dir, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(dir, f).Replace('\\', '/')).OrderBy(f => f, StringComparer.Ordinal).ToArray()
            : Array.Empty<string>();

        public void Dispose()
        {
            try
            {
                Directory.Delete(Root, recursive: true);
            }
            catch (IOException)
            {
            }
        }

        private static string Json(Descriptor d) => "{\"mediaType\":\"" + d.MediaType + "\",\"digest\":\"" + d.Digest + "\",\"size\":" + d.Size + "}";
    }
}
