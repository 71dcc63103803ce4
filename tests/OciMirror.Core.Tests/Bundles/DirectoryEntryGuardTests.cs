using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Errors;
using OciMirror.Core.Layout;
using OciMirror.Core.Model;
using OciMirror.Core.Operations;
using OciMirror.Core.Tests.Archive;
using OciMirror.Core.Tests.TestDoubles;
using Xunit;

namespace OciMirror.Core.Tests.Bundles
{
    /// <summary>
    /// Issue 7 items 13, 14 (the disk side) and 15 (index.json): a directory bundle's entries are examined before
    /// anything is read. A symbolic link (to a host file, to another store's blobs), a directory where a file
    /// belongs, a FIFO as a blob or as index.json are refused naming the entry — verify reports them, ls and
    /// import refuse them — without reading through them (the linked file's size and hash appear nowhere, its
    /// bytes reach no registry) and without blocking; an index.json over 4 MiB is refused before it is read.
    /// Real links and FIFOs, so these run where the OS has them (Linux in CI; links need privileges on Windows).
    /// </summary>
    public sealed class DirectoryEntryGuardTests : IDisposable
    {
        /// <summary>
        /// A hang guard only, never an assertion: a blocked open(2) of a FIFO ignores cancellation, so each
        /// operation runs on the pool and the test stops waiting (and fails) instead of hanging the run.
        /// </summary>
        private static readonly TimeSpan HangGuard = TimeSpan.FromMinutes(2);

        private static readonly byte[] Secret = Encoding.ASCII.GetBytes("root:$6$host-secret-that-must-never-leave:19000:0:99999:7:::\n");

        private readonly string _dir = ArchiveTestUtil.TempDir();
        private readonly RecordingObserver _observer = new RecordingObserver();

        public void Dispose() => Directory.Delete(_dir, recursive: true);

        private static string SecretDigest => Digest.Compute(Secret).ToString();

        private (string Root, TestBundle Bundle, Descriptor Good, Descriptor Victim, Descriptor Layer) Layout()
        {
            var (b, good, victim) = HostileCase.TwoImages();
            Descriptor layer = HostileCase.VictimLayer(b, victim);
            return (b.ToDirectory(Path.Combine(_dir, "bundle")), b, good, victim, layer);
        }

        private string SecretFile()
        {
            string path = Path.Combine(_dir, "host-secret");
            File.WriteAllBytes(path, Secret);
            return path;
        }

        private static void MakeFifo(string path)
        {
            File.Delete(path);
            var (code, _, err) = ArchiveTestUtil.Run("mkfifo", path);
            Assert.True(code == 0, err);
        }

        /// <summary>A symbolic link made by ln(1), so that the test also runs where the BCL cannot make one (.NET Framework on Mono).</summary>
        private static void Link(string link, string target)
        {
            var (code, _, err) = ArchiveTestUtil.Run("ln", $"-s {target} {link}");
            Assert.True(code == 0, err);
        }

        private static string BlobPath(string root, Descriptor d) => Path.Combine(root, "blobs", d.Digest.Algorithm, d.Digest.Encoded);

        private static Task<T> Guarded<T>(Func<Task<T>> operation) => Task.Run(operation).WaitAsync(HangGuard);

        private Task<BundleVerifyReport> VerifyAsync(string root) =>
            Guarded(() => new BundleVerifyOperation(new BundleRequest { BundlePath = root }).RunAsync(_observer, CancellationToken.None));

        private Task<IReadOnlyList<BundleArtifactInfo>> ListAsync(string root) =>
            Guarded(() => new BundleListOperation(new BundleRequest { BundlePath = root }).RunAsync(_observer, CancellationToken.None));

        private Task<OperationSummary> ImportAsync(string root, MemoryRegistry registry) =>
            Guarded(() => new ImportOperation(new ImportRequest { BundlePath = root, Destination = "registry.local/m" }, registry).RunAsync(_observer, CancellationToken.None));

        private async Task<(BundleVerifyReport Verify, OciException List, OperationSummary Import, MemoryRegistry Registry)> RunAllAsync(string root)
        {
            BundleVerifyReport verify = await VerifyAsync(root);
            OciException list = await Assert.ThrowsAsync<OciException>(() => ListAsync(root));
            var registry = new MemoryRegistry();
            OperationSummary import = await ImportAsync(root, registry);
            return (verify, list, import, registry);
        }

        private void AssertNothingDisclosed(BundleVerifyReport verify, OciException list, OperationSummary import)
        {
            IEnumerable<string> texts = verify.LayoutProblems.Concat(verify.BadBlobs.Select(p => p.Message)).Append(list.Message)
                .Concat(import.Results.Where(r => r.Error != null).Select(r => r.Error!.Message)).Concat(_observer.Logs);
            Assert.All(texts, t => Assert.DoesNotContain(SecretDigest.Substring(7, 16), t));
            Assert.All(texts, t => Assert.DoesNotContain(Secret.Length + " bytes", t));
        }

