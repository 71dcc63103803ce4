using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Operations;
using OciMirror.Core.Registry;
using OciMirror.Integration.Tests.Corpus;
using OciMirror.Integration.Tests.Infrastructure;
using OciMirror.Integration.Tests.Infrastructure.Security;
using Xunit;

namespace OciMirror.Integration.Tests.Referrers
{
    /// <summary>
    /// The same round trip of the test corpus (OCI and Docker images, indexes, artifacts) against the real
    /// distribution registry and the fake: monolithic and chunked uploads, one-pass imports that mount from
    /// staging, a no-op re-run. The fake is only trustworthy where both agree.
    /// </summary>
    public sealed class RegistryParityTests
    {
        [Theory]
        [InlineData(RegistryKind.Distribution)]
        [InlineData(RegistryKind.Fake)]
        public async Task Corpus_ExportThenImport_ChunkedAndStreamed_SameDigests(RegistryKind kind)
        {
            TestCorpus corpus = CorpusBuilder.Build();
            await using ITestRegistry source = await TestRegistry.StartAsync(kind);
            await CorpusPusher.PushAsync(corpus, source.BaseUri, default);
            using var dir = new TempDirectory();
            string bundle = dir.Combine("bundle.tgz");
            var observer = new CapturingObserver();
            OperationSummary export = await new ExportOperation(new ExportRequest
            {
                References = corpus.Tags.Select(t => t.ReferenceAt(source.Host)).ToList(),
                BundlePath = bundle,
                Source = new RegistryAccessOptions { PlainHttp = true },
            }).RunAsync(observer, CancellationToken.None);
            Assert.True(export.Failed == 0, observer.Text);

            await using ITestRegistry destination = await TestRegistry.StartAsync(kind);
            var chunked = new RegistryAccessOptions { PlainHttp = true, ChunkedUploadThreshold = 1, UploadChunkSize = 97 };
            OperationSummary first = await Import(bundle, destination.Host, chunked, observer);
            OperationSummary streamed = await Import(bundle, destination.Host + "/streamed", new RegistryAccessOptions { PlainHttp = true }, observer);
            OperationSummary again = await Import(bundle, destination.Host, chunked, observer);

            Assert.True(first.Failed == 0 && streamed.Failed == 0 && again.Failed == 0, observer.Text);
            foreach (CorpusTag tag in corpus.Tags)
            {
                Assert.Equal(tag.Digest, await RegistryProbe.ManifestDigestAsync(destination.Host, tag.Repository, tag.Tag));
                Assert.Equal(tag.Digest, await RegistryProbe.ManifestDigestAsync(destination.Host, "streamed/" + tag.Repository, tag.Tag));
            }

            Assert.Equal(0, again.BytesCopied);
            if (destination is Infrastructure.Fake.FakeRegistry fake)
            {
                // The paths exercised: chunked PATCH uploads and cross-repository mounts from staging.
                Assert.Contains(fake.Requests, r => r.Method == "PATCH" && r.Status == 202);
                Assert.Contains(fake.Requests, r => r.Method == "POST" && r.PathAndQuery.Contains("mount=", System.StringComparison.Ordinal) && r.Status == 201);
            }
        }

        private static Task<OperationSummary> Import(string bundle, string destination, RegistryAccessOptions access, CapturingObserver observer) =>
            new ImportOperation(new ImportRequest { BundlePath = bundle, Destination = destination, Target = access }).RunAsync(observer, CancellationToken.None);
    }
}
