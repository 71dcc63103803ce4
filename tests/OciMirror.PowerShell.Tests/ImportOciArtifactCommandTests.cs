using System.Management.Automation;
using System.Threading.Tasks;
using OciMirror.Core.Errors;
using OciMirror.Core.Operations;
using OciMirror.PowerShell.Commands;
using OciMirror.PowerShell.Tests.TestSupport;
using Xunit;

namespace OciMirror.PowerShell.Tests
{
    public class ImportOciArtifactCommandTests
    {
        private readonly FakeSink _sink = new FakeSink();
        private readonly FakeEngine _engine = new FakeEngine();

        public ImportOciArtifactCommandTests()
        {
            _sink.ExistingPaths.Add("/fs/bundle");
            _sink.ExistingPaths.Add("/fs/bundle2");
        }

        [Theory]
        [InlineData("https://registry.corp.local")]
        [InlineData("myrepo")]
        [InlineData("registry.corp.local/app:1.0")]
        public void An_invalid_destination_is_a_terminating_error_before_any_bundle_is_read(string destination)
        {
            ImportOciArtifactCommand cmdlet = NewCmdlet("bundle", destination);

            TerminatingErrorException e = Assert.Throws<TerminatingErrorException>(() => CmdletDriver.Begin(cmdlet));

            Assert.Equal("OciInvalidDestination", e.Error.ErrorId);
            Assert.Equal(ErrorCategory.InvalidArgument, e.Error.Category);
            Assert.Equal(destination, e.Error.TargetObject);
            Assert.Contains("host[:port][/prefix]", e.Error.RecommendedAction);
            Assert.Empty(_engine.ImportRequests);
        }

        [Fact]
        public void Each_bundle_path_is_one_import_with_the_resolved_path_and_filtered_references()
        {
            ImportOciArtifactCommand cmdlet = NewCmdlet("bundle", "registry.corp.local:5000/mirror");
            cmdlet.ThrottleLimit = 2;
            CmdletDriver.Begin(cmdlet);
            cmdlet.Reference = new[] { "nginx:1.27", "", "# skip", " alpine " };
            CmdletDriver.Process(cmdlet);
            cmdlet.Path = "bundle2";
            cmdlet.Reference = null;
            CmdletDriver.Process(cmdlet);
            CmdletDriver.End(cmdlet);

            Assert.Equal(2, _engine.ImportRequests.Count);
            ImportRequest first = _engine.ImportRequests[0];
            Assert.Equal("/fs/bundle", first.BundlePath);
            Assert.Equal("registry.corp.local:5000/mirror", first.Destination);
            Assert.Equal(new[] { "nginx:1.27", "alpine" }, first.References);
            Assert.Equal(2, first.Concurrency);
            Assert.False(first.Scoped);
            Assert.Null(first.StagingRepository);
            Assert.Equal("/fs/bundle2", _engine.ImportRequests[1].BundlePath);
            Assert.Empty(_engine.ImportRequests[1].References);
        }

        [Fact]
        public void StagingRepository_reaches_the_request()
        {
            ImportOciArtifactCommand cmdlet = NewCmdlet("bundle", "registry.corp.local");
            cmdlet.StagingRepository = "mirror/incoming";
            CmdletDriver.Begin(cmdlet);
            CmdletDriver.Process(cmdlet);
            CmdletDriver.End(cmdlet);

            Assert.Equal("mirror/incoming", Assert.Single(_engine.ImportRequests).StagingRepository);
        }

        [Fact]
        public void A_missing_bundle_is_a_non_terminating_error_and_the_next_bundle_still_imports()
        {
            ImportOciArtifactCommand cmdlet = NewCmdlet("missing", "localhost:5000");
            CmdletDriver.Begin(cmdlet);
            CmdletDriver.Process(cmdlet);
            cmdlet.Path = "bundle";
            CmdletDriver.Process(cmdlet);
            CmdletDriver.End(cmdlet);

            var error = Assert.Single(_sink.Errors);
            Assert.Equal("OciPathNotFound", error.ErrorId);
            Assert.Equal(ErrorCategory.ObjectNotFound, error.Category);
            Assert.Equal("missing", error.TargetObject);
            Assert.Equal("/fs/bundle", Assert.Single(_engine.ImportRequests).BundlePath);
        }

        [Fact]
        public void A_path_off_the_file_system_is_a_non_terminating_error()
        {
            _sink.ResolvePath = _ => null;
            ImportOciArtifactCommand cmdlet = NewCmdlet("Cert:/x", "localhost:5000");
            CmdletDriver.Begin(cmdlet);
            CmdletDriver.Process(cmdlet);

            Assert.Equal("OciInvalidPath", Assert.Single(_sink.Errors).ErrorId);
            Assert.Empty(_engine.ImportRequests);
        }

        [Fact]
        public void Not_a_bundle_is_a_terminating_error()
        {
            _engine.Import = (_, _, _) => Task.FromException<OperationSummary>(
                new OciException(OciErrorKind.InvalidLayout, "'/fs/bundle' has no oci-layout file.") { Path = "/fs/bundle" });
            ImportOciArtifactCommand cmdlet = NewCmdlet("bundle", "localhost:5000");
            CmdletDriver.Begin(cmdlet);
            CmdletDriver.Process(cmdlet);

            TerminatingErrorException e = Assert.Throws<TerminatingErrorException>(() => CmdletDriver.End(cmdlet));

            Assert.Equal("OciInvalidLayout", e.Error.ErrorId);
            Assert.Equal(ErrorCategory.InvalidData, e.Error.Category);
            Assert.Equal("/fs/bundle", e.Error.TargetObject);
        }

