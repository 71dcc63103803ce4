using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json.Nodes;

namespace OciMirror.Integration.Tests.Corpus
{
    /// <summary>
    /// Builds the test corpus (a few KB): 3 repositories, 9 tags; every image shares one base layer;
    /// OCI and Docker schema2 manifests, an OCI index (linux/amd64 + linux/arm64), a Docker manifest
    /// list, an artifact with a custom artifactType and config media type, an artifact with a subject,
    /// and two tags on one digest.
    /// </summary>
    public sealed class CorpusBuilder
    {
        public const string Alpha = "corpus/alpha";
        public const string Beta = "corpus/beta";
        public const string Gamma = "corpus/gamma";
        public const string ThingArtifactType = "application/vnd.example.thing.v1+json";
        public const string ThingConfigType = "application/vnd.example.thing.config.v1+json";
        public const string SignatureArtifactType = "application/vnd.example.signature.v1+json";

        private const string OciManifest = "application/vnd.oci.image.manifest.v1+json";
        private const string OciIndex = "application/vnd.oci.image.index.v1+json";
        private const string OciConfig = "application/vnd.oci.image.config.v1+json";
        private const string OciLayer = "application/vnd.oci.image.layer.v1.tar+gzip";
        private const string OciEmpty = "application/vnd.oci.empty.v1+json";
        private const string DockerManifest = "application/vnd.docker.distribution.manifest.v2+json";
        private const string DockerList = "application/vnd.docker.distribution.manifest.list.v2+json";
        private const string DockerConfig = "application/vnd.docker.container.image.v1+json";
        private const string DockerLayer = "application/vnd.docker.image.rootfs.diff.tar.gzip";

        private readonly List<CorpusUpload> _uploads = new List<CorpusUpload>();
        private readonly List<CorpusTag> _tags = new List<CorpusTag>();
        private readonly Dictionary<string, HashSet<string>> _closures = new Dictionary<string, HashSet<string>>();
        private (byte[] Gzip, string DiffId) _base;

        /// <summary>Builds the whole corpus.</summary>
        public static TestCorpus Build() => new CorpusBuilder().Create();

        private TestCorpus Create()
        {
            _base = TestLayers.Create("etc/base-release", "ocimirror test base layer\n");

            // corpus/alpha: OCI image, Docker image, OCI index of two platforms, an artifact with a subject.
            var oci1 = Image(Alpha, oci: true, "alpha-oci-1", "amd64");
            Tag(Alpha, "oci-1", oci1);
            Tag(Alpha, "docker-1", Image(Alpha, oci: false, "alpha-docker-1", "amd64"));
            var amd = Image(Alpha, oci: true, "alpha-multi-amd64", "amd64");
            var arm = Image(Alpha, oci: true, "alpha-multi-arm64", "arm64");
            Tag(Alpha, "multi", Index(Alpha, OciIndex, (amd, "amd64"), (arm, "arm64")));
            Tag(Alpha, "sig", SignatureArtifact(Alpha, oci1));

            // corpus/beta: Docker manifest list, Docker image, OCI image sharing a layer with it, an alias tag.
            var bAmd = Image(Beta, oci: false, "beta-list-amd64", "amd64");
            var bArm = Image(Beta, oci: false, "beta-list-arm64", "arm64");
            Tag(Beta, "list", Index(Beta, DockerList, (bAmd, "amd64"), (bArm, "arm64")));
            var app = Layer(Beta, "app/v1", "beta app v1\n");
            Tag(Beta, "v1", Image(Beta, oci: false, "beta-v1", "amd64", app));
            var v2 = Image(Beta, oci: true, "beta-v2", "amd64", app);
            Tag(Beta, "v2", v2);
            Tag(Beta, "v2-alias", v2);

            // corpus/gamma: a non-image artifact.
            Tag(Gamma, "thing", ThingArtifact(Gamma));

            return new TestCorpus(_uploads, _tags, _closures.ToDictionary(kv => kv.Key, kv => (IReadOnlyCollection<string>)kv.Value));
        }

        private void Tag(string repository, string tag, (CorpusContent Root, HashSet<string> Closure) item)
        {
            _uploads.Add(new CorpusUpload(repository, item.Root, isManifest: true, tag));
            var corpusTag = new CorpusTag(repository, tag, item.Root);
            _tags.Add(corpusTag);
            _closures[corpusTag.ToString()] = item.Closure;
        }

        private (byte[] Gzip, string DiffId, CorpusContent Content) Layer(string repository, string path, string text)
        {
            var (gzip, diffId) = TestLayers.Create(path, text);
            return (gzip, diffId, new CorpusContent(gzip, OciLayer));
        }

