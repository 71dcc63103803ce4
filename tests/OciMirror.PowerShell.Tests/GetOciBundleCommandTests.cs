using System.Collections.Generic;
using System.Management.Automation;
using System.Threading.Tasks;
using OciMirror.Core.Errors;
using OciMirror.Core.Operations;
using OciMirror.PowerShell.Commands;
using OciMirror.PowerShell.Tests.TestSupport;
using Xunit;

namespace OciMirror.PowerShell.Tests
{
    public class GetOciBundleCommandTests
    {
        private readonly FakeSink _sink = new FakeSink();
        private readonly FakeEngine _engine = new FakeEngine();

        public GetOciBundleCommandTests()
        {
            _sink.ExistingPaths.Add("/fs/b.tar");
            _sink.ExistingPaths.Add("/fs/dir");
        }

        [Fact]
        public void Writes_one_object_per_entry_with_the_resolved_bundle_path()
        {
            _engine.ListBundle = (request, _, _) => Task.FromResult<IReadOnlyList<BundleArtifactInfo>>(new[]
            {
                new BundleArtifactInfo
                {
                    FullName = "docker.io/library/nginx:1.27", Tag = "1.27", Reference = "docker.io/library/nginx:1.27",
                    Digest = "sha256:aa", MediaType = "application/vnd.oci.image.index.v1+json",
                    Platforms = new[] { "linux/amd64", "linux/arm64" }, Size = 1234,
                },
                new BundleArtifactInfo { Tag = "v1", Reference = "v1", Digest = "sha256:bb", MediaType = "application/vnd.oci.image.manifest.v1+json", ArtifactType = "application/vnd.cncf.helm.config.v1+json", Size = 10 },
            });
            GetOciBundleCommand cmdlet = NewCmdlet("b.tar");

            CmdletDriver.Process(cmdlet);

            Assert.Equal("/fs/b.tar", Assert.Single(_engine.ListRequests).BundlePath);
            Assert.Null(_engine.ListRequests[0].InputStream);
            Assert.Equal(2, _sink.Objects.Count);
            var first = Assert.IsType<OciBundleArtifactInfo>(_sink.Objects[0]);
            Assert.Equal("/fs/b.tar", first.Path);
            Assert.Equal("docker.io/library/nginx:1.27", first.FullName);
            Assert.Equal("1.27", first.Tag);
            Assert.Equal("docker.io/library/nginx:1.27", first.Reference);
            Assert.Equal("sha256:aa", first.Digest);
            Assert.Equal(new[] { "linux/amd64", "linux/arm64" }, first.Platform);
            Assert.Equal(1234, first.Size);
            var second = Assert.IsType<OciBundleArtifactInfo>(_sink.Objects[1]);
            Assert.Null(second.FullName);
            Assert.Equal("v1", second.Reference);
            Assert.Equal("application/vnd.cncf.helm.config.v1+json", second.ArtifactType);
            Assert.Empty(second.Platform);
            Assert.Empty(_sink.Errors);
        }

        [Fact]
        public void A_missing_path_or_a_non_bundle_is_a_non_terminating_error_and_the_next_path_is_listed()
        {
            _engine.ListBundle = (request, _, _) => request.BundlePath == "/fs/dir"
                ? Task.FromException<IReadOnlyList<BundleArtifactInfo>>(new OciException(OciErrorKind.InvalidLayout, "'/fs/dir' has no oci-layout file.") { Path = "/fs/dir" })
                : Task.FromResult<IReadOnlyList<BundleArtifactInfo>>(new[] { new BundleArtifactInfo { Reference = "x", Digest = "sha256:cc" } });
            GetOciBundleCommand cmdlet = NewCmdlet("missing.tgz", "dir", "b.tar");

            CmdletDriver.Process(cmdlet);

            Assert.Equal(2, _sink.Errors.Count);
            Assert.Equal("OciPathNotFound", _sink.Errors[0].ErrorId);
            Assert.Equal(ErrorCategory.ObjectNotFound, _sink.Errors[0].Category);
            Assert.Equal("missing.tgz", _sink.Errors[0].TargetObject);
            Assert.Equal("OciInvalidLayout", _sink.Errors[1].ErrorId);
            Assert.Equal("dir", _sink.Errors[1].TargetObject);
            Assert.Equal("/fs/b.tar", Assert.IsType<OciBundleArtifactInfo>(Assert.Single(_sink.Objects)).Path);
            Assert.Equal(new[] { "/fs/dir", "/fs/b.tar" }, _engine.ListRequests.ConvertAll(r => r.BundlePath));
        }

        [Fact]
        public void A_path_off_the_file_system_is_a_non_terminating_error()
        {
            _sink.ResolvePath = _ => null;
            GetOciBundleCommand cmdlet = NewCmdlet("HKLM:/x");

            CmdletDriver.Process(cmdlet);

            Assert.Equal("OciInvalidPath", Assert.Single(_sink.Errors).ErrorId);
            Assert.Empty(_engine.ListRequests);
        }

        [Fact]
        public void Writes_happen_on_the_pipeline_thread()
        {
            _engine.ListBundle = async (_, log, _) =>
            {
                await Task.Yield();
                log.Log(Core.Diagnostics.LogLevel.Verbose, "reading index.json");
                return new[] { new BundleArtifactInfo { Reference = "x", Digest = "sha256:cc" } };
            };
            GetOciBundleCommand cmdlet = NewCmdlet("b.tar");
            int pipelineThread = System.Environment.CurrentManagedThreadId;

            CmdletDriver.Process(cmdlet);

            Assert.Contains("reading index.json", _sink.Verbose);
            Assert.All(_sink.ThreadIds, id => Assert.Equal(pipelineThread, id));
        }

        private GetOciBundleCommand NewCmdlet(params string[] paths)
        {
            GetOciBundleCommand cmdlet = CmdletDriver.Create<GetOciBundleCommand>(_sink, _engine);
            cmdlet.Path = paths;
            return cmdlet;
        }
    }
}
