using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using OciMirror.Integration.Tests.Corpus;

namespace OciMirror.Integration.Tests.Mirror
{
    /// <summary>
    /// A repository with the tags release pipelines leave behind, pushed by the tests' own raw-HTTP pusher:
    /// releases, short versions, a v prefix, pre-releases, Helm-style build metadata (<c>_</c> for <c>+</c>),
    /// variants, a date tag, moving tags, and cosign / referrers digest tags naming the digests of
    /// <see cref="SignedTag"/> and <see cref="OtherSignedTag"/>. Every tag has its own small image manifest
    /// (one shared config and layer), so every tag has its own digest.
    /// </summary>
    public sealed class TagFarm
    {
        public const string SignedTag = "3.0.0";
        public const string OtherSignedTag = "1.0.0";

        /// <summary>The version-ish tags (38 with the digest tags).</summary>
        public static readonly IReadOnlyList<string> PlainTags = new[]
        {
            "latest", "stable", "edge", "nightly-2024-01-01", "20240101",
            "1.0.0", "1.0.1", "1.1.0", "1.2.0", "1.2.1", "1.3.0",
            "1.4", "1.4.0", "1.4.1", "1.4.2", "1.4-alpine",
            "1.5", "1.5.0", "1.5.1-rc.1", "1.5.1",
            "1.6.0-beta.1", "1.6.0-rc.1", "1.6.0-rc.2", "v1.6.0", "1.6.0_build.7",
            "1.7.0-alpha", "1.10.0",
            "2", "2.0.0-rc.1", "2.0.0", "2.0.1", "2.1.0", "2.1.0-alpine", "3.0.0",
        };

        private TagFarm(string repository, IReadOnlyDictionary<string, string> digests, TestCorpus uploads)
        {
            Repository = repository;
            Digests = digests;
            Uploads = uploads;
        }

        public string Repository { get; }

        /// <summary>Tag → manifest digest, for every tag including the digest tags.</summary>
        public IReadOnlyDictionary<string, string> Digests { get; }

        /// <summary>Every tag, in push order.</summary>
        public IReadOnlyList<string> Tags => Digests.Keys.ToList();

        /// <summary>The cosign/referrers digest tags of <see cref="SignedTag"/>.</summary>
        public IReadOnlyList<string> SignatureTags => Tags.Where(t => t.StartsWith("sha256-" + Hex(SignedTag), StringComparison.Ordinal)).ToList();

        private TestCorpus Uploads { get; }

        /// <summary>Builds the farm for <paramref name="repository"/>: <see cref="PlainTags"/> and the digest tags (nothing pushed yet).</summary>
        public static TagFarm Build(string repository) => Build(repository, PlainTags, withDigestTags: true);

        /// <summary>A repository with just <paramref name="tags"/>, each with its own digest (nothing pushed yet).</summary>
        public static TagFarm Build(string repository, IEnumerable<string> tags, bool withDigestTags = false)
        {
            var uploads = new List<CorpusUpload>();
            var digests = new Dictionary<string, string>(StringComparer.Ordinal);
            var config = new CorpusContent(Encoding.UTF8.GetBytes("{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]}}"), "application/vnd.oci.image.config.v1+json");
            var layer = new CorpusContent(Encoding.UTF8.GetBytes("tag farm layer of " + repository), "application/vnd.oci.image.layer.v1.tar+gzip");
            uploads.Add(new CorpusUpload(repository, config, isManifest: false, null));
            uploads.Add(new CorpusUpload(repository, layer, isManifest: false, null));
            void Tag(string tag, string note)
            {
                CorpusContent manifest = Manifest(config, layer, note);
                uploads.Add(new CorpusUpload(repository, manifest, isManifest: true, tag));
                digests[tag] = manifest.Digest;
            }

            foreach (string tag in tags)
            {
                Tag(tag, "image " + tag);
            }

            foreach (string suffix in withDigestTags ? new[] { ".sig", ".att", string.Empty } : Array.Empty<string>())
            {
                Tag("sha256-" + digests[SignedTag].Substring(7) + suffix, "attached to " + SignedTag + suffix);
            }

            if (withDigestTags)
            {
                Tag("sha256-" + digests[OtherSignedTag].Substring(7) + ".sig", "attached to " + OtherSignedTag);
            }

            return new TagFarm(repository, digests, new TestCorpus(uploads, Array.Empty<CorpusTag>(), new Dictionary<string, IReadOnlyCollection<string>>()));
        }

        /// <summary>Pushes the farm to <paramref name="registry"/> (<c>http://host:port/</c>).</summary>
        public Task PushAsync(Uri registry) => CorpusPusher.PushAsync(Uploads, registry, default);

        /// <summary>The hex of <paramref name="tag"/>'s digest.</summary>
        public string Hex(string tag) => Digests[tag].Substring(7);

        private static CorpusContent Manifest(CorpusContent config, CorpusContent layer, string note)
        {
            string json = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
                + $"\"config\":{{\"mediaType\":\"{config.MediaType}\",\"digest\":\"{config.Digest}\",\"size\":{config.Size}}},"
                + $"\"layers\":[{{\"mediaType\":\"{layer.MediaType}\",\"digest\":\"{layer.Digest}\",\"size\":{layer.Size}}}],"
                + $"\"annotations\":{{\"org.example.note\":\"{note}\"}}}}";
            return new CorpusContent(Encoding.UTF8.GetBytes(json), "application/vnd.oci.image.manifest.v1+json");
        }
    }
}
