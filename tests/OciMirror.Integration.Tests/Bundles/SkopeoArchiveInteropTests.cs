using System.IO;
using System.Threading.Tasks;
using OciMirror.Integration.Tests.Corpus;
using OciMirror.Integration.Tests.Infrastructure;
using Xunit;

namespace OciMirror.Integration.Tests.Bundles
{
    /// <summary>skopeo (Debian 1.9.3) reads our .tar and .tgz with <c>oci-archive:</c>, and we import the oci-archive skopeo writes.</summary>
    [Collection(RegistryCollection.Name)]
    public sealed class SkopeoArchiveInteropTests
    {
        private readonly CorpusFixture _fixture;

        public SkopeoArchiveInteropTests(CorpusFixture fixture)
        {
            _fixture = fixture;
        }

        [Theory]
        [InlineData("bundle.tar", "oci-1", false)]
        [InlineData("bundle.tar", "multi", true)]
        [InlineData("bundle.tgz", "oci-1", false)]
        [InlineData("bundle.tgz", "multi", true)]
        public async Task Skopeo_CopiesOutOfOurArchive_DigestUnchanged(string fileName, string tagName, bool all)
        {
            string skopeo = ExternalTool.Require("skopeo", "skopeo");
            await using RegistryInstance b = await RegistryInstance.StartAsync();
            using var temp = new TempDirectory();
            string archive = temp.Combine(fileName);
            CorpusTag tag = _fixture.Corpus.Tag(CorpusBuilder.Alpha, tagName);
            CorpusTag other = _fixture.Corpus.Tag(CorpusBuilder.Beta, "v2"); // a second entry: skopeo has to pick by ref.name
            CliResult export = await CliRunner.RunAsync("export", "-o", archive, "--plain-http", tag.ReferenceAt(_fixture.Registry.Host), other.ReferenceAt(_fixture.Registry.Host));
            Assert.True(export.ExitCode == 0, export.ToString());

            var args = new System.Collections.Generic.List<string> { "--insecure-policy", "copy", "--preserve-digests", "--dest-tls-verify=false" };
            if (all)
            {
                args.Add("--all");
            }

            args.Add("oci-archive:" + archive + ":" + tag.Tag);
            args.Add("docker://" + b.Host + "/x/y:t");
            var (code, output) = await ExternalProcess.RunAsync(skopeo, args.ToArray());

            Assert.True(code == 0, output);
            Assert.Equal(tag.Digest, await RegistryProbe.ManifestDigestAsync(b.Host, "x/y", "t"));
        }

        [Theory]
        [InlineData("oci-1", false)]
        [InlineData("multi", true)]
        public async Task Import_AcceptsAnOciArchiveSkopeoWrote(string tagName, bool all)
        {
            string skopeo = ExternalTool.Require("skopeo", "skopeo");
            await using RegistryInstance b = await RegistryInstance.StartAsync();
            using var temp = new TempDirectory();
            string archive = temp.Combine("skopeo.tar");
            CorpusTag tag = _fixture.Corpus.Tag(CorpusBuilder.Alpha, tagName);
            var args = new System.Collections.Generic.List<string> { "--insecure-policy", "copy", "--preserve-digests", "--src-tls-verify=false" };
            if (all)
            {
                args.Add("--all");
            }

            args.Add("docker://" + tag.ReferenceAt(_fixture.Registry.Host));
            args.Add("oci-archive:" + archive + ":" + tag.Tag);
            var (code, output) = await ExternalProcess.RunAsync(skopeo, args.ToArray());
            Assert.True(code == 0, output);
            Assert.True(File.Exists(archive));

            CliResult import = await CliRunner.RunAsync("import", archive, "--to", b.Host + "/some/repo", "--plain-http", "--json");

            Assert.True(import.ExitCode == 0, import.ToString());
            Assert.Single(import.JsonLines);
            Assert.Equal(tag.Digest, await RegistryProbe.ManifestDigestAsync(b.Host, "some/repo", tag.Tag));
        }
    }
}
