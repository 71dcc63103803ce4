using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Newtonsoft.Json.Linq;
using OciMirror.Core.Archive;
using OciMirror.Core.Model;
using OciMirror.Core.Tests.TestDoubles;
using static OciMirror.Core.Tests.Archive.ArchiveTestUtil;

namespace OciMirror.Core.Tests.Bundles
{
    /// <summary>
    /// An OCI layout built in memory as an ordered list of raw tar entries (any name, type or size, so
    /// hostile archives are easy), written as a .tar, a .tgz (one gzip member per entry) or a directory.
    /// </summary>
    internal sealed class TestBundle
    {
        public sealed class Entry
        {
            public Entry(string name, byte[] data, char type = '0', string? link = null, long? declaredSize = null)
            {
                Name = name;
                Data = data;
                Type = type;
                Link = link;
                DeclaredSize = declaredSize;
            }

            public string Name { get; set; }

            public byte[] Data { get; set; }

            public char Type { get; }

            public string? Link { get; }

            /// <summary>The size the header declares when it differs from the data (a truncated entry).</summary>
            public long? DeclaredSize { get; }
        }

        private readonly List<JObject> _index = new List<JObject>();

        /// <summary>The content of every image added (for expected bytes).</summary>
        public MemoryTarget Content { get; } = new MemoryTarget();

        /// <summary>Blob entries in insertion order; oci-layout goes first and index.json last unless moved.</summary>
        public List<Entry> Blobs { get; } = new List<Entry>();

        public List<Entry> Extra { get; } = new List<Entry>();

        public bool IndexFirst { get; set; }

        /// <summary>Replaces the generated index.json.</summary>
        public byte[]? IndexOverride { get; set; }

        public string Prefix { get; set; } = string.Empty;

        public static string BlobName(Digest d) => "blobs/" + d.Algorithm + "/" + d.Encoded;

        /// <summary>Adds an image (config, two layers, manifest; plus <paramref name="shared"/>) named by <paramref name="fullName"/>/<paramref name="tag"/>.</summary>
        public Descriptor AddImage(string seed, string? fullName, string? tag, params Descriptor[] shared)
        {
            Descriptor root = Fixtures.SimpleImage(Content, seed, shared);
            AddRoot(root, fullName, tag);
            return root;
        }

        public Descriptor AddLargeImage(string seed, int layerBytes)
        {
            Descriptor big = Fixtures.Put(Content, MediaTypes.OciLayerTarGzip, Pattern(layerBytes, seed.Length));
            Descriptor root = Fixtures.Image(Content, Fixtures.Config(Content, seed), new[] { big });
            AddRoot(root, "docker.io/library/" + seed + ":1", "1");
            return root;
        }

        public void AddRoot(Descriptor root, string? fullName, string? tag)
        {
            JObject entry = Fixtures.Json(root);
            var annotations = new JObject();
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

            _index.Add(entry);
            foreach (Digest d in Fixtures.Graph(Content, root).OrderBy(d => d.ToString()))
            {
                if (!Blobs.Any(b => b.Name == BlobName(d)))
                {
                    Blobs.Add(new Entry(BlobName(d), Content.Bytes(d)));
                }
            }
        }

        /// <summary>Adds an index.json entry exactly as given, and <paramref name="blob"/> (when not null) as the blob it names.</summary>
        public void AddRawEntry(JObject entry, byte[]? blob)
        {
            _index.Add(entry);
            Digest d = Digest.Parse((string)entry["digest"]!);
            if (blob != null && !Blobs.Any(b => b.Name == BlobName(d)))
            {
                Blobs.Add(new Entry(BlobName(d), blob));
            }
        }

        public Entry Blob(Digest d) => Blobs.Single(b => b.Name == BlobName(d));

        public byte[] IndexJson => IndexOverride ?? Encoding.UTF8.GetBytes(new JObject
        {
            ["schemaVersion"] = 2,
            ["mediaType"] = MediaTypes.OciIndex,
            ["manifests"] = new JArray(_index),
        }.ToString(Newtonsoft.Json.Formatting.None));

