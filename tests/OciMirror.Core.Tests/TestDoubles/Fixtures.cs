using System.Collections.Generic;
using System.Linq;
using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using OciMirror.Core.Model;

namespace OciMirror.Core.Tests.TestDoubles
{
    /// <summary>Builds blobs, images, indexes and artifacts into a <see cref="MemoryTarget"/> and returns their descriptors.</summary>
    public static class Fixtures
    {
        public static Descriptor Blob(MemoryTarget target, string content, string mediaType = MediaTypes.OciLayerTarGzip) =>
            Put(target, mediaType, Encoding.UTF8.GetBytes(content));

        public static Descriptor Config(MemoryTarget target, string content, string mediaType = MediaTypes.OciConfig) =>
            Put(target, mediaType, Encoding.UTF8.GetBytes("{\"id\":\"" + content + "\"}"));

        /// <summary>An image manifest (OCI, or Docker schema 2 with <paramref name="docker"/>) over config and layers.</summary>
        public static Descriptor Image(MemoryTarget target, Descriptor config, IEnumerable<Descriptor> layers, bool docker = false, Descriptor? subject = null, string? artifactType = null)
        {
            string mediaType = docker ? MediaTypes.DockerManifest : MediaTypes.OciManifest;
            var doc = new JObject { ["schemaVersion"] = 2, ["mediaType"] = mediaType };
            if (artifactType != null)
            {
                doc["artifactType"] = artifactType;
            }

            doc["config"] = Json(config);
            doc["layers"] = new JArray(layers.Select(Json));
            if (subject != null)
            {
                doc["subject"] = Json(subject);
            }

            return Put(target, mediaType, Encoding.UTF8.GetBytes(doc.ToString(Formatting.None)));
        }

        /// <summary>A typical image: its own config and two layers, plus the shared ones given.</summary>
        public static Descriptor SimpleImage(MemoryTarget target, string name, params Descriptor[] sharedLayers)
        {
            Descriptor config = Config(target, name);
            var layers = new List<Descriptor>(sharedLayers) { Blob(target, name + "-layer-1"), Blob(target, name + "-layer-2") };
            return Image(target, config, layers);
        }

        /// <summary>An index (OCI, or a Docker manifest list) written indented with a custom key order, so re-serialization would change its bytes.</summary>
        public static Descriptor Index(MemoryTarget target, bool dockerList, params (Descriptor Manifest, string Platform)[] entries)
        {
            string mediaType = dockerList ? MediaTypes.DockerManifestList : MediaTypes.OciIndex;
            var manifests = new JArray();
            foreach ((Descriptor manifest, string platform) in entries)
            {
                JObject entry = Json(manifest);
                string[] parts = platform.Split('/');
                var p = new JObject { ["architecture"] = parts[1], ["os"] = parts[0] };
                if (parts.Length > 2)
                {
                    p["variant"] = parts[2];
                }

                entry["platform"] = p;
                manifests.Add(entry);
            }

            var doc = new JObject { ["manifests"] = manifests, ["mediaType"] = mediaType, ["schemaVersion"] = 2 };
            return Put(target, mediaType, Encoding.UTF8.GetBytes(doc.ToString(Formatting.Indented) + "\n"));
        }

        public static Descriptor Put(MemoryTarget target, string mediaType, byte[] bytes)
        {
            Descriptor d = Descriptor.FromBytes(mediaType, bytes);
            target.PutRaw(d, bytes);
            return d;
        }

        public static JObject Json(Descriptor d) => new JObject { ["mediaType"] = d.MediaType, ["digest"] = d.Digest.ToString(), ["size"] = d.Size };

        /// <summary>Every digest of the graph under <paramref name="root"/> as stored in <paramref name="target"/>.</summary>
        public static HashSet<Digest> Graph(MemoryTarget target, Descriptor root)
        {
            var all = new HashSet<Digest>();
            var stack = new Stack<Descriptor>();
            stack.Push(root);
            while (stack.Count > 0)
            {
                Descriptor d = stack.Pop();
                if (!all.Add(d.Digest) || !MediaTypes.IsManifestOrIndex(d.MediaType))
                {
                    continue;
                }

                foreach (Descriptor child in ManifestInfo.Parse(d, target.Bytes(d.Digest)).Children)
                {
                    stack.Push(child);
                }
            }

            return all;
        }
    }
}
