using System.Linq;
using System.Threading.Tasks;
using OciMirror.Integration.Tests.Corpus;
using OciMirror.Integration.Tests.Infrastructure;
using Xunit;

namespace OciMirror.Integration.Tests
{
    /// <summary>The fixture itself: registry A holds the corpus exactly as built (no OciMirror code involved).</summary>
    [Collection(RegistryCollection.Name)]
    public sealed class CorpusOracleTests
    {
        private readonly CorpusFixture _fixture;

        public CorpusOracleTests(CorpusFixture fixture)
        {
            _fixture = fixture;
        }

        [Fact]
        public void Corpus_HasTheShapesTheTestsNeed()
        {
            TestCorpus corpus = _fixture.Corpus;
            Assert.True(corpus.Repositories.Count() >= 3);
            Assert.True(corpus.Tags.Count >= 8);
            string baseLayer = corpus.Uploads.First(u => !u.IsManifest && u.Content.MediaType.Contains("layer")).Content.Digest;
            var images = corpus.Tags.Where(t => !t.Repository.EndsWith("gamma") && t.Tag != "sig").ToList();
            Assert.All(images, t => Assert.Contains(baseLayer, corpus.ClosureOf(t)));
            var rootTypes = corpus.Tags.Select(t => t.Root.MediaType).Distinct().ToList();
            Assert.Contains("application/vnd.oci.image.index.v1+json", rootTypes);
            Assert.Contains("application/vnd.docker.distribution.manifest.list.v2+json", rootTypes);
            Assert.Contains("application/vnd.docker.distribution.manifest.v2+json", rootTypes);
            Assert.Contains("application/vnd.oci.image.manifest.v1+json", rootTypes);
        }

        [Fact]
        public async Task RegistryA_ResolvesEveryTagToTheBuiltDigest()
        {
            foreach (CorpusTag tag in _fixture.Corpus.Tags)
            {
                string? digest = await RegistryProbe.ManifestDigestAsync(_fixture.Registry.Host, tag.Repository, tag.Tag);
                Assert.Equal(tag.Digest, digest);
            }
        }
    }
}
