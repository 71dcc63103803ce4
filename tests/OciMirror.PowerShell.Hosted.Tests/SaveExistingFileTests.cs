using System.IO;
using OciMirror.Integration.Tests.Infrastructure;
using OciMirror.PowerShell.Hosted.Tests.Support;
using Xunit;

namespace OciMirror.PowerShell.Hosted.Tests
{
    /// <summary>Save-OciArtifact keeps a file with other content (OciInvalidDestination) unless -Force.</summary>
    public sealed class SaveExistingFileTests : IClassFixture<ModuleSession>, System.IDisposable
    {
        private readonly ModuleSession _session;
        private readonly TempDirectory _work = new TempDirectory("ocimirror-hosted-save");

        public SaveExistingFileTests(ModuleSession session)
        {
            _session = session;
        }

        public void Dispose() => _work.Dispose();

        [Fact]
        public void A_file_with_other_content_is_kept_without_Force_and_replaced_with_it()
        {
            File.WriteAllText(_work.Combine("hi.txt"), "hello\n");
            string bundle = "oci:" + _work.Combine("bundle") + ":corp.local/files/hi:v1";
            string output = _work.Combine("out");
            ScriptRun push = _session.Run($"Publish-OciArtifact -Reference '{bundle}' -Path '{_work.Combine("hi.txt")}'");
            Assert.Null(push.Terminating);
            Assert.Empty(push.Errors);
            Directory.CreateDirectory(output);
            File.WriteAllText(Path.Combine(output, "hi.txt"), "mine\n");

            ScriptRun kept = _session.Run($"Save-OciArtifact -Reference '{bundle}' -Path '{output}'");
            string keptText = File.ReadAllText(Path.Combine(output, "hi.txt"));
            ScriptRun forced = _session.Run($"Save-OciArtifact -Reference '{bundle}' -Path '{output}' -Force");

            Assert.StartsWith("OciInvalidDestination", Assert.Single(kept.Errors).FullyQualifiedErrorId, System.StringComparison.Ordinal);
            Assert.Equal("mine\n", keptText);
            Assert.Empty(forced.Errors);
            Assert.Equal("hello\n", File.ReadAllText(Path.Combine(output, "hi.txt")));
        }
    }
}
