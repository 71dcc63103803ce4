using System.Linq;
using System.Management.Automation;
using OciMirror.Core.Operations;
using OciMirror.PowerShell.Commands;
using OciMirror.PowerShell.Common;
using OciMirror.PowerShell.Errors;
using OciMirror.PowerShell.Tests.TestSupport;
using Xunit;

namespace OciMirror.PowerShell.Tests
{
    /// <summary>-NoReferrers and -ReferrerArtifactType of Export-, Import-, Copy-OciArtifact and Sync-OciRegistry, and the output of referrers.</summary>
    public class ReferrerParameterTests
    {
        private readonly FakeSink _sink = new FakeSink();
        private readonly FakeEngine _engine = new FakeEngine();

        [Fact]
        public void Export_CarriesReferrersByDefault_AndPassesTheTypes()
        {
            var cmdlet = CmdletDriver.Create<ExportOciArtifactCommand>(_sink, _engine);
            cmdlet.Path = "bundle";
            cmdlet.ReferrerArtifactType = new[] { "application/spdx+json" };
            CmdletDriver.Begin(cmdlet);
            cmdlet.Reference = new[] { "a" };
            CmdletDriver.Process(cmdlet);
            CmdletDriver.End(cmdlet);

            ExportRequest request = Assert.Single(_engine.ExportRequests);
            Assert.True(request.IncludeReferrers);
            Assert.Equal(new[] { "application/spdx+json" }, request.ReferrerArtifactTypes);
        }

        [Fact]
        public void Import_WithoutTheParameters_CarriesEveryReferrer()
        {
            _sink.ExistingPaths.Add("/fs/bundle");
            var cmdlet = CmdletDriver.Create<ImportOciArtifactCommand>(_sink, _engine);
            cmdlet.Path = "bundle";
            cmdlet.Destination = "registry.corp.local";
            CmdletDriver.Begin(cmdlet);
            CmdletDriver.Process(cmdlet);
            CmdletDriver.End(cmdlet);

            ImportRequest request = Assert.Single(_engine.ImportRequests);
            Assert.True(request.IncludeReferrers);
            Assert.Empty(request.ReferrerArtifactTypes);
        }

        [Fact]
        public void Copy_CarriesReferrersByDefault_AndPassesTheTypes()
        {
            var cmdlet = CmdletDriver.Create<CopyOciArtifactCommand>(_sink, _engine);
            cmdlet.Destination = "registry.corp.local/mirror";
            cmdlet.ReferrerArtifactType = new[] { "application/spdx+json", "application/vnd.dev.cosign.artifact.sig.v1+json" };
            CmdletDriver.Begin(cmdlet);
            cmdlet.Reference = new[] { "nginx:1.27" };
            CmdletDriver.Process(cmdlet);
            CmdletDriver.End(cmdlet);

            CopyRequest request = Assert.Single(_engine.CopyRequests);
            Assert.True(request.IncludeReferrers);
            Assert.Equal(new[] { "application/spdx+json", "application/vnd.dev.cosign.artifact.sig.v1+json" }, request.ReferrerArtifactTypes);
        }

        [Fact]
        public void Sync_WithoutTheParameters_CarriesEveryReferrer_WithTheTypes_OnlyThose()
        {
            _sink.ExistingPaths.Add("/fs/jobs/sync.yaml");
            var all = CmdletDriver.Create<SyncOciRegistryCommand>(_sink, _engine);
            all.Source = "jobs/sync.yaml";
            all.Destination = "registry.corp.local";
            CmdletDriver.Begin(all);
            CmdletDriver.Process(all);
            CmdletDriver.End(all);
            var typed = CmdletDriver.Create<SyncOciRegistryCommand>(_sink, _engine);
            typed.Source = "jobs/sync.yaml";
            typed.Destination = "registry.corp.local";
            typed.ReferrerArtifactType = new[] { "application/spdx+json" };
            CmdletDriver.Begin(typed);
            CmdletDriver.Process(typed);
            CmdletDriver.End(typed);

            Assert.Equal(2, _engine.SyncRequests.Count);
            Assert.True(_engine.SyncRequests[0].IncludeReferrers);
            Assert.Empty(_engine.SyncRequests[0].ReferrerArtifactTypes);
            Assert.True(_engine.SyncRequests[1].IncludeReferrers);
            Assert.Equal(new[] { "application/spdx+json" }, _engine.SyncRequests[1].ReferrerArtifactTypes);
        }

        [Fact]
        public void BothParameters_AreATerminatingConflict()
        {
            OciErrorInfo? conflict = ReferrerParameters.Check(true, new[] { "application/spdx+json" });

            Assert.NotNull(conflict);
            Assert.Equal(ReferrerParameters.ConflictId, conflict!.ErrorId);
            Assert.Equal(ErrorCategory.InvalidArgument, conflict.Category);
            Assert.Null(ReferrerParameters.Check(true, null));
            Assert.Null(ReferrerParameters.Check(false, new[] { "x" }));
        }

        [Fact]
        public void ReferrerOf_AndVerifyNotes_ReachTheOutputObjects()
        {
            OciArtifactInfo info = OutputMapper.ToArtifactInfo(new ArtifactResult { Input = "r", Status = ArtifactStatus.Copied, ReferrerOf = "sha256:abc" });
            OciBundleCheck check = OutputMapper.ToBundleCheck("b", new BundleArtifactCheck { Reference = "r", IsValid = true, Note = "its subject is elsewhere" });

            Assert.Equal("sha256:abc", info.ReferrerOf);
            Assert.Equal("its subject is elsewhere", check.Note);
        }
    }
}