        private (CorpusContent Root, HashSet<string> Closure) Image(string repository, bool oci, string name, string arch, (byte[] Gzip, string DiffId, CorpusContent Content)? shared = null)
        {
            var own = TestLayers.Create("opt/" + name + "/id", name + "\n");
            var layers = new List<(byte[] Gzip, string DiffId)> { _base };
            if (shared != null)
            {
                layers.Add((shared.Value.Gzip, shared.Value.DiffId));
            }

            layers.Add(own);
            var config = new JsonObject
            {
                ["architecture"] = arch,
                ["os"] = "linux",
                ["config"] = new JsonObject { ["Labels"] = new JsonObject { ["test.image"] = name } },
                ["rootfs"] = new JsonObject { ["type"] = "layers", ["diff_ids"] = new JsonArray(layers.Select(l => (JsonNode?)JsonValue.Create(l.DiffId)).ToArray()) },
            };
            var configContent = Content(config, oci ? OciConfig : DockerConfig);
            var closure = new HashSet<string>();
            Blob(repository, configContent, closure);
            var layerDescriptors = new JsonArray();
            foreach (var layer in layers)
            {
                var content = new CorpusContent(layer.Gzip, oci ? OciLayer : DockerLayer);
                Blob(repository, content, closure);
                layerDescriptors.Add(Descriptor(content));
            }

            var manifest = new JsonObject
            {
                ["schemaVersion"] = 2,
                ["mediaType"] = oci ? OciManifest : DockerManifest,
                ["config"] = Descriptor(configContent),
                ["layers"] = layerDescriptors,
            };
            if (oci)
            {
                manifest["annotations"] = new JsonObject { ["org.opencontainers.image.title"] = name };
            }

            var root = Content(manifest, oci ? OciManifest : DockerManifest);
            closure.Add(root.Digest);
            return (root, closure);
        }

        private (CorpusContent Root, HashSet<string> Closure) Index(string repository, string mediaType, params ((CorpusContent Root, HashSet<string> Closure) Child, string Arch)[] children)
        {
            var closure = new HashSet<string>();
            var manifests = new JsonArray();
            foreach (var (child, arch) in children)
            {
                _uploads.Add(new CorpusUpload(repository, child.Root, isManifest: true, tag: null));
                closure.UnionWith(child.Closure);
                JsonObject d = Descriptor(child.Root);
                d["platform"] = new JsonObject { ["architecture"] = arch, ["os"] = "linux" };
                manifests.Add(d);
            }

            var index = new JsonObject { ["schemaVersion"] = 2, ["mediaType"] = mediaType, ["manifests"] = manifests };
            var root = Content(index, mediaType);
            closure.Add(root.Digest);
            return (root, closure);
        }

        private (CorpusContent Root, HashSet<string> Closure) SignatureArtifact(string repository, (CorpusContent Root, HashSet<string> Closure) subject)
        {
            var closure = new HashSet<string>();
            var empty = new CorpusContent(Encoding.UTF8.GetBytes("{}"), OciEmpty);
            var payload = new CorpusContent(Encoding.UTF8.GetBytes("{\"signed\":\"" + subject.Root.Digest + "\"}"), SignatureArtifactType);
            Blob(repository, empty, closure);
            Blob(repository, payload, closure);
            var manifest = new JsonObject
            {
                ["schemaVersion"] = 2,
                ["mediaType"] = OciManifest,
                ["artifactType"] = SignatureArtifactType,
                ["config"] = Descriptor(empty),
                ["layers"] = new JsonArray(Descriptor(payload)),
                ["subject"] = Descriptor(subject.Root),
            };
            var root = Content(manifest, OciManifest);
            closure.Add(root.Digest);
            return (root, closure);
        }

        private (CorpusContent Root, HashSet<string> Closure) ThingArtifact(string repository)
        {
            var closure = new HashSet<string>();
            var config = new CorpusContent(Encoding.UTF8.GetBytes("{\"name\":\"thing\",\"version\":1}"), ThingConfigType);
            var data = new CorpusContent(Encoding.UTF8.GetBytes("thing payload: not an image layer\n"), "application/vnd.example.thing.layer.v1+text");
            Blob(repository, config, closure);
            Blob(repository, data, closure);
            var manifest = new JsonObject
            {
                ["schemaVersion"] = 2,
                ["mediaType"] = OciManifest,
                ["artifactType"] = ThingArtifactType,
                ["config"] = Descriptor(config),
                ["layers"] = new JsonArray(Descriptor(data)),
                ["annotations"] = new JsonObject { ["org.opencontainers.image.created"] = "2024-01-01T00:00:00Z" },
            };
            var root = Content(manifest, OciManifest);
            closure.Add(root.Digest);
            return (root, closure);
        }

        private void Blob(string repository, CorpusContent content, HashSet<string> closure)
        {
            _uploads.Add(new CorpusUpload(repository, content, isManifest: false, tag: null));
            closure.Add(content.Digest);
        }

        private static CorpusContent Content(JsonObject json, string mediaType) => new CorpusContent(Encoding.UTF8.GetBytes(json.ToJsonString()), mediaType);

        private static JsonObject Descriptor(CorpusContent content) => new JsonObject
        {
            ["mediaType"] = content.MediaType,
            ["digest"] = content.Digest,
            ["size"] = content.Size,
        };
    }
}
