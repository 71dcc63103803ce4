using System.Text;
using OciMirror.Core.Errors;
using OciMirror.Core.Model;
using OciMirror.Core.Referrers;
using Xunit;

namespace OciMirror.Core.Tests.Referrers
{
    public sealed class ReferrerManifestTests
    {
        private const string Subject = "{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"sha256:" + "cd" + "00000000000000000000000000000000000000000000000000000000000000\",\"size\":7}";

        [Fact]
        public void ArtifactType_IsTheField_ElseTheConfigType_AndAnnotationsStayAsWritten()
        {
            ReferrerManifest withField = Parse("{\"schemaVersion\":2,\"artifactType\":\"application/spdx+json\",\"config\":{\"mediaType\":\"application/vnd.oci.empty.v1+json\",\"digest\":\"sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a\",\"size\":2},\"layers\":[],\"subject\":" + Subject + ",\"annotations\":{\"org.opencontainers.image.created\":\"2024-05-01T10:00:00Z\"}}");
            ReferrerManifest viaConfig = Parse("{\"schemaVersion\":2,\"config\":{\"mediaType\":\"application/vnd.example.config\",\"digest\":\"sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a\",\"size\":2},\"layers\":[]}");

            Assert.Equal("application/spdx+json", withField.ListedArtifactType);
            Assert.Equal("sha256:cd00000000000000000000000000000000000000000000000000000000000000", withField.Subject!.Digest.ToString());
            Descriptor listed = withField.ToListingDescriptor();
            Assert.Equal("application/spdx+json", listed.ArtifactType);
            Assert.Equal("2024-05-01T10:00:00Z", listed.GetAnnotation("org.opencontainers.image.created"));
            Assert.Equal("application/vnd.example.config", viaConfig.ListedArtifactType);
            Assert.Null(viaConfig.Subject);
        }

        [Fact]
        public void CosignSignature_IsFilteredByItsLayerType_AndListedByItsConfigType()
        {
            ReferrerManifest cosign = Parse("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a\",\"size\":2},\"layers\":[{\"mediaType\":\"application/vnd.dev.cosign.simplesigning.v1+json\",\"digest\":\"sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a\",\"size\":2}]}");

            Assert.Equal("application/vnd.dev.cosign.simplesigning.v1+json", cosign.DigestTagArtifactType);
            Assert.Equal(MediaTypes.OciConfig, cosign.ListedArtifactType);
        }

        [Fact]
        public void Index_WithoutArtifactType_ListsNone()
        {
            ReferrerManifest index = Parse("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"manifests\":[]}", string.Empty);

            Assert.True(index.IsIndex);
            Assert.Null(index.ListedArtifactType);
            Assert.Equal(MediaTypes.OciIndex, index.Descriptor.MediaType);
        }

        [Fact]
        public void NotJson_IsAProtocolError()
        {
            OciException e = Assert.Throws<OciException>(() => Parse("not json"));
            Assert.Equal(OciErrorKind.ProtocolError, e.Kind);
        }

        private static ReferrerManifest Parse(string json, string mediaType = MediaTypes.OciManifest)
        {
            byte[] bytes = Encoding.UTF8.GetBytes(json);
            return ReferrerManifest.Parse(new Descriptor(mediaType, Digest.Compute(bytes), bytes.Length), bytes);
        }
    }
}
