using System.Linq;
using System.Text;
using OciMirror.Core.Errors;
using OciMirror.Core.Model;
using Xunit;

namespace OciMirror.Core.Tests.Model
{
    public class ManifestInfoTests
    {
        private static readonly string A = Digest.Compute(Encoding.UTF8.GetBytes("a")).ToString();
        private static readonly string B = Digest.Compute(Encoding.UTF8.GetBytes("b")).ToString();
        private static readonly string C = Digest.Compute(Encoding.UTF8.GetBytes("c")).ToString();

        [Fact]
        public void ManifestChildrenAreConfigThenLayersThenSubject()
        {
            string json = "{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OciManifest + "\",\"config\":{\"mediaType\":\"application/vnd.example.thing.v1+json\",\"digest\":\"" + A + "\",\"size\":1},"
                + "\"layers\":[{\"mediaType\":\"" + MediaTypes.OciLayerTarGzip + "\",\"digest\":\"" + B + "\",\"size\":1}],"
                + "\"subject\":{\"mediaType\":\"" + MediaTypes.OciManifest + "\",\"digest\":\"" + C + "\",\"size\":1}}";
            ManifestInfo info = Parse(json, MediaTypes.OciManifest);
            Assert.Equal(new[] { A, B, C }, info.Children.Select(c => c.Digest.ToString()));
            Assert.Equal("application/vnd.example.thing.v1+json", info.ArtifactType);
            Assert.Equal(C, info.Subject!.Digest.ToString());
            Assert.False(info.IsIndex);
        }

        [Fact]
        public void IndexChildrenCarryPlatforms()
        {
            string json = "{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.DockerManifestList + "\",\"manifests\":["
                + "{\"mediaType\":\"" + MediaTypes.DockerManifest + "\",\"digest\":\"" + A + "\",\"size\":1,\"platform\":{\"architecture\":\"amd64\",\"os\":\"linux\"}},"
                + "{\"mediaType\":\"" + MediaTypes.DockerManifest + "\",\"digest\":\"" + B + "\",\"size\":1,\"platform\":{\"architecture\":\"arm\",\"os\":\"linux\",\"variant\":\"v7\"}}]}";
            ManifestInfo info = Parse(json, MediaTypes.DockerManifestList);
            Assert.True(info.IsIndex);
            Assert.Equal(new[] { "linux/amd64", "linux/arm/v7" }, info.Platforms.Select(p => p.ToString()));
            Assert.Equal(2, info.Children.Count);
        }

        [Fact]
        public void ForeignLayersAreNotChildren()
        {
            string json = "{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.DockerManifest + "\",\"config\":{\"mediaType\":\"" + MediaTypes.DockerConfig + "\",\"digest\":\"" + A + "\",\"size\":1},"
                + "\"layers\":[{\"mediaType\":\"" + MediaTypes.DockerForeignLayer + "\",\"digest\":\"" + B + "\",\"size\":1,\"urls\":[\"https://example.invalid/x\"]}]}";
            ManifestInfo info = Parse(json, MediaTypes.DockerManifest);
            Assert.Equal(new[] { A }, info.Children.Select(c => c.Digest.ToString()));
            Assert.Null(info.ArtifactType);
        }

        [Fact]
        public void MediaTypeFromDocumentWhenDescriptorHasNone()
        {
            string json = "{\"schemaVersion\":2,\"manifests\":[]}";
            Assert.Equal(MediaTypes.OciIndex, Parse(json, string.Empty).MediaType);
        }

        [Theory]
        [InlineData(MediaTypes.OciManifest, "\"mediaType\":\"" + MediaTypes.DockerManifest + "\",\"config\":{},\"layers\":[]", MediaTypes.DockerManifest)]
        [InlineData(MediaTypes.DockerManifest, "\"config\":{},\"layers\":[]", MediaTypes.OciManifest)]
        [InlineData(MediaTypes.DockerManifestList, "\"manifests\":[]", MediaTypes.OciIndex)]
        [InlineData(MediaTypes.OciIndex, "\"mediaType\":\"" + MediaTypes.DockerManifestList + "\",\"manifests\":[]", MediaTypes.DockerManifestList)]
        [InlineData(MediaTypes.OciManifest, "\"mediaType\":\"application/vnd.example.unknown\",\"config\":{},\"layers\":[]", MediaTypes.OciManifest)]
        public void TheBytesDeclareTheMediaType_NotTheDescriptor(string listedAs, string fields, string expected)
        {
            // Issue 7.4: a registry checks the bytes against the type they are pushed with.
            string config = "{\"mediaType\":\"" + MediaTypes.OciConfig + "\",\"digest\":\"" + A + "\",\"size\":1}";
            Assert.Equal(expected, Parse("{\"schemaVersion\":2," + fields.Replace("{}", config) + "}", listedAs).MediaType);
        }

        [Fact]
        public void RefusesSchema1()
        {
            OciException e = Assert.Throws<OciException>(() => Parse("{\"schemaVersion\":1,\"name\":\"x\",\"fsLayers\":[]}", MediaTypes.DockerSchema1Signed));
            Assert.Equal(OciErrorKind.UnsupportedMediaType, e.Kind);
            Assert.Contains("schema 1", e.Message);
        }

        [Fact]
        public void RejectsNonJson()
        {
            OciException e = Assert.Throws<OciException>(() => Parse("not json", MediaTypes.OciManifest));
            Assert.Equal(OciErrorKind.ProtocolError, e.Kind);
        }

        [Fact]
        public void RejectsBadChildDigest()
        {
            string json = "{\"schemaVersion\":2,\"manifests\":[{\"mediaType\":\"x\",\"digest\":\"sha256:00\",\"size\":1}]}";
            OciException e = Assert.Throws<OciException>(() => Parse(json, MediaTypes.OciIndex));
            Assert.Equal(OciErrorKind.ProtocolError, e.Kind);
        }

        private static ManifestInfo Parse(string json, string mediaType)
        {
            byte[] bytes = Encoding.UTF8.GetBytes(json);
            return ManifestInfo.Parse(new Descriptor(mediaType, Digest.Compute(bytes), bytes.Length), bytes);
        }
    }
}
