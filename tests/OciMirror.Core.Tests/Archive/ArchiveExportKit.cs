using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Newtonsoft.Json.Linq;
using OciMirror.Core.Archive;
using OciMirror.Core.Model;
using OciMirror.Core.Operations;
using OciMirror.Core.Tests.TestDoubles;
using Xunit;

namespace OciMirror.Core.Tests.Archive
{
    /// <summary>
    /// A batch of artifacts in a <see cref="MemoryRegistry"/> (two tags sharing a layer, another
    /// repository, a Docker manifest list, a 2 MiB layer that is spooled to a file, compressible layers of
    /// both kinds) plus helpers to export them to archives and read archives back.
    /// </summary>
    internal sealed class ArchiveExportKit : IDisposable
    {
        public const string App1 = "registry.local/app:1";
        public const string App2 = "registry.local/app:2";
        public const string Other = "registry.local/other:latest";
        public const string Multi = "registry.local/multi:1";

        /// <summary>200 KB of zeros: stored as a gzip-typed layer, deflated as an uncompressed one.</summary>
        public const int ZeroLayerSize = 200_000;

        public ArchiveExportKit()
        {
            Dir = ArchiveTestUtil.TempDir();
            MemoryRepository app = Registry.Repository("registry.local/app");
            Base = Fixtures.Blob(app, "base layer");
            V1 = Fixtures.SimpleImage(app, "v1", Base);
            Big = Fixtures.Put(app, MediaTypes.OciLayerTarGzip, ArchiveTestUtil.Pattern(2 * 1024 * 1024 + 17, seed: 7));
            GzipZeros = Fixtures.Put(app, MediaTypes.OciLayerTarGzip, new byte[ZeroLayerSize]);
            TarZeros = Fixtures.Put(app, MediaTypes.OciLayerTar, Enumerable.Repeat((byte)1, ZeroLayerSize).ToArray());
            V2 = Fixtures.Image(app, Fixtures.Config(app, "v2"), new[] { Base, Big, GzipZeros, TarZeros });
            app.TagAsync(V1, "1", default).GetAwaiter().GetResult();
            app.TagAsync(V2, "2", default).GetAwaiter().GetResult();
            MemoryRepository other = Registry.Repository("registry.local/other");
            OtherRoot = Fixtures.SimpleImage(other, "other", Fixtures.Blob(other, "base layer"));
            other.TagAsync(OtherRoot, "latest", default).GetAwaiter().GetResult();
            MemoryRepository multi = Registry.Repository("registry.local/multi");
            MultiRoot = Fixtures.Index(multi, true, (Fixtures.SimpleImage(multi, "amd"), "linux/amd64"), (Fixtures.SimpleImage(multi, "arm"), "linux/arm/v7"));
            multi.TagAsync(MultiRoot, "1", default).GetAwaiter().GetResult();
        }

        public MemoryRegistry Registry { get; } = new MemoryRegistry();

        public string Dir { get; }

        public Descriptor Base { get; }

        public Descriptor V1 { get; }

        public Descriptor V2 { get; }

        public Descriptor Big { get; }

        public Descriptor GzipZeros { get; }

        public Descriptor TarZeros { get; }

        public Descriptor OtherRoot { get; }

        public Descriptor MultiRoot { get; }

        public static string[] All => new[] { App1, App2, Other, Multi };

        public string PathOf(string name) => Path.Combine(Dir, name);

        /// <summary>Every digest under the roots of the given references.</summary>
        public HashSet<Digest> GraphOf(params string[] references)
        {
            var all = new HashSet<Digest>();
            foreach (string reference in references)
            {
                string repository = reference.Substring(0, reference.LastIndexOf(':'));
                Descriptor root = Registry.Repository(repository).ResolveAsync(reference.Substring(reference.LastIndexOf(':') + 1), default).GetAwaiter().GetResult();
                all.UnionWith(Fixtures.Graph(Registry.Repository(repository), root));
            }

            return all;
        }

        public Task<OperationSummary> ExportAsync(ExportRequest request, RecordingObserver? observer = null, CancellationToken cancellationToken = default) =>
            new ExportOperation(request, Registry).RunAsync(observer ?? new RecordingObserver(), cancellationToken);

        public Task<OperationSummary> ExportAsync(string bundle, params string[] references) =>
            ExportAsync(new ExportRequest { References = references, BundlePath = PathOf(bundle) });

