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
    /// <summary>-NoReferrers and -ReferrerArtifactType of Export-OciArtifact and Import-OciArtifact, and the output of referrers.</summary>
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
