using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using OciMirror.Core.Archive;
using OciMirror.Core.Errors;
using OciMirror.Core.Layout;
using OciMirror.Core.Model;
using OciMirror.Core.References;

namespace OciMirror.Core.DockerArchive
{
    /// <summary>
    /// A classic <c>docker save</c> archive (manifest.json, repositories, configs, <c>layer.tar</c> files;
    /// docker before 25, skopeo and podman <c>docker-archive:</c>) read as the OCI layout it would be: one
    /// OCI image manifest built per image (<see cref="DockerSaveManifestBuilder"/>), layers as saved
    /// (uncompressed tars, whose digests are the config's <c>diff_ids</c>; a compressed one is hashed),
    /// and an index.json naming each manifest after the image's <c>RepoTags</c>. A classic archive never
    /// held the registry's manifests, so every manifest here is a new digest. Reads the archive once
    /// (headers, manifest.json, configs); layers stay in the archive.
    /// </summary>
    internal sealed class DockerSaveIndex
    {
        /// <summary>Largest manifest.json or image config read: 16 MiB.</summary>
        private const int MaxJsonBytes = 16 * 1024 * 1024;

        private readonly Dictionary<Digest, (byte[]? Bytes, string? Entry, long Offset, long Size)> _blobs = new Dictionary<Digest, (byte[]?, string?, long, long)>();

        private DockerSaveIndex(string archiveName, IReadOnlyList<DockerSaveImage> images, byte[] indexJson)
        {
            ArchiveName = archiveName;
            Images = images;
            IndexJson = indexJson;
        }

        public string ArchiveName { get; }

        /// <summary>Whether the tar ended with its end-of-archive marker.</summary>
        public bool EndMarkerFound { get; private set; }

        public IReadOnlyList<DockerSaveImage> Images { get; }

        /// <summary>The index.json the archive would have as an OCI layout.</summary>
        public byte[] IndexJson { get; }

        /// <summary>Every blob: manifests and configs (in memory), layers (an entry of the archive).</summary>
        public IReadOnlyDictionary<Digest, (byte[]? Bytes, string? Entry, long Offset, long Size)> Blobs => _blobs;

        /// <summary>
        /// Reads the archive <paramref name="archive"/> (a seekable tar, not disposed).
        /// </summary>
        /// <exception cref="OciException">InvalidLayout naming the archive: a hostile entry, no or invalid
        /// manifest.json, a config or layer it names that is missing, a config without matching diff_ids.</exception>
        public static async Task<DockerSaveIndex> LoadAsync(Stream archive, string archiveName, CancellationToken cancellationToken)
        {
            DockerSaveEntries entries = await DockerSaveEntries.IndexAsync(archive, archiveName, cancellationToken).ConfigureAwait(false);
            JArray manifest = ParseArray(await ReadEntryAsync(archive, entries, "manifest.json", cancellationToken).ConfigureAwait(false), archiveName);
            var images = new List<DockerSaveImage>();
            var blobs = new Dictionary<Digest, (byte[]?, string?, long, long)>();
            foreach (JToken item in manifest)
            {
                images.Add(await LoadImageAsync(archive, entries, item, blobs, cancellationToken).ConfigureAwait(false));
            }

            var index = new DockerSaveIndex(archiveName, images, BuildIndex(images, archiveName)) { EndMarkerFound = entries.EndMarkerFound };
            foreach (KeyValuePair<Digest, (byte[]?, string?, long, long)> blob in blobs)
            {
                index._blobs[blob.Key] = blob.Value;
            }

            return index;
        }

        private static async Task<DockerSaveImage> LoadImageAsync(Stream archive, DockerSaveEntries entries, JToken item, Dictionary<Digest, (byte[]?, string?, long, long)> blobs, CancellationToken cancellationToken)
        {
            string name = entries.ArchiveName;
            string configName = (item as JObject)?["Config"]?.Type == JTokenType.String ? (string)item["Config"]! : throw Invalid(name, "an image in manifest.json has no \"Config\"");
            byte[] configBytes = await ReadEntryAsync(archive, entries, configName, cancellationToken).ConfigureAwait(false);
            var config = Descriptor.FromBytes(DockerSaveManifestBuilder.ConfigMediaType, configBytes);
            blobs[config.Digest] = (configBytes, configName, 0, configBytes.Length);
            List<string> diffIds = DiffIds(configBytes, configName, name);
            List<string> layerNames = ((item["Layers"] as JArray) ?? new JArray()).Select(l => l.Type == JTokenType.String ? (string)l! : throw Invalid(name, $"a layer of image '{configName}' in manifest.json is not a path")).ToList();
            if (diffIds.Count != layerNames.Count)
            {
                throw Invalid(name, $"the config '{configName}' lists {diffIds.Count} diff_ids for the {layerNames.Count} layers manifest.json names");
            }

            var layers = new List<(Descriptor, string)>();
            for (int i = 0; i < layerNames.Count; i++)
            {
                if (!entries.TryFind(layerNames[i], out (long Offset, long Size) location))
                {
                    throw Invalid(name, $"manifest.json names the layer '{layerNames[i]}', which the archive does not hold");
                }

                Descriptor layer = await DescribeLayerAsync(archive, location, diffIds[i], name, layerNames[i], cancellationToken).ConfigureAwait(false);
                blobs[layer.Digest] = (null, layerNames[i], location.Offset, location.Size);
                layers.Add((layer, layerNames[i]));
            }

            byte[] manifestBytes = DockerSaveManifestBuilder.Build(config, layers.Select(l => l.Item1).ToList());
            var manifest = Descriptor.FromBytes(MediaTypes.OciManifest, manifestBytes);
            blobs[manifest.Digest] = (manifestBytes, null, 0, manifestBytes.Length);
            List<string> tags = ((item["RepoTags"] as JArray) ?? new JArray()).Where(t => t.Type == JTokenType.String).Select(t => (string)t!).ToList();
            return new DockerSaveImage(manifest, manifestBytes, config, configBytes, layers, tags);
        }

