using System.Threading.Tasks;
using OciMirror.Integration.Tests.Corpus;
using OciMirror.Integration.Tests.Infrastructure;
using Xunit;

namespace OciMirror.Integration.Tests
{
    /// <summary>--verbose/--debug write the engine log to stderr, never to stdout, and never a credential.</summary>
    [Collection(RegistryCollection.Name)]
    public sealed class LoggingTests
    {
        private const string Password = "Pa55-w0rd-never-shown";
        private readonly CorpusFixture _fixture;

        public LoggingTests(CorpusFixture fixture)
        {
            _fixture = fixture;
        }

        [Fact]
        public async Task Debug_GoesToStderr_WithoutThePassword()
        {
            using var bundle = new TempDirectory();
            CorpusTag tag = _fixture.Corpus.Tag(CorpusBuilder.Alpha, "multi");

            CliResult r = await CliRunner.RunWithInputAsync(Password + "\n", "export", tag.ReferenceAt(_fixture.Registry.Host), "-o", bundle.Combine("b"),
                "--plain-http", "--debug", "-u", "someone", "--password-stdin");

            Assert.True(r.ExitCode == 0, r.ToString());
            Assert.Contains("verbose: GET ", r.StdErr);
            Assert.DoesNotContain("verbose:", r.StdOut);
            Assert.DoesNotContain(Password, r.StdErr + r.StdOut);
            Assert.Equal(_fixture.Corpus.ClosureOf(tag).Count, r.LoggedBlobGets.Count + 3); // 3 manifests: the index and its two children
        }
    }
}
