using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using OciMirror.Integration.Tests.Corpus;
using OciMirror.Integration.Tests.Infrastructure;
using Xunit;

namespace OciMirror.Integration.Tests
{
    /// <summary>
    /// Issue 7 item 14 against the real registry behind a proxy that sends a blob's headers and half its body
    /// and then falls silent: <c>--read-timeout</c> bounds the wait. Stalled once, the download resumes with
    /// Range and the export completes; stalled every time, the export fails that artifact with a Timeout that
    /// names the blob and the option, instead of hanging.
    /// </summary>
    [Collection(RegistryCollection.Name)]
    public sealed class StalledRegistryTests
    {
        private readonly CorpusFixture _fixture;

        public StalledRegistryTests(CorpusFixture fixture)
        {
            _fixture = fixture;
        }

        private (CorpusTag Tag, string Blob) Victim()
        {
            TestCorpus corpus = _fixture.Corpus;
            CorpusTag tag = corpus.Tag(CorpusBuilder.Beta, "v1");
            return (tag, corpus.ClosureOf(tag).Intersect(corpus.BlobDigests).OrderByDescending(d => corpus.Content(d).Size).First());
        }

        [Fact]
        public async Task Export_BlobThatStallsOnce_IsResumedAndTheBundleIsComplete()
        {
            await using var proxy = new RecordingProxy(_fixture.Registry.BaseUri);
            using var bundle = new TempDirectory();
            (CorpusTag tag, string blob) = Victim();
            proxy.StallBlobDigest = blob;
            proxy.StallCount = 1;

            CliResult r = await CliRunner.RunAsync("export", "-o", bundle.Combine("b"), "--plain-http", "--json", "--verbose", "--read-timeout", "1", tag.ReferenceAt(proxy.Host));

            Assert.True(r.ExitCode == 0, r.ToString());
            Assert.Equal("copied", Assert.Single(r.JsonLines).GetProperty("status").GetString());
            Assert.Contains($"Resuming {blob}", r.StdErr);
            Assert.Contains("sent no data for 1 s", r.StdErr);
            Assert.Empty(BundleInspector.BlobProblems(bundle.Combine("b")));
        }

        [Fact]
        public async Task Export_BlobThatStallsEveryTime_FailsWithATimeout_NotAHang()
        {
            await using var proxy = new RecordingProxy(_fixture.Registry.BaseUri);
            using var bundle = new TempDirectory();
            (CorpusTag tag, string blob) = Victim();
            proxy.StallBlobDigest = blob;

            CliResult r = await CliRunner.RunAsync("export", "-o", bundle.Combine("b"), "--plain-http", "--json", "--read-timeout", "1", tag.ReferenceAt(proxy.Host));

            Assert.True(r.ExitCode == 1, r.ToString());
            JsonElement error = Assert.Single(r.JsonLines).GetProperty("error");
            Assert.Equal("Timeout", error.GetProperty("kind").GetString());
            Assert.Equal(blob, error.GetProperty("digest").GetString());
            Assert.Contains("--read-timeout", error.GetProperty("message").GetString());
            Assert.Equal(4, proxy.Requests.Count(q => q.Method == "GET" && q.BlobDigest == blob)); // the first try and three resumes
        }

        [Fact]
        public async Task ReadTimeout_IsValidated()
        {
            CliResult r = await CliRunner.RunAsync("tags", "127.0.0.1:1/x", "--plain-http", "--read-timeout", "-3");

            Assert.True(r.ExitCode == 2, r.ToString());
            Assert.Contains("--read-timeout", r.StdErr);
        }
    }
}