        [Fact]
        public async Task BlobLinkedToAHostFile_IsRefusedNamingTheEntry_NothingReadOrPushedThroughIt()
        {
            var (root, _, good, victim, layer) = Layout();
            string blob = BlobPath(root, layer);
            File.Delete(blob);
            Link(blob, SecretFile());
            string entry = "blobs/sha256/" + layer.Digest.Encoded;

            var (verify, list, import, registry) = await RunAllAsync(root);

            Assert.False(verify.IsValid);
            Assert.Contains(verify.LayoutProblems, p => p.Contains(entry) && p.Contains("symbolic link"));
            Assert.True(verify.Artifacts.Single(a => a.Reference == "docker.io/team/good:1").IsValid);
            Assert.Equal(OciErrorKind.InvalidLayout, list.Kind);
            Assert.Contains(entry, list.Message);
            ArtifactResult failed = import.Results.Single(r => r.Status == ArtifactStatus.Failed);
            Assert.Equal("docker.io/team/victim:1", failed.Input);
            Assert.Equal(OciErrorKind.InvalidLayout, failed.Error!.Kind);
            Assert.Contains(entry, failed.Error.Message);
            Assert.Contains("regular file", failed.Error.RecommendedAction);
            Assert.Equal(ArtifactStatus.Copied, import.Results.Single(r => r.Input == "docker.io/team/good:1").Status);
            Assert.All(registry.AllRepositories(), r => Assert.False(r.Has(layer.Digest) || r.Has(Digest.Compute(Secret))));
            AssertNothingDisclosed(verify, list, import);
        }

        [Theory]
        [InlineData("index.json")]
        [InlineData("oci-layout")]
        public async Task LayoutFileThatIsALink_IsRefused(string name)
        {
            var (root, _, _, _, _) = Layout();
            string target = Path.Combine(_dir, "elsewhere-" + name);
            File.Move(Path.Combine(root, name), target);
            Link(Path.Combine(root, name), target);

            BundleVerifyReport verify = await VerifyAsync(root);
            OciException list = await Assert.ThrowsAsync<OciException>(() => ListAsync(root));
            OciException import = await Assert.ThrowsAsync<OciException>(() => ImportAsync(root, new MemoryRegistry()));

            Assert.Contains(verify.LayoutProblems, p => p.Contains("'" + name + "'") && p.Contains("symbolic link"));
            Assert.DoesNotContain(verify.LayoutProblems, p => p.Contains("has no " + name));
            Assert.All(new[] { list, import }, e => Assert.Equal(OciErrorKind.InvalidLayout, e.Kind));
            Assert.All(new[] { list, import }, e => Assert.Contains("'" + name + "'", e.Message));
        }

        [Fact]
        public async Task AlgorithmFolderLinkedToAnotherStore_IsRefused()
        {
            var (root, _, _, _, _) = Layout();
            string other = Path.Combine(_dir, "other-store");
            Directory.Move(Path.Combine(root, "blobs", "sha256"), other);
            Link(Path.Combine(root, "blobs", "sha256"), other);

            BundleVerifyReport verify = await VerifyAsync(root);
            OciException list = await Assert.ThrowsAsync<OciException>(() => ListAsync(root));
            var registry = new MemoryRegistry();
            OciException import = await Assert.ThrowsAsync<OciException>(() => ImportAsync(root, registry));

            Assert.Contains(verify.LayoutProblems, p => p.Contains("'blobs/sha256/'") && p.Contains("symbolic link"));
            Assert.Equal(0, verify.BlobsChecked);
            Assert.Contains("'blobs/sha256/'", list.Message);
            Assert.Contains("'blobs/sha256/'", import.Message); // every blob is reached through the link: the store is refused
            Assert.Empty(registry.AllRepositories());
        }

        [Fact]
        public async Task FifoAsABlob_AndAsIndexJson_NeverBlocks_AndIsRefused()
        {
            var (root, _, _, _, layer) = Layout();
            MakeFifo(BlobPath(root, layer));

            var (verify, list, import, _) = await RunAllAsync(root);

            Assert.Contains(verify.LayoutProblems, p => p.Contains(layer.Digest.Encoded) && p.Contains("named pipe"));
            Assert.Contains("named pipe", list.Message);
            Assert.Equal(1, import.Failed);
            Assert.Contains("named pipe", import.Results.Single(r => r.Status == ArtifactStatus.Failed).Error!.Message);

            MakeFifo(Path.Combine(root, "index.json"));
            BundleVerifyReport again = await VerifyAsync(root);
            Assert.Contains(again.LayoutProblems, p => p.Contains("'index.json'") && p.Contains("named pipe"));
            OciException importError = await Assert.ThrowsAsync<OciException>(() => ImportAsync(root, new MemoryRegistry()));
            Assert.Contains("'index.json'", importError.Message);
        }

