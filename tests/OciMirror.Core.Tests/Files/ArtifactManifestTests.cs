using System.Collections.Generic;
using System.Text;
using OciMirror.Core.Files;
using OciMirror.Core.Model;
using Xunit;

namespace OciMirror.Core.Tests.Files
{
    /// <summary>The manifest bytes of a file artifact: oras 1.x's defaults, Go's field order, sorted annotations.</summary>
    public class ArtifactManifestTests
    {
        private static readonly Descriptor Hi = new Descriptor(ArtifactAnnotations.DefaultFileMediaType, Digest.Parse("sha256:a948904f2f0f479b8f8197694b30184b0d2ed1c1cd2a1ec0fb85d299a192a447"), 12,
            new Dictionary<string, string> { [ArtifactAnnotations.Title] = "hi.txt" });

        [Fact]
        public void The_empty_config_is_the_oci_empty_descriptor_with_its_data()
        {
            Assert.Equal("sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a", ArtifactManifest.Empty.Digest.ToString());
            Assert.Equal(2, ArtifactManifest.Empty.Size);
        }

        [Fact]
        public void Without_config_it_is_an_oci_1_1_artifact_of_unknown_type()
        {
            string json = Text(ArtifactManifest.Build(null, null, null, new[] { Hi }, null, null));

            Assert.Equal(
                "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"artifactType\":\"application/vnd.unknown.artifact.v1\","
                + "\"config\":{\"mediaType\":\"application/vnd.oci.empty.v1+json\",\"digest\":\"sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a\",\"size\":2,\"data\":\"e30=\"},"
                + "\"layers\":[{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar\",\"digest\":\"sha256:a948904f2f0f479b8f8197694b30184b0d2ed1c1cd2a1ec0fb85d299a192a447\",\"size\":12,"
                + "\"annotations\":{\"org.opencontainers.image.title\":\"hi.txt\"}}]}",
                json);
        }

        [Fact]
        public void Without_files_the_single_layer_is_the_empty_descriptor()
        {
            string json = Text(ArtifactManifest.Build("application/vnd.example", null, null, new Descriptor[0], null, null));

            Assert.Contains("\"layers\":[{\"mediaType\":\"application/vnd.oci.empty.v1+json\",\"digest\":\"sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a\",\"size\":2,\"data\":\"e30=\"}]", json);
            Assert.Contains("\"artifactType\":\"application/vnd.example\"", json);
        }

        [Fact]
        public void With_a_config_and_no_type_the_config_type_is_the_type()
        {
            var config = new Descriptor("application/vnd.acme.rocket.config.v1+json", Digest.Parse("sha256:7aa5d0dee9a3a73c81db4356cf7aa5666e175d96e68ee763eeb977bd7ba59ee5"), 20);

            string json = Text(ArtifactManifest.Build(null, config, null, new Descriptor[0], null, null));

            Assert.DoesNotContain("artifactType", json);
            Assert.Contains("\"config\":{\"mediaType\":\"application/vnd.acme.rocket.config.v1+json\",\"digest\":\"sha256:7aa5d0dee9a3a73c81db4356cf7aa5666e175d96e68ee763eeb977bd7ba59ee5\",\"size\":20}", json);
            Assert.Contains("\"layers\":[]", json);
        }

        [Fact]
        public void Subject_and_annotations_come_last_with_keys_sorted()
        {
            var subject = new Descriptor(MediaTypes.OciManifest, Digest.Compute(new byte[] { 1 }), 1, new Dictionary<string, string> { ["x"] = "dropped" });
            var annotations = new Dictionary<string, string> { ["z"] = "1", ["a"] = "2" };

            string json = Text(ArtifactManifest.Build("t/x", null, null, new[] { Hi }, subject, annotations));

            Assert.EndsWith($"\"subject\":{{\"mediaType\":\"{MediaTypes.OciManifest}\",\"digest\":\"{subject.Digest}\",\"size\":1}},\"annotations\":{{\"a\":\"2\",\"z\":\"1\"}}}}", json);
        }

        private static string Text(byte[] bytes) => Encoding.UTF8.GetString(bytes);
    }
}
