using System;

namespace OciMirror.Core.Model
{
    /// <summary>Media types the engine recognises, and what each means for a copy.</summary>
    public static class MediaTypes
    {
        public const string OciManifest = "application/vnd.oci.image.manifest.v1+json";
        public const string OciIndex = "application/vnd.oci.image.index.v1+json";
        public const string OciConfig = "application/vnd.oci.image.config.v1+json";
        public const string OciLayerTarGzip = "application/vnd.oci.image.layer.v1.tar+gzip";
        public const string OciLayerTar = "application/vnd.oci.image.layer.v1.tar";
        public const string OciLayerTarZstd = "application/vnd.oci.image.layer.v1.tar+zstd";
        public const string OciEmpty = "application/vnd.oci.empty.v1+json";
        public const string OciLayout = "application/vnd.oci.layout.header.v1+json";
        public const string DockerManifest = "application/vnd.docker.distribution.manifest.v2+json";
        public const string DockerManifestList = "application/vnd.docker.distribution.manifest.list.v2+json";
        public const string DockerConfig = "application/vnd.docker.container.image.v1+json";
        public const string DockerLayer = "application/vnd.docker.image.rootfs.diff.tar.gzip";
        public const string DockerForeignLayer = "application/vnd.docker.image.rootfs.foreign.diff.tar.gzip";
        public const string DockerSchema1 = "application/vnd.docker.distribution.manifest.v1+json";
        public const string DockerSchema1Signed = "application/vnd.docker.distribution.manifest.v1+prettyjws";

        /// <summary>
        /// The Accept header for manifest requests: every manifest type we can copy. The distribution
        /// registry answers 404 to a GET by tag whose Accept lacks the stored manifest's type.
        /// </summary>
        public static readonly string[] ManifestAccept = { OciManifest, OciIndex, DockerManifest, DockerManifestList };

        /// <summary>True for an image manifest (OCI or Docker schema 2).</summary>
        public static bool IsManifest(string? mediaType) => mediaType == OciManifest || mediaType == DockerManifest;

        /// <summary>True for an index (OCI image index or Docker manifest list).</summary>
        public static bool IsIndex(string? mediaType) => mediaType == OciIndex || mediaType == DockerManifestList;

        /// <summary>True for anything stored on the manifest endpoint of a registry.</summary>
        public static bool IsManifestOrIndex(string? mediaType) => IsManifest(mediaType) || IsIndex(mediaType);

        /// <summary>
        /// True for the media types an index.json entry (a root of a bundle) may have for OciMirror to read it
        /// as an image or index: a manifest or index type, none (read from the blob), or Docker schema 1 (then
        /// refused with its own error). Anything else (the image-spec's own example lists an
        /// <c>application/xml</c> entry) is content OciMirror does not understand: image-spec image-layout.md
        /// says it MUST NOT be an error, so it is carried and checked, never imported or parsed.
        /// </summary>
        public static bool IsUnderstoodRoot(string? mediaType) =>
            string.IsNullOrEmpty(mediaType) || IsManifestOrIndex(mediaType) || IsSchema1(mediaType);

        /// <summary>True for Docker schema 1, which the engine refuses.</summary>
        public static bool IsSchema1(string? mediaType) => mediaType == DockerSchema1 || mediaType == DockerSchema1Signed
            || string.Equals(mediaType, "application/json", StringComparison.Ordinal);

        /// <summary>
        /// True for a non-distributable ("foreign") layer: Docker's foreign layer type or an OCI
        /// <c>.nondistributable.</c> type. Such layers are fetched from their URLs, never from the registry.
        /// </summary>
        public static bool IsNonDistributable(string? mediaType) => mediaType != null
            && (mediaType == DockerForeignLayer || mediaType.IndexOf(".nondistributable.", StringComparison.Ordinal) >= 0);

        /// <summary>True for blob types that are already compressed (gzip, zstd), so a tgz stores them.</summary>
        public static bool IsCompressed(string? mediaType) => mediaType != null
            && (mediaType.EndsWith("+gzip", StringComparison.Ordinal) || mediaType.EndsWith("+zstd", StringComparison.Ordinal)
                || mediaType.EndsWith(".gzip", StringComparison.Ordinal) || mediaType.EndsWith(".tar.gz", StringComparison.Ordinal));
    }
}
