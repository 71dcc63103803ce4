using System.Linq;
using System.Threading.Tasks;
using OciMirror.Integration.Tests.Corpus;
using OciMirror.Integration.Tests.Infrastructure;
using Xunit;

namespace OciMirror.Integration.Tests
{
    /// <summary><c>ocimirror tags</c> against registry A, and its output piped into export.</summary>
    [Collection(RegistryCollection.Name)]
    public sealed class TagsCommandTests
    {
        private readonly CorpusFixture _fixture;

        public TagsCommandTests(CorpusFixture fixture)
        {
            _fixture = fixture;
        }

        private string A => _fixture.Registry.Host;

        [Fact]
        public async Task Tags_ListsEveryTagAsAFullReference()
        {
            CliResult r = await CliRunner.RunAsync("tags", A + "/" + CorpusBuilder.Beta, "--plain-http");

            Assert.True(r.ExitCode == 0, r.ToString());
            var expected = _fixture.Corpus.Tags.Where(t => t.Repository == CorpusBuilder.Beta).Select(t => t.ReferenceAt(A)).OrderBy(s => s);
            Assert.Equal(expected, r.StdOut.Split('\n', System.StringSplitOptions.RemoveEmptyEntries).Select(l => l.Trim()).OrderBy(s => s));
        }

        [Fact]
        public async Task Tags_IncludeExcludeDigests_Json()
        {
            CliResult r = await CliRunner.RunAsync("tags", A + "/" + CorpusBuilder.Beta, "--include", "v*", "--include", "list", "--exclude", "*-alias", "--digests", "--json", "--plain-http");

            Assert.True(r.ExitCode == 0, r.ToString());
            var got = r.JsonLines.Select(j => (Tag: j.GetProperty("tag").GetString(), Digest: j.GetProperty("digest").GetString())).OrderBy(t => t.Tag).ToList();
            var expected = new[] { "list", "v1", "v2" }.Select(t => (Tag: (string?)t, Digest: (string?)_fixture.Corpus.Tag(CorpusBuilder.Beta, t).Digest)).ToList();
            Assert.Equal(expected, got);
        }

        [Fact]
        public async Task Tags_PipedIntoExport()
        {
            CliResult tags = await CliRunner.RunAsync("tags", A + "/" + CorpusBuilder.Alpha, "--include", "*-1", "--plain-http");
            Assert.True(tags.ExitCode == 0, tags.ToString());
            using var bundle = new TempDirectory();
            string dir = bundle.Combine("b");

            CliResult export = await CliRunner.RunWithInputAsync(tags.StdOut, "export", "-f", "-", "-o", dir, "--plain-http");

            Assert.True(export.ExitCode == 0, export.ToString());
            Assert.Equal(
                new[] { "docker-1", "oci-1" }.Select(t => _fixture.Corpus.Tag(CorpusBuilder.Alpha, t).ReferenceAt(A)).OrderBy(s => s),
                BundleInspector.ImageNames(dir).OrderBy(s => s));
        }

        [Fact]
        public async Task Tags_UnknownRepository_FailsWithExit1NamingIt()
        {
            CliResult r = await CliRunner.RunAsync("tags", A + "/corpus/nope", "--plain-http");

            Assert.True(r.ExitCode == 1, r.ToString());
            Assert.Contains("corpus/nope", r.StdErr);
        }
    }
}
