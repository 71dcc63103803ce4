using System;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Content;
using OciMirror.Core.Errors;
using OciMirror.Core.Model;
using OciMirror.Core.Operations;
using OciMirror.Core.Tests.Archive;
using OciMirror.Core.Tests.TestDoubles;
using Xunit;

namespace OciMirror.Core.Tests.Bundles
{
    /// <summary>
    /// Issue 7.18 (and 7.11 for streams): a one-pass import pushes the blobs of an archive OciMirror wrote
    /// straight into their repositories (each blob entry names it), so no staging repository is used;
    /// blobs of other archives are staged, the summary names where, and nothing that no manifest names is
    /// uploaded past the staging limit. A stream import reports what it moved.
    /// </summary>
    public sealed class OnePassImportTests : IDisposable
    {
        private readonly ArchiveExportKit _kit = new ArchiveExportKit();

        public void Dispose() => _kit.Dispose();

        [Fact]
        public async Task AnArchiveOciMirrorWrote_IsImportedWithoutStaging_AndReportsTheSameBytesAsADirectory()
        {
            Assert.Equal(4, (await _kit.ExportAsync("bundle.tgz", ArchiveExportKit.All)).Copied);
            Assert.Equal(4, (await _kit.ExportAsync("bundle", ArchiveExportKit.All)).Copied);
            var streamed = new MemoryRegistry();
            var fromDirectory = new MemoryRegistry();

            OperationSummary stream;
            using (FileStream input = File.OpenRead(_kit.PathOf("bundle.tgz")))
            {
                stream = await ImportAsync(streamed, new ImportRequest { BundlePath = "-", InputStream = input, Destination = "dest.local" });
            }

            OperationSummary directory = await ImportAsync(fromDirectory, new ImportRequest { BundlePath = _kit.PathOf("bundle"), Destination = "dest.local" });

            Assert.Equal(4, stream.Copied);
            Assert.Null(stream.StagingRepository);
            Assert.Empty(streamed.Repository("dest.local/ocimirror-staging").Digests);
            Assert.Equal(directory.BytesCopied, stream.BytesCopied);
            Assert.True(stream.BytesCopied >= _kit.Big.Size);
            foreach (string name in new[] { "app", "other", "multi" })
            {
                Assert.Equal(fromDirectory.Repository("dest.local/" + name).Digests.OrderBy(d => d.ToString()), streamed.Repository("dest.local/" + name).Digests.OrderBy(d => d.ToString()));
            }
        }

        [Fact]
        public async Task OnlySomeEntriesAskedFor_BlobsOfOtherRepositoriesAreNotPushedThere()
        {
            await _kit.ExportAsync("bundle.tgz", ArchiveExportKit.All);
            var registry = new MemoryRegistry();

            OperationSummary summary;
            using (FileStream input = File.OpenRead(_kit.PathOf("bundle.tgz")))
            {
                summary = await ImportAsync(registry, new ImportRequest { BundlePath = "-", InputStream = input, Destination = "dest.local", References = new[] { ArchiveExportKit.Other } });
            }

            Assert.Equal(1, summary.Copied);
            Assert.Null(registry.Find("dest.local", "app"));
            Assert.Null(registry.Find("dest.local", "multi"));
            Assert.Equal(_kit.OtherRoot.Digest, (await registry.Repository("dest.local/other").ResolveAsync("latest", default)).Digest);
        }

        [Fact]
        public async Task AForeignArchive_IsStaged_AndTheSummaryNamesTheStagingRepository()
        {
            var b = new TestBundle();
            b.AddImage("app", "docker.io/team/app:v1", "v1");
            var registry = new MemoryRegistry();
            var observer = new RecordingObserver();

            OperationSummary summary = await ImportAsync(registry, new ImportRequest { BundlePath = "-", InputStream = new MemoryStream(b.ToTgz()), Destination = "dest.local" }, observer);

            Assert.Equal(1, summary.Copied);
            Assert.Equal("dest.local/ocimirror-staging", summary.StagingRepository);
            Assert.Contains(observer.Logs, l => l.Contains("staging repository dest.local/ocimirror-staging"));
        }

        [Fact]
        public async Task ABlobNothingNames_IsNotUploadedPastTheLimit_AndTheArtifactsAreImported()
        {
            var b = new TestBundle();
            b.AddImage("app", "docker.io/team/app:v1", "v1");
            byte[] bomb = ArchiveTestUtil.Pattern(3 * 1024 * 1024, seed: 3);
            Digest orphan = Digest.Compute(bomb);
            b.Blobs.Insert(0, new TestBundle.Entry(TestBundle.BlobName(orphan), bomb));
            var registry = new MemoryRegistry();

            OperationSummary summary = await ImportAsync(registry, new ImportRequest { BundlePath = "-", InputStream = new MemoryStream(b.ToTgz()), Destination = "dest.local", StagingLimit = 1024 * 1024 });

            Assert.Equal(1, summary.Copied);
            Assert.False(registry.Repository("dest.local/ocimirror-staging").Has(orphan));
            Assert.True(summary.BytesCopied < bomb.Length);
        }

        [Fact]
        public async Task ABlobPastTheLimit_ThatAnArtifactNeeds_FailsItSayingWhatToDo()
        {
            var b = new TestBundle();
            Descriptor large = b.AddLargeImage("large", 2 * 1024 * 1024);
            TestBundle.Entry manifest = b.Blob(large.Digest);
            b.Blobs.Remove(manifest);
            b.Blobs.Add(manifest); // children before parents, as OciMirror writes: the layer arrives before anything names it
            b.AddImage("small", "docker.io/library/small:1", "1");
            var registry = new MemoryRegistry();

            OperationSummary summary = await ImportAsync(registry, new ImportRequest { BundlePath = "-", InputStream = new MemoryStream(b.ToTgz()), Destination = "dest.local", StagingLimit = 1024 * 1024 });

            ArtifactResult failed = summary.Results.Single(r => r.Status == ArtifactStatus.Failed);
            Assert.Equal("docker.io/library/large:1", failed.Input);
            Assert.Contains("staging limit of 1.0 MiB", failed.Error!.Message);
            Assert.Contains("--staging-limit", failed.Error.RecommendedAction);
            Assert.Equal(1, summary.Copied);
            Assert.False(registry.Repository("dest.local/library/large").Has(large.Digest));
        }

        private static Task<OperationSummary> ImportAsync(MemoryRegistry registry, ImportRequest request, RecordingObserver? observer = null) =>
            new ImportOperation(request, registry).RunAsync(observer ?? new RecordingObserver(), CancellationToken.None);
    }
}
