using OciMirror.Core.Operations;
using OciMirror.Core.Selection;
using OciMirror.PowerShell.Commands;
using OciMirror.PowerShell.Tests.TestSupport;
using Xunit;

namespace OciMirror.PowerShell.Tests
{
    public class SyncOciRegistryCommandTests
    {
        private readonly FakeSink _sink = new FakeSink();
        private readonly FakeEngine _engine = new FakeEngine();

        private SyncRequest Run(string source, string destination, System.Action<SyncOciRegistryCommand>? configure = null)
        {
            SyncOciRegistryCommand cmdlet = CmdletDriver.Create<SyncOciRegistryCommand>(_sink, _engine);
            cmdlet.Source = source;
            cmdlet.Destination = destination;
            configure?.Invoke(cmdlet);
            CmdletDriver.Begin(cmdlet);
            CmdletDriver.Process(cmdlet);
            CmdletDriver.End(cmdlet);
            return Assert.Single(_engine.SyncRequests);
        }

        [Fact]
        public void A_sync_file_is_passed_as_a_file_system_path_to_a_registry()
        {
            SyncRequest request = Run("jobs/sync.yaml", "registry.corp.local", c => c.ThrottleLimit = 8);

            Assert.Equal("/fs/jobs/sync.yaml", request.Source);
            Assert.Equal(SyncSourceKind.File, request.SourceKind);
            Assert.Equal("registry.corp.local", request.Destination);
            Assert.Equal(SyncDestinationKind.Registry, request.DestinationKind);
            Assert.Equal(8, request.Concurrency);
            Assert.Null(request.Selection);
        }

        [Fact]
        public void A_repository_keeps_its_name_and_carries_the_selection_into_a_bundle()
        {
            SyncRequest request = Run("ghcr.io/org/app", "E:/transfer/app.tgz", c =>
            {
                c.SemVer = "^2";
                c.Latest = 3;
                c.DigestTag = "WithImages";
                c.Format = "TarGzip";
            });

            Assert.Equal("ghcr.io/org/app", request.Source);
            Assert.Equal(SyncSourceKind.Repository, request.SourceKind);
            Assert.Equal(SyncDestinationKind.Bundle, request.DestinationKind);
            Assert.Equal("/fs/E:/transfer/app.tgz", request.Destination);
            Assert.Equal("^2", request.Selection!.SemverRange);
            Assert.Equal(3, request.Selection.Latest);
            Assert.Equal(DigestTagMode.WithImages, request.Selection.DigestTags);
        }

        [Fact]
        public void Explicit_types_win_over_detection()
        {
            SyncRequest request = Run("mirror.local", "mirror.local", c =>
            {
                c.SourceType = "Bundle";
                c.DestinationType = "Bundle";
            });

            Assert.Equal(SyncSourceKind.Bundle, request.SourceKind);
            Assert.Equal("/fs/mirror.local", request.Source);
            Assert.Equal(SyncDestinationKind.Bundle, request.DestinationKind);
        }

        [Fact]
        public void An_invalid_range_is_a_terminating_error_before_the_engine_runs()
        {
            SyncOciRegistryCommand cmdlet = CmdletDriver.Create<SyncOciRegistryCommand>(_sink, _engine);
            cmdlet.Source = "ghcr.io/org/app";
            cmdlet.Destination = "registry.corp.local";
            cmdlet.SemVer = ">= one";
            CmdletDriver.Begin(cmdlet);

            TerminatingErrorException e = Assert.Throws<TerminatingErrorException>(() => CmdletDriver.End(cmdlet));

            Assert.Equal("OciInvalidConfiguration", e.Error.ErrorId);
            Assert.Empty(_engine.SyncRequests);
        }
    }
}
