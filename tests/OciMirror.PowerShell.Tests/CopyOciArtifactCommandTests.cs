using System.Management.Automation;
using OciMirror.Core.Operations;
using OciMirror.PowerShell.Commands;
using OciMirror.PowerShell.Tests.TestSupport;
using Xunit;

namespace OciMirror.PowerShell.Tests
{
    public class CopyOciArtifactCommandTests
    {
        private readonly FakeSink _sink = new FakeSink();
        private readonly FakeEngine _engine = new FakeEngine();

        [Fact]
        public void Piped_references_are_collected_into_one_copy_with_each_side_its_own_trust()
        {
            CopyOciArtifactCommand cmdlet = CmdletDriver.Create<CopyOciArtifactCommand>(_sink, _engine);
            cmdlet.Destination = "registry.corp.local/mirror";
            cmdlet.ThrottleLimit = 3;
            cmdlet.CertificateAuthorityPath = "shared-ca.pem";
            cmdlet.DestinationCertificateAuthorityPath = "dest-ca.pem";
            cmdlet.SourceCertificateDirectory = new[] { "src-certs" };
            CmdletDriver.Begin(cmdlet);
            foreach (string?[] lines in new[] { new[] { "nginx:1.27", "" }, new[] { "# comment", " ghcr.io/org/app:2 " } })
            {
                cmdlet.Reference = lines;
                CmdletDriver.Process(cmdlet);
            }

            CmdletDriver.End(cmdlet);

            CopyRequest request = Assert.Single(_engine.CopyRequests);
            Assert.Equal(new[] { "nginx:1.27", "ghcr.io/org/app:2" }, request.References);
            Assert.Equal("registry.corp.local/mirror", request.Destination);
            Assert.Null(request.DestinationReference);
            Assert.Equal(3, request.Concurrency);
            Assert.Equal("/fs/shared-ca.pem", request.Source.CertificateAuthorityFile);
            Assert.Equal("/fs/dest-ca.pem", request.Target.CertificateAuthorityFile);
            Assert.Equal(new[] { "/fs/src-certs" }, request.Source.CertificateDirectories);
            Assert.Null(request.Target.CertificateDirectories);
        }

        [Fact]
        public void DestinationReference_is_a_rename_of_the_one_reference()
        {
            CopyOciArtifactCommand cmdlet = CmdletDriver.Create<CopyOciArtifactCommand>(_sink, _engine);
            cmdlet.DestinationReference = "registry.corp.local/prod/app:2.1";
            cmdlet.Reference = new[] { "registry.corp.local/dev/app:2.1" };
            CmdletDriver.Begin(cmdlet);
            CmdletDriver.Process(cmdlet);
            CmdletDriver.End(cmdlet);

            CopyRequest request = Assert.Single(_engine.CopyRequests);
            Assert.Equal("registry.corp.local/prod/app:2.1", request.DestinationReference);
            Assert.Null(request.Destination);
        }

        [Theory]
        [InlineData("https://registry.corp.local")]
        [InlineData("myrepo")]
        public void An_invalid_destination_is_a_terminating_error_before_anything_runs(string destination)
        {
            CopyOciArtifactCommand cmdlet = CmdletDriver.Create<CopyOciArtifactCommand>(_sink, _engine);
            cmdlet.Destination = destination;

            TerminatingErrorException e = Assert.Throws<TerminatingErrorException>(() => CmdletDriver.Begin(cmdlet));

            Assert.Equal("OciInvalidDestination", e.Error.ErrorId);
            Assert.Equal(ErrorCategory.InvalidArgument, e.Error.Category);
            Assert.Empty(_engine.CopyRequests);
        }

        [Fact]
        public void Failed_references_are_non_terminating_errors_and_the_others_are_written()
        {
            _engine.Copy = (request, observer, _) =>
            {
                observer.OnArtifactCompleted(new ArtifactResult { Input = "a", Source = "r.io/a:1", Destination = "d.io/a:1", Status = ArtifactStatus.Copied, Digest = "sha256:aa" });
                var failed = new ArtifactResult { Input = "b", Source = "r.io/b:1", Status = ArtifactStatus.Failed, Error = new Core.Errors.OciException(Core.Errors.OciErrorKind.NotFound, "not found") };
                observer.OnArtifactCompleted(failed);
                return System.Threading.Tasks.Task.FromResult(new OperationSummary(new ArtifactResult[0]));
            };
            CopyOciArtifactCommand cmdlet = CmdletDriver.Create<CopyOciArtifactCommand>(_sink, _engine);
            cmdlet.Destination = "d.io";
            cmdlet.Reference = new[] { "a", "b" };
            CmdletDriver.Begin(cmdlet);
            CmdletDriver.Process(cmdlet);
            CmdletDriver.End(cmdlet);

            Assert.Equal("d.io/a:1", Assert.IsType<OciArtifactInfo>(Assert.Single(_sink.Objects)).Destination);
            Assert.Equal("OciNotFound", Assert.Single(_sink.Errors).ErrorId);
        }
    }
}
