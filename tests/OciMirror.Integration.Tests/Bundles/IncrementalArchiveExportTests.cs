using System.Linq;
using System.Threading.Tasks;
using OciMirror.Integration.Tests.Corpus;
using OciMirror.Integration.Tests.Infrastructure;
using Xunit;

namespace OciMirror.Integration.Tests.Bundles
{
    /// <summary>Exporting into an existing .tar/.tgz: present references download nothing, new ones only their missing blobs.</summary>
    [Collection(RegistryCollection.Name)]
    public sealed class IncrementalArchiveExportTests
    {
        private readonly CorpusFixture _fixture;

        public IncrementalArchiveExportTests(CorpusFixture fixture)
        {
            _fixture = fixture;
        }

        [Theory]
        [InlineData("bundle.tar")]
        [InlineData("bundle.tgz")]
        public async Task SecondRunDownloadsNothing_AddedReferenceAddsOnlyItsMissingBlobs(string fileName)
        {
            TestCorpus corpus = _fixture.Corpus;
            await using var proxy = new RecordingProxy(_fixture.Registry.BaseUri);
            using var temp = new TempDirectory();
            string archive = temp.Combine(fileName);
            // v1 and v2 of beta share the base layer and the app layer; v2 adds its own.
            CorpusTag first = corpus.Tag(CorpusBuilder.Beta, "v1");
            CorpusTag added = corpus.Tag(CorpusBuilder.Beta, "v2");
            Assert.NotEmpty(corpus.ClosureOf(first).Intersect(corpus.ClosureOf(added)).Intersect(corpus.BlobDigests)); // the test means something

            CliResult one = await CliRunner.RunAsync("export", "-o", archive, "--plain-http", first.ReferenceAt(proxy.Host));
            Assert.True(one.ExitCode == 0, one.ToString());
            proxy.ClearRequests();

            CliResult again = await CliRunner.RunAsync("export", "-o", archive, "--plain-http", "--json", "--verbose", first.ReferenceAt(proxy.Host));

            Assert.True(again.ExitCode == 0, again.ToString());
            Assert.Empty(proxy.BlobGets);
            Assert.Empty(again.LoggedBlobGets);
            Assert.Equal("skipped", Assert.Single(again.JsonLines).GetProperty("status").GetString());
            await ArchiveInspector.AssertBundleEntriesAsync(archive, corpus.ClosureOf(first));
            proxy.ClearRequests();

            CliResult more = await CliRunner.RunAsync("export", "-o", archive, "--plain-http", "--json", first.ReferenceAt(proxy.Host), added.ReferenceAt(proxy.Host));

            Assert.True(more.ExitCode == 0, more.ToString());
            var expectedGets = corpus.ClosureOf(added).Except(corpus.ClosureOf(first)).Intersect(corpus.BlobDigests).OrderBy(d => d);
            Assert.Equal(expectedGets, proxy.BlobGets.OrderBy(d => d));
            await ArchiveInspector.AssertBundleEntriesAsync(archive, corpus.ClosureOf(first).Union(corpus.ClosureOf(added)));
            string extracted = await ArchiveInspector.ExtractAsync(archive, temp);
            Assert.Empty(BundleInspector.BlobProblems(extracted));
            Assert.Equal(new[] { first.ReferenceAt(proxy.Host), added.ReferenceAt(proxy.Host) }.OrderBy(r => r), BundleInspector.ImageNames(extracted).OrderBy(r => r));
        }
    }
}
