using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json.Nodes;
using OciMirror.Integration.Tests.Corpus;

namespace OciMirror.Integration.Tests.Referrers
{
    /// <summary>
    /// Test content (a few KB) for referrers: <c>signed/app:1.0</c>, an image with a signature, an SBOM, a
    /// signature of the SBOM (all three referrers by <c>subject</c>, untagged, with annotations) and a
    /// cosign signature under the digest tag <c>sha256-&lt;hex&gt;.sig</c>; and two other images,
    /// <c>signed/tool:1.0</c> and <c>plain/base:2.0</c>, with no referrers. Pushed by the raw-HTTP
    /// <see cref="CorpusPusher"/>; for a registry without the referrers API the referrers tag-schema indexes
    /// are pushed too, as a client of such a registry maintains them.
    /// </summary>
    public sealed class SignedImageSet
    {
        public const string App = "signed/app";
        public const string Tool = "signed/tool";
        public const string Base = "plain/base";
        public const string SignatureType = "application/vnd.example.signature.v1+json";
        public const string SbomType = "application/spdx+json";
        public const string CosignLayerType = "application/vnd.dev.cosign.simplesigning.v1+json";
        public const string Created = "2024-05-01T10:00:00Z";

        private const string OciManifest = "application/vnd.oci.image.manifest.v1+json";
        private const string OciIndex = "application/vnd.oci.image.index.v1+json";
        private const string OciConfig = "application/vnd.oci.image.config.v1+json";
        private const string OciLayer = "application/vnd.oci.image.layer.v1.tar+gzip";
        private const string OciEmpty = "application/vnd.oci.empty.v1+json";

        private readonly List<CorpusUpload> _blobs = new List<CorpusUpload>();
        private readonly List<CorpusUpload> _imageBlobs = new List<CorpusUpload>();

        public SignedImageSet(string salt = "")
        {
            Image = BuildImage(App, "app" + salt);
            ToolImage = BuildImage(Tool, "tool" + salt);
            BaseImage = BuildImage(Base, "base" + salt);
            Signature = Referrer(App, Image, SignatureType, "signature of the app" + salt);
            Sbom = Referrer(App, Image, SbomType, "{\"spdxVersion\":\"SPDX-2.3\",\"name\":\"app" + salt + "\"}");
            SbomSignature = Referrer(App, Sbom, SignatureType, "signature of the SBOM" + salt);
            CosignSignature = CosignManifest(App, Image, salt);
        }

        public CorpusContent Image { get; }

        public CorpusContent ToolImage { get; }

        public CorpusContent BaseImage { get; }

        public CorpusContent Signature { get; }

        public CorpusContent Sbom { get; }

        public CorpusContent SbomSignature { get; }

        public CorpusContent CosignSignature { get; }

        /// <summary><c>sha256-&lt;image hex&gt;.sig</c>.</summary>
        public string CosignTag => "sha256-" + Image.Hex + ".sig";

        /// <summary>The referrers of <see cref="Image"/> by subject (not the cosign one).</summary>
        public IReadOnlyList<CorpusContent> ImageReferrers => new[] { Signature, Sbom };

        /// <summary>Every referrer: signature, SBOM, SBOM signature, cosign signature.</summary>
        public IReadOnlyList<CorpusContent> AllReferrers => new[] { Signature, Sbom, SbomSignature, CosignSignature };

        /// <summary>The three images as references at <paramref name="host"/>.</summary>
        public IReadOnlyList<string> References(string host) => new[] { host + "/" + App + ":1.0", host + "/" + Tool + ":1.0", host + "/" + Base + ":2.0" };

        /// <summary>What to push, in order: blobs, images (tagged), referrers by digest, the cosign tag, and with <paramref name="tagSchema"/> the referrers indexes.</summary>
        public IReadOnlyList<CorpusUpload> Uploads(bool tagSchema)
        {
            var list = new List<CorpusUpload>(_blobs)
            {
                new CorpusUpload(App, Image, isManifest: true, "1.0"),
                new CorpusUpload(Tool, ToolImage, isManifest: true, "1.0"),
                new CorpusUpload(Base, BaseImage, isManifest: true, "2.0"),
                new CorpusUpload(App, Signature, isManifest: true, null),
                new CorpusUpload(App, Sbom, isManifest: true, null),
                new CorpusUpload(App, SbomSignature, isManifest: true, null),
                new CorpusUpload(App, CosignSignature, isManifest: true, CosignTag),
            };
            if (tagSchema)
            {
                list.Add(new CorpusUpload(App, TagIndex(Signature, Sbom), isManifest: true, "sha256-" + Image.Hex));
                list.Add(new CorpusUpload(App, TagIndex(SbomSignature), isManifest: true, "sha256-" + Sbom.Hex));
            }

            return list;
        }

        /// <summary>Only the images (for a destination that must already hold the subjects).</summary>
        public IReadOnlyList<CorpusUpload> ImageUploads => _imageBlobs.Concat(Uploads(false).Where(u => u.IsManifest && (u.Tag == "1.0" || u.Tag == "2.0"))).ToList();

