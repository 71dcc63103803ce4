using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using OciMirror.Integration.Tests.Corpus;
using OciMirror.Integration.Tests.Infrastructure;
using Xunit;

namespace OciMirror.Integration.Tests.Bundles
{
    /// <summary>
    /// Issue 7 item 17 and issue 10: an export stopped while one artifact has finished and another is
    /// still downloading (its blob stalls at the proxy). SIGTERM cleans up like Ctrl+C, exits 143 and keeps
    /// what finished, and prints exactly that (an archive's results come once it is finished); after SIGKILL
    /// the next run reuses what the killed one downloaded and leaves no debris. One artifact at a time
    /// (<c>--concurrency 1</c>): when the second one stalls, the first has finished (an archive reports
    /// nothing before it is complete, so its output cannot be the signal).
    /// </summary>
    [Collection(RegistryCollection.Name)]
    public sealed class InterruptedExportTests
    {
        private readonly CorpusFixture _fixture;

        public InterruptedExportTests(CorpusFixture fixture)
        {
            _fixture = fixture;
        }

        private CorpusTag Finished => _fixture.Corpus.Tag(CorpusBuilder.Alpha, "oci-1");

        private CorpusTag InFlight => _fixture.Corpus.Tag(CorpusBuilder.Gamma, "thing");

        [Theory]
        [InlineData("bundle.tar")]
        [InlineData("bundle.tgz")]
        [InlineData("bundle")]
        public async Task Sigterm_Exits143_TheBundleNamesWhatFinished_AndNoTemporaryFileRemains(string name)
        {
            await using var proxy = new RecordingProxy(_fixture.Registry.BaseUri) { StallBlobDigest = StalledBlob() };
            using var temp = new TempDirectory();
            string bundle = temp.Combine(name);
            using CliChild export = CliChild.Start(temp.Path, "export", "-o", bundle, "--plain-http", "--json", "--concurrency", "1", Finished.ReferenceAt(proxy.Host), InFlight.ReferenceAt(proxy.Host));
            await WhenFinishedIsReportedAndTheOtherStallsAsync(export, proxy);

            await export.SignalAsync("TERM");
            int code = await export.WaitAsync();

            Assert.True(code == 143, export.ToString());
            Assert.Contains("cancelled", export.StdErr, StringComparison.Ordinal);
            Assert.Contains(Finished.Digest, export.StdOut, StringComparison.Ordinal); // reported: it is in the bundle
            Assert.DoesNotContain(InFlight.Digest, export.StdOut, StringComparison.Ordinal);
            string dir = Directory.Exists(bundle) ? bundle : await ArchiveInspector.ExtractAsync(bundle, temp);
            Assert.Equal(new[] { Finished.ReferenceAt(proxy.Host) }, BundleInspector.ImageNames(dir));
            Assert.Empty(BundleInspector.BlobProblems(dir));
            Assert.Superset(_fixture.Corpus.ClosureOf(Finished).ToHashSet(), BundleInspector.BlobDigests(dir).ToHashSet());
            AssertNoDebris(temp.Path, bundle);
        }

        [Theory]
        [InlineData("bundle.tar")]
        [InlineData("bundle.tgz")]
        [InlineData("bundle")]
        public async Task AfterSigkill_TheRerunDownloadsOnlyWhatWasMissing_AndLeavesNoDebris(string name)
        {
            await using var proxy = new RecordingProxy(_fixture.Registry.BaseUri) { StallBlobDigest = StalledBlob() };
            using var temp = new TempDirectory();
            string bundle = temp.Combine(name);
            string[] args = { "export", "-o", bundle, "--plain-http", "--json", "--verbose", "--concurrency", "1", Finished.ReferenceAt(proxy.Host), InFlight.ReferenceAt(proxy.Host) };
            using (CliChild killed = CliChild.Start(temp.Path, args))
            {
                await WhenFinishedIsReportedAndTheOtherStallsAsync(killed, proxy);
                killed.KillHard();
                await killed.WaitAsync();
            }

            string[] debris = Directory.Exists(bundle)
                ? Directory.GetFiles(Path.Combine(bundle, "ingest"))
                : Directory.GetFiles(temp.Path, "." + name + ".*.tmp");
            Assert.NotEmpty(debris); // what a kill leaves: the stalled blob's ingest file, or the temporary archive

            // A later run: the debris is older than the run by more than the 3 s margin (StaleFiles.MinimumAge).
            foreach (string file in debris)
            {
                File.SetLastWriteTimeUtc(file, DateTime.UtcNow.AddMinutes(-1));
            }

            proxy.StallBlobDigest = null;
            proxy.ClearRequests();
            CliResult rerun = await CliRunnerInChild(temp.Path, args);

            Assert.True(rerun.ExitCode == 0, rerun.ToString());
            string dir = Directory.Exists(bundle) ? bundle : await ArchiveInspector.ExtractAsync(bundle, temp);
            Assert.Equal(new[] { Finished.ReferenceAt(proxy.Host), InFlight.ReferenceAt(proxy.Host) }.OrderBy(r => r, StringComparer.Ordinal), BundleInspector.ImageNames(dir).OrderBy(r => r, StringComparer.Ordinal));
            Assert.Empty(BundleInspector.BlobProblems(dir));
            var finishedBlobs = _fixture.Corpus.ClosureOf(Finished).Intersect(_fixture.Corpus.BlobDigests).Except(_fixture.Corpus.ClosureOf(InFlight)).ToList();
            Assert.NotEmpty(finishedBlobs);
            Assert.True(!proxy.BlobGets.Intersect(finishedBlobs).Any(), "downloaded by the killed run, and again:\n" + rerun);
            AssertNoDebris(temp.Path, bundle);
            if (!Directory.Exists(bundle))
            {
                Assert.Contains("Resuming an interrupted export", rerun.StdErr, StringComparison.Ordinal);
            }
        }

        /// <summary>No temporary archive, spool or lock file next to the bundle; no ingest/ file or hidden file in a directory bundle.</summary>
        private static void AssertNoDebris(string parent, string bundle)
        {
            Assert.DoesNotContain(Directory.GetFileSystemEntries(parent), f => Path.GetFileName(f).StartsWith(".", StringComparison.Ordinal));
            if (Directory.Exists(bundle))
            {
                Assert.DoesNotContain(BundleInspector.Files(bundle), f => f.StartsWith(".", StringComparison.Ordinal) || f.StartsWith("ingest/", StringComparison.Ordinal));
            }
        }

        /// <summary>A blob of the in-flight artifact that the finished one does not have.</summary>
        private string StalledBlob() =>
            _fixture.Corpus.ClosureOf(InFlight).Intersect(_fixture.Corpus.BlobDigests).Except(_fixture.Corpus.ClosureOf(Finished)).OrderByDescending(d => _fixture.Corpus.Content(d).Size).First();

        private async Task WhenFinishedIsReportedAndTheOtherStallsAsync(CliChild export, RecordingProxy proxy)
        {
            Task stalled = await Task.WhenAny(proxy.StallReached, export.WaitAsync());
            Assert.True(stalled == proxy.StallReached, "the second artifact never reached its stalled blob\n" + export);
        }

        private static async Task<CliResult> CliRunnerInChild(string workingDirectory, string[] args)
        {
            using CliChild child = CliChild.Start(workingDirectory, args);
            int code = await child.WaitAsync();
            return new CliResult(args, code, child.StdOut, child.StdErr);
        }
    }
}
