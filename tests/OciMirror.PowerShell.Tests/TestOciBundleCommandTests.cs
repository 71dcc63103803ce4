using System.Management.Automation;
using System.Threading.Tasks;
using OciMirror.Core.Errors;
using OciMirror.Core.Operations;
using OciMirror.PowerShell.Commands;
using OciMirror.PowerShell.Tests.TestSupport;
using Xunit;

namespace OciMirror.PowerShell.Tests
{
    public class TestOciBundleCommandTests
    {
        private const string Bad = "sha256:bad0";

        private readonly FakeSink _sink = new FakeSink();
        private readonly FakeEngine _engine = new FakeEngine();

        public TestOciBundleCommandTests()
        {
            _sink.ExistingPaths.Add("/fs/good.tar");
            _sink.ExistingPaths.Add("/fs/bad.tgz");
            _engine.VerifyBundle = (request, _, _) => Task.FromResult(request.BundlePath == "/fs/bad.tgz" ? Damaged(request.BundlePath) : Valid(request.BundlePath));
        }

        [Fact]
        public void Writes_one_Boolean_per_bundle_and_the_reasons_as_verbose()
        {
            TestOciBundleCommand cmdlet = NewCmdlet("good.tar", "bad.tgz");

            cmdlet.Verify(detailed: false);

            Assert.Equal(new object[] { true, false }, _sink.Objects);
            Assert.Equal(new[] { "/fs/good.tar", "/fs/bad.tgz" }, _engine.VerifyRequests.ConvertAll(r => r.BundlePath));
            Assert.Contains(_sink.Verbose, v => v.Contains("blobs/sha256/bad0 does not hash to its name"));
            Assert.Contains(_sink.Verbose, v => v.Contains("index.json: unexpected entry 'extra/file'"));
            Assert.Empty(_sink.Errors);
        }

        [Fact]
        public void Detailed_writes_a_check_per_entry_then_a_problem_per_bad_blob_and_layout_problem()
        {
            TestOciBundleCommand cmdlet = NewCmdlet("bad.tgz");

            cmdlet.Verify(detailed: true);

            Assert.Equal(4, _sink.Objects.Count);
            var ok = Assert.IsType<OciBundleCheck>(_sink.Objects[0]);
            Assert.Equal(("/fs/bad.tgz", "docker.io/library/nginx:1.27", "sha256:aa", true), (ok.Path, ok.Reference, ok.Digest, ok.IsValid));
            Assert.Empty(ok.BadBlob);
            var damaged = Assert.IsType<OciBundleCheck>(_sink.Objects[1]);
            Assert.False(damaged.IsValid);
            Assert.Equal(new[] { Bad }, damaged.BadBlob);
            var blob = Assert.IsType<OciBundleBlobProblem>(_sink.Objects[2]);
            Assert.Equal(("/fs/bad.tgz", Bad, "DigestMismatch", "blobs/sha256/bad0"), (blob.Path, blob.Digest, blob.Kind, blob.Location));
            Assert.Contains("does not hash", blob.Message);
            var layout = Assert.IsType<OciBundleBlobProblem>(_sink.Objects[3]);
            Assert.Equal("Layout", layout.Kind);
            Assert.Null(layout.Digest);
            Assert.Contains("extra/file", layout.Message);
        }

        [Fact]
        public void A_bundle_piped_several_times_is_verified_once()
        {
            TestOciBundleCommand cmdlet = NewCmdlet("good.tar");
            cmdlet.Verify(detailed: false);
            cmdlet.Path = new[] { "good.tar" };
            cmdlet.Verify(detailed: false);

            Assert.Single(_engine.VerifyRequests);
            Assert.Equal(new object[] { true }, _sink.Objects);
        }

        [Fact]
        public void A_missing_path_is_a_terminating_error()
        {
            TestOciBundleCommand cmdlet = NewCmdlet("nowhere.tar");

            TerminatingErrorException e = Assert.Throws<TerminatingErrorException>(() => cmdlet.Verify(detailed: false));

            Assert.Equal("OciPathNotFound", e.Error.ErrorId);
            Assert.Equal(ErrorCategory.ObjectNotFound, e.Error.Category);
            Assert.Equal("nowhere.tar", e.Error.TargetObject);
            Assert.Empty(_engine.VerifyRequests);
            Assert.Empty(_sink.Objects);
        }

        [Fact]
        public void An_unreadable_bundle_is_a_terminating_error_not_false()
        {
            _engine.VerifyBundle = (request, _, _) => Task.FromException<BundleVerifyReport>(
                new OciException(OciErrorKind.InvalidLayout, $"'{request.BundlePath}' is neither a directory, a tar nor a gzip stream.") { Path = request.BundlePath });
            TestOciBundleCommand cmdlet = NewCmdlet("good.tar");

            TerminatingErrorException e = Assert.Throws<TerminatingErrorException>(() => cmdlet.Verify(detailed: false));

            Assert.Equal("OciInvalidLayout", e.Error.ErrorId);
            Assert.Equal(ErrorCategory.InvalidData, e.Error.Category);
            Assert.Equal("/fs/good.tar", e.Error.TargetObject);
            Assert.Empty(_sink.Objects);
        }

        [Fact]
        public void Progress_of_the_hashing_is_shown_and_completed()
        {
            _engine.VerifyBundle = (request, observer, _) =>
            {
                observer.OnProgress(new ProgressSnapshot("Verifying", "blobs", 50, 100, 0, 0, completed: false));
                return Task.FromResult(Valid(request.BundlePath));
            };
            TestOciBundleCommand cmdlet = NewCmdlet("good.tar");

            cmdlet.Verify(detailed: false);

            Assert.Contains(_sink.Progress, p => !p.Completed);
            Assert.True(_sink.Progress[_sink.Progress.Count - 1].Completed);
        }

        private static BundleVerifyReport Valid(string path) => new BundleVerifyReport
        {
            BundlePath = path,
            Artifacts = new[] { new BundleArtifactCheck { Reference = "docker.io/library/nginx:1.27", Digest = "sha256:aa", IsValid = true } },
            BlobsChecked = 3,
            BytesChecked = 300,
        };

        private static BundleVerifyReport Damaged(string path) => new BundleVerifyReport
        {
            BundlePath = path,
            LayoutProblems = new[] { "index.json: unexpected entry 'extra/file' in the archive" },
            Artifacts = new[]
            {
                new BundleArtifactCheck { Reference = "docker.io/library/nginx:1.27", Digest = "sha256:aa", IsValid = true },
                new BundleArtifactCheck { Reference = "v1", Digest = "sha256:bb", IsValid = false, BadBlobs = new[] { Bad } },
            },
            BadBlobs = new[] { new BlobProblem(Bad, BlobProblemKind.DigestMismatch, "blobs/sha256/bad0", "blobs/sha256/bad0 does not hash to its name (sha256:1234...).") },
        };

        private TestOciBundleCommand NewCmdlet(params string[] paths)
        {
            TestOciBundleCommand cmdlet = CmdletDriver.Create<TestOciBundleCommand>(_sink, _engine);
            cmdlet.Path = paths;
            return cmdlet;
        }
    }
}