        /// <summary>Every entry of a .tar or .tgz (gzip detected by magic), data included.</summary>
        public static async Task<List<ArchiveTestUtil.ReadEntry>> ReadArchiveAsync(byte[] archive)
        {
            Stream stream = new MemoryStream(archive, false);
            ArchiveFormat format = ArchiveFormatDetection.FromHeader(new ArraySegment<byte>(archive)) ?? ArchiveFormat.Tar;
            stream = ArchiveDecoder.Open(format, stream, leaveOpen: false, "test archive");

            using (stream)
            {
                return await ArchiveTestUtil.ReadAllAsync(stream);
            }
        }

        /// <summary>The names index.json gives (io.containerd.image.name) with their digests.</summary>
        public static Dictionary<string, string> NamesOf(List<ArchiveTestUtil.ReadEntry> entries) =>
            NamesOfIndex(entries.Single(e => e.Name == "index.json").Data);

        /// <summary>The names an index.json gives (io.containerd.image.name) with their digests.</summary>
        public static Dictionary<string, string> NamesOfIndex(byte[] indexJson)
        {
            JObject index = JObject.Parse(Encoding.UTF8.GetString(indexJson));
            return index["manifests"]!.ToDictionary(
                m => (string?)m["annotations"]?["io.containerd.image.name"] ?? (string?)m["annotations"]?["org.opencontainers.image.ref.name"] ?? "(unnamed)",
                m => (string)m["digest"]!);
        }

        /// <summary>The names of a directory or archive bundle, after checking that it is complete (every blob there, in order for an archive).</summary>
        public static async Task<Dictionary<string, string>> NamesInBundleAsync(string path)
        {
            if (Directory.Exists(path))
            {
                Assert.True(!Directory.Exists(Path.Combine(path, "ingest")) || !Directory.EnumerateFileSystemEntries(Path.Combine(path, "ingest")).Any(), "ingest/ is not empty");
                Assert.DoesNotContain(Directory.GetFiles(path), f => Path.GetFileName(f).StartsWith(".", StringComparison.Ordinal));
                return NamesOfIndex(File.ReadAllBytes(Path.Combine(path, "index.json")));
            }

            List<ArchiveTestUtil.ReadEntry> entries = await ReadArchiveAsync(File.ReadAllBytes(path));
            AssertBundleOrder(entries);
            return NamesOf(entries);
        }

        /// <summary>
        /// Asserts the bundle order of DESIGN §4: oci-layout first, index.json last, every blob once,
        /// named blobs/&lt;alg&gt;/&lt;hex&gt; with matching content, and every manifest's children earlier.
        /// </summary>
        public static void AssertBundleOrder(List<ArchiveTestUtil.ReadEntry> entries)
        {
            Assert.Equal("oci-layout", entries[0].Name);
            Assert.Equal("index.json", entries[entries.Count - 1].Name);
            var seen = new HashSet<Digest>();
            foreach (ArchiveTestUtil.ReadEntry entry in entries.Skip(1).Take(entries.Count - 2))
            {
                Assert.StartsWith("blobs/sha256/", entry.Name);
                Digest digest = Digest.Parse("sha256:" + entry.Name.Substring("blobs/sha256/".Length));
                Assert.Equal(digest, Digest.Compute(entry.Data));
                Assert.True(seen.Add(digest), $"{entry.Name} appears twice");
                string text = Encoding.UTF8.GetString(entry.Data);
                if (text.StartsWith("{", StringComparison.Ordinal) && (text.Contains("\"layers\"") || text.Contains("\"manifests\"")))
                {
                    ManifestInfo info = ManifestInfo.Parse(new Descriptor(string.Empty, digest, entry.Data.Length), entry.Data);
                    Assert.All(info.Children, child => Assert.True(seen.Contains(child.Digest), $"child {child.Digest} of {digest} comes after its parent"));
                }
            }
        }

        /// <summary>Files under <paramref name="root"/> (relative, '/'-separated) with their bytes.</summary>
        public static SortedDictionary<string, byte[]> Tree(string root) => new SortedDictionary<string, byte[]>(
            Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
                .ToDictionary(f => Path.GetRelativePath(root, f).Replace('\\', '/'), File.ReadAllBytes),
            StringComparer.Ordinal);

        public void Dispose() => Directory.Delete(Dir, recursive: true);
    }
}
