using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using OciMirror.Integration.Tests.Corpus;
using OciMirror.Integration.Tests.Infrastructure;
using Xunit;

namespace OciMirror.Integration.Tests
{
    /// <summary>
    /// A blob download whose connection breaks mid-body resumes with Range against the real registry
    /// (which answers 206), and the export completes with every digest verified (DESIGN §7).
    /// </summary>
    [Collection(RegistryCollection.Name)]
    public sealed class ResumeTests
    {
        private readonly CorpusFixture _fixture;

        public ResumeTests(CorpusFixture fixture)
        {
            _fixture = fixture;
        }

        [Fact]
        public async Task Export_ConnectionCutMidBlob_IsResumedAndTheBundleIsComplete()
        {
            await using var proxy = new RecordingProxy(_fixture.Registry.BaseUri);
            using var bundle = new TempDirectory();
            string dir = bundle.Combine("bundle");
            TestCorpus corpus = _fixture.Corpus;
            CorpusTag tag = corpus.Tag(CorpusBuilder.Beta, "v1");
            string cut = corpus.ClosureOf(tag).Intersect(corpus.BlobDigests).OrderByDescending(d => corpus.Content(d).Size).First();
            proxy.CutBlobDigest = cut;

            CliResult r = await CliRunner.RunAsync("export", "-o", dir, "--plain-http", "--json", "--verbose", tag.ReferenceAt(proxy.Host));

            Assert.True(r.ExitCode == 0, r.ToString());
            JsonElement result = Assert.Single(r.JsonLines);
            Assert.Equal("copied", result.GetProperty("status").GetString());
            Assert.Equal(tag.Digest, result.GetProperty("digest").GetString());
            Assert.Contains($"Resuming {cut}", r.StdErr);
            Assert.Contains(proxy.Requests, q => q.Method == "GET" && q.BlobDigest == cut && q.StatusCode == 206);
            foreach (string digest in corpus.ClosureOf(tag))
            {
                Assert.Contains(digest, BundleInspector.BlobDigests(dir));
            }

            Assert.Empty(BundleInspector.BlobProblems(dir));
        }
    }
}