        [Fact]
        public void Per_artifact_results_become_objects_and_errors_and_declined_ones_are_reported_as_declined()
        {
            _engine.Import = async (_, observer, token) =>
            {
                bool yes = await observer.ShouldProcessAsync("localhost:5000/library/nginx:1.27", "Push from /fs/bundle", token);
                observer.OnArtifactCompleted(new ArtifactResult
                {
                    Input = "docker.io/library/nginx:1.27",
                    Source = "docker.io/library/nginx:1.27",
                    Destination = "localhost:5000/library/nginx:1.27",
                    Status = yes ? ArtifactStatus.Copied : ArtifactStatus.Declined,
                });
                observer.OnArtifactCompleted(Results.Failed("docker.io/library/alpine:3.20", OciErrorKind.PermissionDenied));
                return Results.Summary();
            };
            _sink.ShouldProcessAnswer = (_, _) => false; // -WhatIf
            ImportOciArtifactCommand cmdlet = NewCmdlet("bundle", "localhost:5000");
            CmdletDriver.Begin(cmdlet);
            CmdletDriver.Process(cmdlet);
            CmdletDriver.End(cmdlet);

            OciArtifactInfo info = Assert.IsType<OciArtifactInfo>(Assert.Single(_sink.Objects));
            Assert.Equal("Declined", info.Status);
            Assert.Equal("localhost:5000/library/nginx:1.27", info.Destination);
            var error = Assert.Single(_sink.Errors);
            Assert.Equal("OciPermissionDenied", error.ErrorId);
            Assert.Equal(ErrorCategory.PermissionDenied, error.Category);
            Assert.Equal("docker.io/library/alpine:3.20", error.TargetObject);
        }

        [Fact]
        public void Piped_bundle_entries_are_grouped_into_one_import_per_bundle_in_EndProcessing()
        {
            _sink.ExistingPaths.Add("/fs/b.tar");
            _sink.ExistingPaths.Add("/fs/c.tgz");
            ImportOciArtifactCommand cmdlet = NewCmdlet("b.tar", "localhost:5000");
            CmdletDriver.Begin(cmdlet);
            // What Get-OciBundle b.tar, c.tgz | Import-OciArtifact binds: Path and Reference of each object.
            foreach ((string path, string reference) in new[] { ("b.tar", "docker.io/library/nginx:1.27"), ("c.tgz", "v1"), ("b.tar", "docker.io/library/alpine:3.20"), ("b.tar", "docker.io/library/nginx:1.27") })
            {
                cmdlet.Path = path;
                cmdlet.Reference = new[] { reference };
                CmdletDriver.Process(cmdlet);
            }

            Assert.Empty(_engine.ImportRequests);
            CmdletDriver.End(cmdlet);

            Assert.Equal(2, _engine.ImportRequests.Count);
            Assert.Equal("/fs/b.tar", _engine.ImportRequests[0].BundlePath);
            Assert.Equal(new[] { "docker.io/library/nginx:1.27", "docker.io/library/alpine:3.20" }, _engine.ImportRequests[0].References);
            Assert.Equal("/fs/c.tgz", _engine.ImportRequests[1].BundlePath);
            Assert.Equal(new[] { "v1" }, _engine.ImportRequests[1].References);
            Assert.All(_engine.ImportRequests, r => Assert.Null(r.InputStream));
        }

        [Fact]
        public void A_record_without_references_widens_its_bundle_to_every_entry()
        {
            ImportOciArtifactCommand cmdlet = NewCmdlet("bundle", "localhost:5000");
            CmdletDriver.Begin(cmdlet);
            cmdlet.Reference = new[] { "nginx:1.27" };
            CmdletDriver.Process(cmdlet);
            cmdlet.Reference = null;
            CmdletDriver.Process(cmdlet);
            cmdlet.Reference = new[] { "alpine" };
            CmdletDriver.Process(cmdlet);
            CmdletDriver.End(cmdlet);

            Assert.Empty(Assert.Single(_engine.ImportRequests).References);
        }

        [Fact]
        public void A_terminating_error_for_one_bundle_stops_before_the_next_bundle()
        {
            _engine.Import = (request, _, _) => request.BundlePath == "/fs/bundle"
                ? Task.FromException<OperationSummary>(new OciException(OciErrorKind.InvalidLayout, "entry '../evil' of '/fs/bundle' leaves the layout.") { Path = "/fs/bundle" })
                : Task.FromResult(Results.Summary());
            ImportOciArtifactCommand cmdlet = NewCmdlet("bundle", "localhost:5000");
            CmdletDriver.Begin(cmdlet);
            CmdletDriver.Process(cmdlet);
            cmdlet.Path = "bundle2";
            CmdletDriver.Process(cmdlet);

            TerminatingErrorException e = Assert.Throws<TerminatingErrorException>(() => CmdletDriver.End(cmdlet));

            Assert.Equal("OciInvalidLayout", e.Error.ErrorId);
            Assert.Contains("../evil", e.Error.Exception.Message);
            Assert.Equal("/fs/bundle", Assert.Single(_engine.ImportRequests).BundlePath);
        }

        private ImportOciArtifactCommand NewCmdlet(string path, string destination)
        {
            ImportOciArtifactCommand cmdlet = CmdletDriver.Create<ImportOciArtifactCommand>(_sink, _engine);
            cmdlet.Path = path;
            cmdlet.Destination = destination;
            return cmdlet;
        }
    }
}
