using System.Linq;
using System.Text;
using OciMirror.Core.Content;
using OciMirror.Core.Layout;
using Xunit;

namespace OciMirror.Core.Tests.Layout
{
    /// <summary>Hauler's index.json conventions (its store.go and consts.go): kinds decide what an entry's name means.</summary>
    public sealed class HaulerNamesTests
    {
        private const string Image = "sha256:1111111111111111111111111111111111111111111111111111111111111111";
        private const string Sig = "sha256:2222222222222222222222222222222222222222222222222222222222222222";
        private const string Att = "sha256:3333333333333333333333333333333333333333333333333333333333333333";
        private const string Referrer = "sha256:4444444444444444444444444444444444444444444444444444444444444444";
        private const string File = "sha256:5555555555555555555555555555555555555555555555555555555555555555";
        private const string Other = "sha256:6666666666666666666666666666666666666666666666666666666666666666";

        [Fact]
        public void SignaturesGetCosignTags_ReferrersGoByDigest_ImagesAndFilesKeepTheirNames()
        {
            string index = Index(
                Entry(Image, "library/busybox:stable", "index.docker.io/library/busybox:stable", "dev.hauler/image"),
                Entry(Sig, "library/busybox:stable", "index.docker.io/library/busybox:stable", "dev.hauler/sigs"),
                Entry(Att, "library/busybox:stable", "index.docker.io/library/busybox:stable", "dev.hauler/atts", subject: Other),
                Entry(Referrer, "library/busybox:stable", "index.docker.io/library/busybox:stable", "dev.hauler/referrers/4444"),
                Entry(File, "hauler/kubectl:latest", null, "dev.hauler/image"));

            var entries = LayoutIndex.Parse(Encoding.UTF8.GetBytes(index), "haul!index.json").DescribeEntries();

            Assert.Equal(
                new[]
                {
                    "docker.io/library/busybox:stable",
                    "docker.io/library/busybox:sha256-1111111111111111111111111111111111111111111111111111111111111111.sig",
                    "docker.io/library/busybox:sha256-6666666666666666666666666666666666666666666666666666666666666666.att",
                    "docker.io/library/busybox@" + Referrer,
                    "docker.io/hauler/kubectl:latest",
                },
                entries.Select(e => e.FullName));
            Assert.Equal(new[] { "stable", "sha256-1111111111111111111111111111111111111111111111111111111111111111.sig", "sha256-6666666666666666666666666666666666666666666666666666666666666666.att", null, "latest" }, entries.Select(e => e.Tag));
        }

        [Fact]
        public void LegacyCosignProjectKindsAreReadLikeTheNewOnes()
        {
            string index = Index(
                Entry(Image, "app:1", "registry.example/app:1", "dev.cosignproject.cosign/imageIndex"),
                Entry(Sig, "app:1", "registry.example/app:1", "dev.cosignproject.cosign/sigs"));

            BundleEntry sig = LayoutIndex.Parse(Encoding.UTF8.GetBytes(index), "haul!index.json").DescribeEntries()[1];

            Assert.Equal("registry.example/app:sha256-1111111111111111111111111111111111111111111111111111111111111111.sig", sig.FullName);
        }

        [Fact]
        public void AnIndexWithoutKindsIsLeftAlone()
        {
            string index = Index(Entry(Image, "1.0", null, null), Entry(Sig, "1.0", null, null));

            var entries = LayoutIndex.Parse(Encoding.UTF8.GetBytes(index), "x!index.json").DescribeEntries();

            Assert.Equal(new[] { "1.0", "1.0" }, entries.Select(e => e.Tag));
        }

        private static string Index(params string[] entries) =>
            "{\"schemaVersion\":2,\"manifests\":[" + string.Join(",", entries) + "]}";

        private static string Entry(string digest, string? refName, string? containerdName, string? kind, string? subject = null)
        {
            var annotations = new[]
            {
                refName == null ? null : $"\"org.opencontainers.image.ref.name\":\"{refName}\"",
                containerdName == null ? null : $"\"io.containerd.image.name\":\"{containerdName}\"",
                kind == null ? null : $"\"kind\":\"{kind}\"",
                subject == null ? null : $"\"hauler.dev/subject-digest\":\"{subject}\"",
            }.Where(a => a != null);
            return $"{{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"{digest}\",\"size\":100,\"annotations\":{{{string.Join(",", annotations)}}}}}";
        }
    }
}