        [Fact]
        public async Task DirectoryWhereABlobBelongs_IsRefused()
        {
            var (root, _, _, _, layer) = Layout();
            File.Delete(BlobPath(root, layer));
            Directory.CreateDirectory(BlobPath(root, layer));

            var (verify, list, import, _) = await RunAllAsync(root);

            Assert.Contains(verify.LayoutProblems, p => p.Contains(layer.Digest.Encoded) && p.Contains("a directory where the OCI layout has a file"));
            Assert.Contains("a directory where the OCI layout has a file", list.Message);
            Assert.Equal(1, import.Failed);
        }

        [Fact]
        public async Task IndexJsonOver4MiB_IsRefusedBeforeItIsRead_InVerifyLsAndImport()
        {
            var (root, b, _, _, _) = Layout();
            string index = Encoding.UTF8.GetString(b.IndexJson);
            File.WriteAllText(Path.Combine(root, "index.json"), index.Insert(index.Length - 1, ",\"padding\":\"" + new string('x', (int)OciLimits.MaxManifestBytes) + "\""));

            BundleVerifyReport verify = await new BundleVerifyOperation(new BundleRequest { BundlePath = root }).RunAsync(_observer, CancellationToken.None);
            OciException list = await Assert.ThrowsAsync<OciException>(() => new BundleListOperation(new BundleRequest { BundlePath = root }).RunAsync(_observer, CancellationToken.None));
            OciException import = await Assert.ThrowsAsync<OciException>(() => new ImportOperation(new ImportRequest { BundlePath = root, Destination = "registry.local/m" }, new MemoryRegistry()).RunAsync(_observer, CancellationToken.None));

            Assert.Contains(verify.LayoutProblems, p => p.Contains("index.json") && p.Contains("over the 4194304-byte limit"));
            Assert.All(new[] { list, import }, e => Assert.Equal(OciErrorKind.ContentTooLarge, e.Kind));
            Assert.Contains("over the 4194304-byte limit", import.Message);
        }

        [Fact]
        public async Task EmptyBlob_IsReadWithoutOpeningIt_AndVerifies()
        {
            var b = new TestBundle();
            Descriptor empty = Fixtures.Put(b.Content, MediaTypes.OciLayerTarGzip, Array.Empty<byte>());
            Descriptor root = Fixtures.Image(b.Content, Fixtures.Config(b.Content, "e"), new[] { empty });
            b.AddRoot(root, "docker.io/team/empty:1", "1");
            string dir = b.ToDirectory(Path.Combine(_dir, "bundle"));

            BundleVerifyReport verify = await new BundleVerifyOperation(new BundleRequest { BundlePath = dir }).RunAsync(_observer, CancellationToken.None);
            var registry = new MemoryRegistry();
            OperationSummary import = await new ImportOperation(new ImportRequest { BundlePath = dir, Destination = "registry.local/m" }, registry).RunAsync(_observer, CancellationToken.None);

            Assert.True(verify.IsValid, string.Join("; ", verify.LayoutProblems));
            Assert.Equal(1, import.Copied);
            Assert.True(registry.Repository("registry.local/m/team/empty").Has(empty.Digest));
        }

        [Fact]
        public void Probe_TellsRegularFilesFromLinksFifosAndDirectories()
        {
            string file = SecretFile();
            string link = Path.Combine(_dir, "link");
            Link(link, file);
            string dangling = Path.Combine(_dir, "dangling");
            Link(dangling, Path.Combine(_dir, "nowhere"));
            string fifo = Path.Combine(_dir, "fifo");
            MakeFifo(fifo);

            Assert.True(FileTypeProbe.IsExact);
            Assert.Equal(FileType.Regular, FileTypeProbe.Of(file));
            Assert.Equal(FileType.SymbolicLink, FileTypeProbe.Of(link));
            Assert.Equal(FileType.SymbolicLink, FileTypeProbe.Of(dangling));
            Assert.Equal(FileType.Special, FileTypeProbe.Of(fifo));
            Assert.Equal(FileType.Special, FileTypeProbe.Of("/dev/null"));
            Assert.Equal(FileType.Directory, FileTypeProbe.Of(_dir));
            Assert.Equal(FileType.Missing, FileTypeProbe.Of(Path.Combine(_dir, "absent")));
        }
    }
}
