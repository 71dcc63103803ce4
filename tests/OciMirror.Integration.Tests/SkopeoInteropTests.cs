using System.Threading.Tasks;
using OciMirror.Integration.Tests.Corpus;
using OciMirror.Integration.Tests.Infrastructure;
using Xunit;

namespace OciMirror.Integration.Tests
{
    /// <summary>skopeo (Debian 1.9.3) reads the bundles we write, and we import the layouts skopeo writes.</summary>
    [Collection(RegistryCollection.Name)]
    public sealed class SkopeoInteropTests
    {
        private readonly CorpusFixture _fixture;

        public SkopeoInteropTests(CorpusFixture fixture)
        {
            _fixture = fixture;
        }

        [Theory]
        [InlineData("oci-1", false)]
        [InlineData("multi", true)]
        public async Task Skopeo_CopiesOutOfOurBundle_DigestUnchanged(string tagName, bool all)
        {
            string skopeo = ExternalTool.Require("skopeo", "skopeo");
            await using RegistryInstance b = await RegistryInstance.StartAsync();
            using var bundle = new TempDirectory();
            string dir = bundle.Combine("bundle");
            CorpusTag tag = _fixture.Corpus.Tag(CorpusBuilder.Alpha, tagName);
            // Two entries so that skopeo has to pick by ref.name (the tag).
            CorpusTag other = _fixture.Corpus.Tag(CorpusBuilder.Beta, "v2");
            CliResult export = await CliRunner.RunAsync("export", "-o", dir, "--plain-http", tag.ReferenceAt(_fixture.Registry.Host), other.ReferenceAt(_fixture.Registry.Host));
            Assert.True(export.ExitCode == 0, export.ToString());

            var args = new System.Collections.Generic.List<string> { "--insecure-policy", "copy", "--preserve-digests", "--dest-tls-verify=false" };
            if (all)
            {
                args.Add("--all");
            }

            args.Add("oci:" + dir + ":" + tag.Tag);
            args.Add("docker://" + b.Host + "/x/y:t");
            var (code, output) = await ExternalProcess.RunAsync(skopeo, args.ToArray());

            Assert.True(code == 0, output);
            Assert.Equal(tag.Digest, await RegistryProbe.ManifestDigestAsync(b.Host, "x/y", "t"));
        }

        [Fact]
        public async Task Import_AcceptsALayoutSkopeoWrote()
        {
            string skopeo = ExternalTool.Require("skopeo", "skopeo");
            await using RegistryInstance b = await RegistryInstance.StartAsync();
            using var layout = new TempDirectory();
            string dir = layout.Combine("skopeo-layout");
            CorpusTag oci1 = _fixture.Corpus.Tag(CorpusBuilder.Alpha, "oci-1");
            CorpusTag multi = _fixture.Corpus.Tag(CorpusBuilder.Alpha, "multi");
            foreach (CorpusTag tag in new[] { oci1, multi })
            {
                var (code, output) = await ExternalProcess.RunAsync(skopeo, "--insecure-policy", "copy", "--all", "--preserve-digests", "--src-tls-verify=false",
                    "docker://" + tag.ReferenceAt(_fixture.Registry.Host), "oci:" + dir + ":" + tag.Tag);
                Assert.True(code == 0, output);
            }

            CliResult import = await CliRunner.RunAsync("import", dir, "--to", b.Host + "/some/repo", "--plain-http", "--json");

            Assert.True(import.ExitCode == 0, import.ToString());
            Assert.Equal(2, import.JsonLines.Count);
            Assert.Equal(oci1.Digest, await RegistryProbe.ManifestDigestAsync(b.Host, "some/repo", "oci-1"));
            Assert.Equal(multi.Digest, await RegistryProbe.ManifestDigestAsync(b.Host, "some/repo", "multi"));
        }
    }
}