        /// <summary>Another signature of <see cref="Image"/> (a new digest per <paramref name="text"/>), with its blobs.</summary>
        public (CorpusContent Manifest, IReadOnlyList<CorpusContent> Blobs) NewSignature(string text)
        {
            int before = _blobs.Count;
            CorpusContent manifest = Referrer(App, Image, SignatureType, text);
            return (manifest, _blobs.Skip(before).Select(u => u.Content).ToList());
        }

        /// <summary>The configs and layers of the referrers (not of the images).</summary>
        public IReadOnlyList<CorpusContent> ReferrerBlobs => _blobs.Except(_imageBlobs).Select(u => u.Content).ToList();

        /// <summary>The annotations every referrer of this set carries.</summary>
        public static JsonObject Annotations(string kind) => new JsonObject { ["org.opencontainers.image.created"] = Created, ["org.example.kind"] = kind };

        private CorpusContent BuildImage(string repository, string name)
        {
            var (gzip, diffId) = TestLayers.Create("opt/" + name + "/id", name + "\n");
            var layer = Blob(repository, gzip, OciLayer);
            var config = Blob(repository, Json(new JsonObject
            {
                ["architecture"] = "amd64",
                ["os"] = "linux",
                ["rootfs"] = new JsonObject { ["type"] = "layers", ["diff_ids"] = new JsonArray(diffId) },
            }), OciConfig);
            _imageBlobs.AddRange(_blobs.Skip(_blobs.Count - 2));
            return Content(new JsonObject
            {
                ["schemaVersion"] = 2,
                ["mediaType"] = OciManifest,
                ["config"] = Descriptor(config),
                ["layers"] = new JsonArray(Descriptor(layer)),
            }, OciManifest);
        }

        private CorpusContent Referrer(string repository, CorpusContent subject, string artifactType, string payload)
        {
            var empty = Blob(repository, Encoding.UTF8.GetBytes("{}"), OciEmpty);
            var data = Blob(repository, Encoding.UTF8.GetBytes(payload), artifactType);
            return Content(new JsonObject
            {
                ["schemaVersion"] = 2,
                ["mediaType"] = OciManifest,
                ["artifactType"] = artifactType,
                ["config"] = Descriptor(empty),
                ["layers"] = new JsonArray(Descriptor(data)),
                ["subject"] = Descriptor(subject),
                ["annotations"] = Annotations(artifactType == SbomType ? "sbom" : "signature"),
            }, OciManifest);
        }

        /// <summary>A cosign-style signature: image config, one simplesigning layer, no subject; found by its digest tag.</summary>
        private CorpusContent CosignManifest(string repository, CorpusContent subject, string salt)
        {
            var config = Blob(repository, Encoding.UTF8.GetBytes("{\"architecture\":\"\",\"os\":\"\",\"config\":{},\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]}}"), OciConfig);
            var payload = Blob(repository, Encoding.UTF8.GetBytes("{\"critical\":{\"image\":{\"docker-manifest-digest\":\"" + subject.Digest + "\"}}" + salt + "}"), CosignLayerType);
            JsonObject layer = Descriptor(payload);
            layer["annotations"] = new JsonObject { ["dev.cosignproject.cosign/signature"] = "MEUCIQ-test-signature" };
            return Content(new JsonObject
            {
                ["schemaVersion"] = 2,
                ["mediaType"] = OciManifest,
                ["config"] = Descriptor(config),
                ["layers"] = new JsonArray(layer),
            }, OciManifest);
        }

        /// <summary>A referrers tag-schema index listing <paramref name="referrers"/> as the spec says (artifactType and annotations copied).</summary>
        public static CorpusContent TagIndex(params CorpusContent[] referrers)
        {
            var manifests = new JsonArray();
            foreach (CorpusContent referrer in referrers)
            {
                JsonObject doc = JsonNode.Parse(referrer.Bytes)!.AsObject();
                JsonObject d = Descriptor(referrer);
                d["artifactType"] = doc["artifactType"]!.DeepClone();
                d["annotations"] = doc["annotations"]!.DeepClone();
                manifests.Add(d);
            }

            return Content(new JsonObject { ["schemaVersion"] = 2, ["mediaType"] = OciIndex, ["manifests"] = manifests }, OciIndex);
        }

        private CorpusContent Blob(string repository, byte[] bytes, string mediaType)
        {
            var content = new CorpusContent(bytes, mediaType);
            _blobs.Add(new CorpusUpload(repository, content, isManifest: false, tag: null));
            return content;
        }

        private static byte[] Json(JsonObject json) => Encoding.UTF8.GetBytes(json.ToJsonString());

        private static CorpusContent Content(JsonObject json, string mediaType) => new CorpusContent(Json(json), mediaType);

        private static JsonObject Descriptor(CorpusContent content) => new JsonObject
        {
            ["mediaType"] = content.MediaType,
            ["digest"] = content.Digest,
            ["size"] = content.Size,
        };
    }
}
