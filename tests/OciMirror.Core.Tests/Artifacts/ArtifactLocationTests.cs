using System.Collections.Generic;
using System.Text;
using OciMirror.Core.Artifacts;
using OciMirror.Core.Errors;
using OciMirror.Core.Model;
using Xunit;

namespace OciMirror.Core.Tests.Artifacts
{
    public class ArtifactLocationTests
    {
        [Theory]
        [InlineData("oci:./bundle", "./bundle", "")]
        [InlineData("oci:./bundle:v1", "./bundle", "v1")]
        [InlineData("oci:/srv/b:corp.local:5000/team/app:v1", "/srv/b", "corp.local:5000/team/app:v1")] // the path ends at the first ':'
        [InlineData(@"oci:C:\bundles\x:corp.local/app:v1", @"C:\bundles\x", "corp.local/app:v1")] // a drive's ':' is part of the path
        [InlineData("oci:C:/b", "C:/b", "")]
        [InlineData("oci:./b@sha256:2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824", "./b", "sha256:2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824")]
        [InlineData("oci-archive:x.tar:corp.local/app:v1", "x.tar", "corp.local/app:v1")]
        public void Bundles_are_oci_PATH_NAME(string text, string path, string name)
        {
            ArtifactLocation location = ArtifactLocation.Parse(text);

            Assert.True(location.IsBundle);
            Assert.Equal(path, location.BundlePath);
            Assert.Equal(name, location.BundleName);
            Assert.Null(location.Reference);
            ArtifactLocation again = ArtifactLocation.Parse(location.ToString());
            Assert.Equal((path, name), (again.BundlePath, again.BundleName));
        }

        [Fact]
        public void Anything_else_is_a_registry_reference_with_the_default_tag()
        {
            ArtifactLocation location = ArtifactLocation.Parse("localhost:5000/hello");

            Assert.False(location.IsBundle);
            Assert.Equal("localhost:5000/hello:latest", location.Reference!.ToString());
        }

        [Fact]
        public void A_bundle_path_can_be_replaced_and_keeps_its_name()
        {
            ArtifactLocation location = ArtifactLocation.Parse("oci:rel:corp.local/app:v1").WithBundlePath("/abs/rel");

            Assert.Equal("oci:/abs/rel:corp.local/app:v1", location.ToString());
            Assert.Equal("/abs/rel", ArtifactLocation.Parse(location.ToString()).BundlePath);
        }

        [Theory]
        [InlineData("oci:")]
        [InlineData("oci::v1")]
        [InlineData("Not A Ref!")]
        public void Malformed_locations_are_invalid_references(string text)
        {
            Assert.Equal(OciErrorKind.InvalidReference, Assert.Throws<OciException>(() => ArtifactLocation.Parse(text)).Kind);
        }

        [Theory]
        [InlineData("oci:./el9=linux/arm64/v8:el9", "oci:./el9", "linux/arm64/v8:el9")]
        [InlineData("corp.local/app:amd64", "corp.local/app:amd64", null)]
        [InlineData("corp.local/app@sha256:2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824=windows/amd64:10.0.17763", "corp.local/app@sha256:2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824", "windows/amd64:10.0.17763")]
        public void Index_sources_take_a_platform_after_the_last_equals_sign(string text, string location, string? platform)
        {
            IndexSource source = IndexSource.Parse(text);

            Assert.Equal(location, source.Location);
            Assert.Equal(platform, source.Platform?.ToString());
        }

        [Fact]
        public void An_index_document_refuses_the_same_manifest_twice_for_one_platform_and_is_deterministic()
        {
            var manifest = new Descriptor(MediaTypes.OciManifest, Digest.Compute(new byte[] { 1 }), 1, null, new Platform("linux", "arm64", "v8", "el9"), "application/x");
            var annotations = new Dictionary<string, string> { ["z"] = "1", ["a"] = "2" };

            byte[] once = IndexDocument.Build(new[] { manifest }, "application/x-index", annotations);
            OciException e = Assert.Throws<OciException>(() => IndexDocument.Build(new[] { manifest, manifest }, null, annotations));

            Assert.Equal(
                "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"artifactType\":\"application/x-index\",\"manifests\":[{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
                + $"\"digest\":\"{manifest.Digest}\",\"size\":1,\"platform\":{{\"architecture\":\"arm64\",\"os\":\"linux\",\"os.version\":\"el9\",\"variant\":\"v8\"}},\"artifactType\":\"application/x\"}}],"
                + "\"annotations\":{\"a\":\"2\",\"z\":\"1\"}}",
                Encoding.UTF8.GetString(once));
            Assert.Equal(OciErrorKind.InvalidReference, e.Kind);
        }
    }
}
