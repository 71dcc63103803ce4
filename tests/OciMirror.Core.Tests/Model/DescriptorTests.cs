using System.Collections.Generic;
using System.Text;
using Newtonsoft.Json;
using OciMirror.Core.Model;
using Xunit;

namespace OciMirror.Core.Tests.Model
{
    public class DescriptorTests
    {
        [Fact]
        public void RoundTripsThroughJsonWithAllFields()
        {
            const string json = "{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad\",\"size\":3,"
                + "\"annotations\":{\"org.opencontainers.image.created\":\"2024-01-02T03:04:05Z\"},\"platform\":{\"architecture\":\"arm64\",\"os\":\"linux\",\"os.version\":\"10.0\",\"variant\":\"v8\"},\"artifactType\":\"application/x\"}";
            Descriptor d = JsonConvert.DeserializeObject<Descriptor>(json, new JsonSerializerSettings { DateParseHandling = DateParseHandling.None })!;
            Assert.Equal(MediaTypes.OciManifest, d.MediaType);
            Assert.Equal(3, d.Size);
            Assert.Equal("linux/arm64/v8:10.0", d.Platform!.ToString()); // the --platform form, os.version included
            Assert.Equal("10.0", d.Platform.OsVersion);
            Assert.Equal("application/x", d.ArtifactType);

            // Annotation strings that look like dates must survive unchanged.
            Assert.Equal("2024-01-02T03:04:05Z", d.GetAnnotation("org.opencontainers.image.created"));
            string back = JsonConvert.SerializeObject(d);
            Assert.Contains("\"os.version\":\"10.0\"", back);
            Assert.Contains("\"2024-01-02T03:04:05Z\"", back);
            Assert.DoesNotContain("urls", back);
        }

        [Fact]
        public void EqualityIgnoresAnnotations()
        {
            Descriptor a = Descriptor.FromBytes("x", Encoding.UTF8.GetBytes("abc"));
            Descriptor b = a.WithAnnotations(new Dictionary<string, string> { ["k"] = "v" });
            Assert.Equal(a, b);
            Assert.Equal(a.GetHashCode(), b.GetHashCode());
            Assert.NotEqual(a, new Descriptor("y", a.Digest, a.Size));
        }

        [Fact]
        public void RejectsInvalidDigestInJson()
        {
            const string json = "{\"mediaType\":\"a\",\"digest\":\"sha256:nothex\",\"size\":1}";
            JsonSerializationException e = Assert.Throws<JsonSerializationException>(() => JsonConvert.DeserializeObject<Descriptor>(json));
            Assert.Contains("sha256:nothex", e.Message);
        }

        [Fact]
        public void RejectsNegativeSize()
        {
            Assert.ThrowsAny<System.ArgumentException>(() => new Descriptor("a", Digest.Compute(new byte[0]), -1));
        }
    }
}