        public IEnumerable<Entry> AllEntries()
        {
            var layout = new Entry("oci-layout", Encoding.ASCII.GetBytes("{\"imageLayoutVersion\":\"1.0.0\"}"));
            var index = new Entry("index.json", IndexJson);
            var list = new List<Entry> { layout };
            if (IndexFirst)
            {
                list.Add(index);
            }

            list.AddRange(Blobs);
            list.AddRange(Extra);
            if (!IndexFirst)
            {
                list.Add(index);
            }

            return list.Select(e => new Entry(Prefix + e.Name, e.Data, e.Type, e.Link, e.DeclaredSize));
        }

        /// <summary>Raw ustar bytes; <paramref name="end"/> false leaves out the end-of-archive blocks.</summary>
        public byte[] ToTar(bool end = true)
        {
            var m = new MemoryStream();
            foreach (Entry e in AllEntries())
            {
                byte[] header = Header(e.Name, e.Type, e.DeclaredSize ?? e.Data.Length, e.Link == null ? null : block =>
                {
                    byte[] link = Encoding.ASCII.GetBytes(e.Link);
                    Array.Copy(link, 0, block, 157, link.Length);
                });
                m.Write(header, 0, header.Length);
                byte[] data = e.DeclaredSize.HasValue ? e.Data : Padded(e.Data);
                m.Write(data, 0, data.Length);
                if (e.DeclaredSize.HasValue)
                {
                    return m.ToArray(); // the archive ends inside this entry
                }
            }

            if (end)
            {
                m.Write(EndBlocks(), 0, 1024);
            }

            return m.ToArray();
        }

        /// <summary>The tar as a sequence of gzip members (one per 512-byte-aligned chunk of entries), like our writer.</summary>
        public byte[] ToTgz(bool end = true) => Gzip(ToTar(end));

        /// <summary>The tar as zstd frames of 64 KiB each, written by SharpCompress's own stream (not our frame writer).</summary>
        public byte[] ToZst(bool end = true) => Zstd(ToTar(end));

        /// <summary>The bytes of this bundle as a file or stream of <paramref name="form"/> holds them (tar, tgz or tar.zst).</summary>
        public byte[] Encode(BundleForm form) => form switch
        {
            BundleForm.TgzFile or BundleForm.TgzStream => ToTgz(),
            BundleForm.ZstFile or BundleForm.ZstStream => ToZst(),
            _ => ToTar(),
        };

        public static byte[] Zstd(byte[] data)
        {
            var m = new MemoryStream();
            for (int offset = 0; offset < data.Length; offset += 64 * 1024)
            {
                using var zstd = new SharpCompress.Compressors.ZStandard.CompressionStream(m, 3, 0, leaveOpen: true);
                zstd.Write(data, offset, Math.Min(64 * 1024, data.Length - offset));
            }

            return m.ToArray();
        }

        public static byte[] Gzip(byte[] data)
        {
            var m = new MemoryStream();
            for (int offset = 0; offset < data.Length; offset += 64 * 1024)
            {
                using var gz = new GZipStream(m, CompressionLevel.Fastest, leaveOpen: true);
                gz.Write(data, offset, Math.Min(64 * 1024, data.Length - offset));
            }

            return m.ToArray();
        }

        public string WriteFile(string directory, string name, byte[] bytes)
        {
            string path = Path.Combine(directory, name);
            File.WriteAllBytes(path, bytes);
            return path;
        }

        /// <summary>Writes the regular-file entries as a layout directory.</summary>
        public string ToDirectory(string root)
        {
            foreach (Entry e in AllEntries().Where(e => e.Type == '0'))
            {
                string path = Path.Combine(root, e.Name.Replace('/', Path.DirectorySeparatorChar));
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                File.WriteAllBytes(path, e.Data);
            }

            return root;
        }
    }
}
