using System.Linq;
using System.Threading.Tasks;
using OciMirror.Integration.Tests.Corpus;
using OciMirror.Integration.Tests.Infrastructure;
using OciMirror.Integration.Tests.Infrastructure.Security;
using Xunit;

namespace OciMirror.Integration.Tests.Security
{
    /// <summary>
    /// Blob GETs redirected to object storage on another origin (a <see cref="BlobStore"/> on its own
    /// 127.0.0.1 port, HTTPS with the same test certificate): the registry's credentials must not follow
    /// the redirect, and the pre-signed URL's signature must not reach the logs.
    /// </summary>
    [Collection(BasicAuthRegistryCollection.Name)]
    public sealed class RedirectTests
    {
        private readonly BasicAuthRegistryFixture _fixture;

        public RedirectTests(BasicAuthRegistryFixture fixture)
        {
            _fixture = fixture;
        }

        [Fact]
        public async Task Export_BlobGetsRedirectedToAnotherHost_NoAuthorizationThere_SignatureNotLogged()
        {
            await using BlobStore store = await BlobStore.StartAsync(d => CorpusSeed.Corpus.AllDigests.Contains(d) ? CorpusSeed.Corpus.Content(d).Bytes : null, _fixture.Pki.ServerCertificate);
            await using WireProxy proxy = await WireProxy.StartAsync(_fixture.Registry);
            proxy.RedirectBlobs = store.UrlOf;
            var tags = new[] { CorpusSeed.Corpus.Tag(CorpusBuilder.Alpha, "multi"), CorpusSeed.Corpus.Tag(CorpusBuilder.Gamma, "thing") };
            using var work = new TempDirectory();
            string bundle = work.Combine("bundle");

            CliResult r = await SecureFlow.ExportAsync(proxy.Host, bundle, tags, _fixture.Password + "\n",
                "--insecure", "-u", BasicAuthRegistryFixture.User, "--password-stdin", "--verbose", "--debug");

            Assert.True(r.ExitCode == 0, r + "\nregistry side:\n" + string.Join("\n", proxy.Records) + "\nstore side:\n" + string.Join("\n", store.Records));
            SecureFlow.AssertBundle(bundle, tags);
            var expectedBlobs = tags.SelectMany(t => CorpusSeed.Corpus.ClosureOf(t)).Where(CorpusSeed.Corpus.BlobDigests.Contains).ToHashSet();
            var served = store.Records.Where(q => q.Status == 200).Select(q => q.PathAndQuery.Split('?')[0].Substring("/blobs/".Length)).ToHashSet();
            Assert.True(expectedBlobs.SetEquals(served), "blobs served by the store: " + string.Join(", ", served));
            Assert.All(store.Records, q => Assert.True(q.Authorization == null, "the object store received an Authorization header: " + q));
            var redirected = proxy.Records.Where(q => q.Status == 307).ToList();
            Assert.NotEmpty(redirected);
            Assert.All(redirected, q => Assert.True(q.Authorization != null && q.Authorization.StartsWith("Basic ", System.StringComparison.Ordinal), "the registry itself should get credentials: " + q));
            Assert.DoesNotContain(BlobStore.Signature, r.StdErr + r.StdOut);
        }
    }
}
