using System.Linq;
using OciMirror.Integration.Tests.Infrastructure;
using OciMirror.PowerShell.Hosted.Tests.Support;
using Xunit;

namespace OciMirror.PowerShell.Hosted.Tests
{
    /// <summary>Parameter binding from the pipeline, as the PowerShell binder does it.</summary>
    public sealed class BindingTests : IClassFixture<ModuleSession>, System.IDisposable
    {
        private readonly ModuleSession _session;
        private readonly TempDirectory _work = new TempDirectory("ocimirror-hosted");

        public BindingTests(ModuleSession session)
        {
            _session = session;
        }

        public void Dispose() => _work.Dispose();

        [Fact]
        public void Piped_lines_skip_blanks_and_comments()
        {
            ScriptRun run = _session.Run($"$input | Export-OciArtifact -Path '{_work.Combine("bundle")}'", string.Empty, "# a comment", "   ", "  # indented", "Not A Ref!");

            Assert.Equal("Not A Ref!", Assert.Single(run.Errors).TargetObject);
        }

        [Fact]
        public void The_Reference_property_binds_and_a_PSPath_property_does_not_become_the_bundle_path()
        {
            string elsewhere = _work.Combine("refs.txt");
            ScriptRun run = _session.Run(
                $"[pscustomobject]@{{ Reference = 'Not A Ref!'; PSPath = '{elsewhere}' }} | Export-OciArtifact -Path '{_work.Combine("bundle")}'");

            Assert.Equal("Not A Ref!", Assert.Single(run.Errors).TargetObject);
            Assert.False(System.IO.File.Exists(elsewhere) || System.IO.Directory.Exists(elsewhere));
        }

        [Fact]
        public void Get_Content_lines_bind_as_references_although_they_carry_PSPath()
        {
            string refs = _work.Combine("refs.txt");
            System.IO.File.WriteAllLines(refs, new[] { "# list", "Not A Ref!", string.Empty, "also//bad" });

            ScriptRun run = _session.Run($"Get-Content -LiteralPath '{refs}' | Export-OciArtifact -Path '{_work.Combine("bundle")}'");

            Assert.Equal(new object[] { "Not A Ref!", "also//bad" }, run.Errors.Select(e => e.TargetObject.ToString()));
        }

        [Fact]
        public void Get_OciBundle_binds_the_PSPath_of_piped_items()
        {
            ScriptRun run = _session.Run($"Get-Item -LiteralPath '{_work.Path}' | Get-OciBundle");

            // The folder is not a bundle: the error proves the item's PSPath reached -Path.
            Assert.EndsWith(_work.Path, Assert.Single(run.Errors).TargetObject.ToString(), System.StringComparison.Ordinal);
        }
    }
}
