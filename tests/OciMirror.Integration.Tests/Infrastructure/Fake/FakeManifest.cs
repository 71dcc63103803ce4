using System.Collections.Generic;
using System.Text.Json.Nodes;

namespace OciMirror.Integration.Tests.Infrastructure.Fake
{
    /// <summary>A manifest or index stored by a <see cref="FakeRegistry"/>: its exact bytes and what the referrers API lists for it.</summary>
    internal sealed class FakeManifest
    {
        public FakeManifest(string digest, string mediaType, byte[] bytes, string? subject, string? artifactType, JsonObject? annotations)
        {
            Digest = digest;
            MediaType = mediaType;
            Bytes = bytes;
            Subject = subject;
            ArtifactType = artifactType;
            Annotations = annotations;
        }

        public string Digest { get; }

        public string MediaType { get; }

        public byte[] Bytes { get; }

        /// <summary>The digest of its <c>subject</c>, or null.</summary>
        public string? Subject { get; }

        /// <summary>As the referrers API lists it: artifactType, else a manifest's config media type.</summary>
        public string? ArtifactType { get; }

        public JsonObject? Annotations { get; }

        /// <summary>The quoted entity tag (the digest) of manifest GET/HEAD and If-Match.</summary>
        public string EntityTag => "\"" + Digest + "\"";

        public JsonObject ToDescriptor()
        {
            var d = new JsonObject { ["mediaType"] = MediaType, ["digest"] = Digest, ["size"] = Bytes.Length };
            if (ArtifactType != null)
            {
                d["artifactType"] = ArtifactType;
            }

            if (Annotations != null)
            {
                d["annotations"] = Annotations.DeepClone();
            }

            return d;
        }

        public static IReadOnlyList<string> ManifestTypes { get; } = new[]
        {
            "application/vnd.oci.image.manifest.v1+json",
            "application/vnd.oci.image.index.v1+json",
            "application/vnd.docker.distribution.manifest.v2+json",
            "application/vnd.docker.distribution.manifest.list.v2+json",
        };
    }
}
