using System.Collections;
using System.Management.Automation;
using OciMirror.Integration.Tests.Infrastructure;
using OciMirror.PowerShell.Hosted.Tests.Support;
using Xunit;

namespace OciMirror.PowerShell.Hosted.Tests
{
    /// <summary>Real ErrorRecords from the cmdlets in a runspace: ids, categories, target objects, recommended actions.</summary>
    public sealed class ErrorRecordTests : IClassFixture<ModuleSession>, System.IDisposable
    {
        private readonly ModuleSession _session;
        private readonly TempDirectory _work = new TempDirectory("ocimirror-hosted");

        public ErrorRecordTests(ModuleSession session)
        {
            _session = session;
        }

        public void Dispose() => _work.Dispose();

        [Fact]
        public void A_bad_reference_is_a_non_terminating_error_and_the_next_one_still_runs()
        {
            ScriptRun run = _session.Run($"Export-OciArtifact -Reference 'Not A Ref!', 'also//bad' -Path '{_work.Combine("bundle")}'");

            Assert.Null(run.Terminating);
            Assert.Equal(2, run.Errors.Count);
            ErrorRecord first = run.Errors[0];
            Assert.Equal("OciInvalidReference,OciMirror.PowerShell.Commands.ExportOciArtifactCommand", first.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.InvalidArgument, first.CategoryInfo.Category);
            Assert.Equal("Not A Ref!", first.TargetObject);
            Assert.False(string.IsNullOrEmpty(first.ErrorDetails?.RecommendedAction));
            Assert.Equal("also//bad", run.Errors[1].TargetObject);
        }

        [Fact]
        public void ErrorAction_Stop_turns_the_first_failure_into_a_terminating_error()
        {
            ScriptRun run = _session.Run($"Export-OciArtifact -Reference 'Not A Ref!' -Path '{_work.Combine("bundle")}' -ErrorAction Stop; 'not reached'");

            Assert.IsType<ActionPreferenceStopException>(run.Terminating);
            Assert.Equal("OciInvalidReference,OciMirror.PowerShell.Commands.ExportOciArtifactCommand", run.TerminatingRecord.FullyQualifiedErrorId);
            Assert.Empty(run.Output);
        }

        [Fact]
        public void An_unusable_destination_is_a_terminating_error_naming_it()
        {
            ScriptRun run = _session.RunCommand("Import-OciArtifact", new Hashtable { ["Path"] = _work.Path, ["Destination"] = "https://registry.example.com" });

            Assert.Equal("OciInvalidDestination,OciMirror.PowerShell.Commands.ImportOciArtifactCommand", run.TerminatingRecord.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.InvalidArgument, run.TerminatingRecord.CategoryInfo.Category);
            Assert.Equal("https://registry.example.com", run.TerminatingRecord.TargetObject);
            Assert.Empty(run.Output);
        }

        [Fact]
        public void A_missing_bundle_is_ObjectNotFound_with_the_path_as_target()
        {
            string missing = _work.Combine("nowhere.tgz");

            ScriptRun run = _session.Run($"Get-OciBundle -Path '{missing}'");

            ErrorRecord error = Assert.Single(run.Errors);
            Assert.Equal("OciPathNotFound,OciMirror.PowerShell.Commands.GetOciBundleCommand", error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
            Assert.Equal(missing, error.TargetObject);
        }

        [Fact]
        public void A_directory_that_is_not_a_bundle_stops_Import_with_InvalidData()
        {
            System.IO.Directory.CreateDirectory(_work.Combine("empty"));

            ScriptRun run = _session.RunCommand("Import-OciArtifact", new Hashtable { ["Path"] = _work.Combine("empty"), ["Destination"] = "localhost:1" });

            Assert.Equal("OciInvalidLayout,OciMirror.PowerShell.Commands.ImportOciArtifactCommand", run.TerminatingRecord.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.InvalidData, run.TerminatingRecord.CategoryInfo.Category);
        }
    }
}
