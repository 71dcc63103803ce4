using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using OciMirror.Integration.Tests.Corpus;
using OciMirror.Integration.Tests.Infrastructure;
using Xunit;

namespace OciMirror.Integration.Tests.Artifacts
{
    /// <summary>
    /// <c>ocimirror push REF DIR</c> with a named pipe in DIR (it hung forever) and <c>pull</c> over a file with other
    /// content (it was replaced silently), against the real registry.
    /// </summary>
    [Collection(RegistryCollection.Name)]
    public sealed class SpecialFileCliTests : IDisposable
    {
        /// <summary>A hang guard only, never an assertion: a blocked open(2) of a FIFO ignores the CLI's cancellation.</summary>
        private static readonly TimeSpan HangGuard = TimeSpan.FromMinutes(2);

        private readonly CorpusFixture _fixture;
        private readonly TempDirectory _work = new TempDirectory("ocimirror-special");

        public SpecialFileCliTests(CorpusFixture fixture)
        {
            _fixture = fixture;
        }

        private string Host => _fixture.Registry.Host;

        public void Dispose() => _work.Dispose();

        [Fact]
        public async Task Push_of_a_directory_holding_a_fifo_fails_at_once_naming_it_and_pushes_nothing()
        {
            Directory.CreateDirectory(_work.Combine("site", "logs"));
            File.WriteAllText(_work.Combine("site", "index.html"), "<p>hi</p>");
            string fifo = _work.Combine("site", "logs", "live");
            var (code, output) = await ExternalProcess.RunAsync("mkfifo", fifo);
            Assert.True(code == 0, output);

            CliResult push = await CliRunner.RunAsync("push", Host + "/files/fifo:v1", "--plain-http", _work.Combine("site")).WaitAsync(HangGuard);

            Assert.Equal(2, push.ExitCode);
            Assert.Contains(fifo, push.StdErr);
            Assert.Contains("named pipe", push.StdErr);
            Assert.Contains("hint:", push.StdErr);
            Assert.DoesNotContain("files/fifo", await RegistryProbe.CatalogAsync(Host));
        }

        [Fact]
        public async Task Pull_keeps_a_file_with_other_content_and_exits_1_unless_overwrite()
        {
            File.WriteAllText(_work.Combine("notes.txt"), "from the registry\n");
            string reference = Host + "/files/keep:v1";
            CliResult push = await CliRunner.RunAsync("push", reference, "--plain-http", _work.Combine("notes.txt"));
            Assert.True(push.ExitCode == 0, push.ToString());
            Directory.CreateDirectory(_work.Combine("out"));
            File.WriteAllText(_work.Combine("out", "notes.txt"), "my edits\n");

            CliResult kept = await CliRunner.RunAsync("pull", reference, "--plain-http", "-o", _work.Combine("out"));
            string keptText = File.ReadAllText(_work.Combine("out", "notes.txt"));
            CliResult replaced = await CliRunner.RunAsync("pull", reference, "--plain-http", "-o", _work.Combine("out"), "--overwrite");

            Assert.Equal(1, kept.ExitCode);
            Assert.Contains(_work.Combine("out", "notes.txt"), kept.StdErr);
            Assert.Contains("--overwrite", kept.StdErr);
            Assert.Equal("my edits\n", keptText);
            Assert.True(replaced.ExitCode == 0, replaced.ToString());
            Assert.Equal("from the registry\n", File.ReadAllText(_work.Combine("out", "notes.txt")));
            Assert.Equal(new[] { "notes.txt" }, Directory.GetFileSystemEntries(_work.Combine("out")).Select(Path.GetFileName));
        }
    }
}