        /// <summary>An uncompressed layer is named by its diff_id (checked when read); a compressed one (a newer or foreign writer) is hashed now.</summary>
        private static async Task<Descriptor> DescribeLayerAsync(Stream archive, (long Offset, long Size) location, string diffId, string archiveName, string entry, CancellationToken cancellationToken)
        {
            var head = new byte[4];
            archive.Seek(location.Offset, SeekOrigin.Begin);
            int got = await ReadFullyAsync(archive, head, (int)Math.Min(4, location.Size), cancellationToken).ConfigureAwait(false);
            string? compressed = got >= 2 && head[0] == 0x1f && head[1] == 0x8b ? MediaTypes.OciLayerTarGzip
                : got == 4 && head[0] == 0x28 && head[1] == 0xb5 && head[2] == 0x2f && head[3] == 0xfd ? MediaTypes.OciLayerTarZstd
                : null;
            if (compressed == null)
            {
                return Digest.TryParse(diffId, out Digest digest)
                    ? new Descriptor(MediaTypes.OciLayerTar, digest, location.Size)
                    : throw Invalid(archiveName, $"the diff_id '{diffId}' of layer '{entry}' is not a digest");
            }

            archive.Seek(location.Offset, SeekOrigin.Begin);
            using var hasher = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
            var buffer = new byte[81920];
            for (long left = location.Size; left > 0;)
            {
                int n = await archive.ReadAsync(buffer, 0, (int)Math.Min(buffer.Length, left), cancellationToken).ConfigureAwait(false);
                if (n == 0)
                {
                    throw ArchiveErrors.Truncated(archiveName, $"layer '{entry}' ends early");
                }

                hasher.AppendData(buffer, 0, n);
                left -= n;
            }

            return new Descriptor(compressed, Digest.FromHash("sha256", hasher.GetHashAndReset()), location.Size);
        }

        private static List<string> DiffIds(byte[] config, string configName, string archiveName)
        {
            try
            {
                JToken parsed = JToken.Parse(new System.Text.UTF8Encoding(false).GetString(config));
                return ((parsed["rootfs"]?["diff_ids"] as JArray) ?? new JArray()).Select(d => (string?)d ?? string.Empty).ToList();
            }
            catch (Exception e) when (e is JsonException || e is InvalidCastException || e is InvalidOperationException)
            {
                throw Invalid(archiveName, $"the image config '{configName}' is not valid JSON: {e.Message}");
            }
        }

        /// <summary>index.json: one entry per RepoTag (io.containerd.image.name and ref.name, as we write them), an unnamed entry for an image without one.</summary>
        private static byte[] BuildIndex(IReadOnlyList<DockerSaveImage> images, string archiveName)
        {
            LayoutIndex index = LayoutIndex.CreateEmpty();
            foreach (DockerSaveImage image in images)
            {
                if (image.RepoTags.Count == 0)
                {
                    index.Upsert(LayoutIndexEntry.FromDescriptor(image.Manifest), e => e.Descriptor.Digest == image.Manifest.Digest);
                }

                foreach (string tag in image.RepoTags)
                {
                    if (!Reference.TryParse(tag, out Reference? reference, out string? error))
                    {
                        throw Invalid(archiveName, $"the name '{tag}' in manifest.json is not a reference: {error}");
                    }

                    string fullName = LayoutNameResolver.FullNameOf(reference!);
                    index.Upsert(
                        LayoutIndexEntry.FromDescriptor(image.Manifest.WithAnnotations(LayoutNameResolver.AnnotationsFor(image.Manifest, reference!))),
                        e => LayoutNameResolver.Describe(e.Descriptor).FullName == fullName);
                }
            }

            return index.ToBytes();
        }

        private static async Task<byte[]> ReadEntryAsync(Stream archive, DockerSaveEntries entries, string name, CancellationToken cancellationToken)
        {
            if (!entries.TryFind(name, out (long Offset, long Size) location))
            {
                throw Invalid(entries.ArchiveName, $"it has no '{name}' entry");
            }

            if (location.Size > MaxJsonBytes)
            {
                throw Invalid(entries.ArchiveName, $"its entry '{name}' is {location.Size} bytes, over the {MaxJsonBytes}-byte limit");
            }

            var bytes = new byte[location.Size];
            archive.Seek(location.Offset, SeekOrigin.Begin);
            if (await ReadFullyAsync(archive, bytes, bytes.Length, cancellationToken).ConfigureAwait(false) < bytes.Length)
            {
                throw ArchiveErrors.Truncated(entries.ArchiveName, $"its entry '{name}' ends early");
            }

            return bytes;
        }

        private static JArray ParseArray(byte[] json, string archiveName)
        {
            try
            {
                return JToken.Parse(new System.Text.UTF8Encoding(false).GetString(json)) as JArray ?? throw Invalid(archiveName, "its manifest.json is not a JSON array of images");
            }
            catch (JsonException e)
            {
                throw Invalid(archiveName, $"its manifest.json is not valid JSON: {e.Message}");
            }
        }

        private static async Task<int> ReadFullyAsync(Stream stream, byte[] buffer, int count, CancellationToken cancellationToken)
        {
            int total = 0, n;
            while (total < count && (n = await stream.ReadAsync(buffer, total, count - total, cancellationToken).ConfigureAwait(false)) > 0)
            {
                total += n;
            }

            return total;
        }

        private static OciException Invalid(string archiveName, string why) =>
            ArchiveErrors.Invalid(archiveName, $"as a docker save archive: {why}.");
    }
}
