using System.IO;
using System.Threading.Tasks;
using OciMirror.Integration.Tests.Infrastructure;
using Xunit;

namespace OciMirror.Integration.Tests
{
    /// <summary>Command-line parsing and usage errors: exit code 2 before any network or disk work.</summary>
    public sealed class CliUsageTests
    {
        [Fact]
        public async Task Help_ListsTheVerbs()
        {
            CliResult r = await CliRunner.RunAsync("--help");
            Assert.True(r.ExitCode == 0, r.ToString());
            Assert.Contains("export", r.StdOut);
            Assert.Contains("import", r.StdOut);
            Assert.Contains("tags", r.StdOut);
        }

        [Theory]
        [InlineData("")]
        [InlineData("frobnicate")]
        [InlineData("export 127.0.0.1:1/a/b:c")]
        [InlineData("export -o /tmp/ocimirror-never")]
        [InlineData("export 127.0.0.1:1/a/b:c -o /tmp/ocimirror-never --bogus")]
        [InlineData("export 127.0.0.1:1/a/b:c -o /tmp/ocimirror-never --concurrency 0")]
        [InlineData("export 127.0.0.1:1/a/b:c -o /tmp/ocimirror-never --concurrency many")]
        [InlineData("export 127.0.0.1:1/a/b:c -o /tmp/ocimirror-never -p secret")]
        [InlineData("export 127.0.0.1:1/a/b:c -o /tmp/ocimirror-never -u user")]
        [InlineData("export 127.0.0.1:1/a/b:c -o /tmp/ocimirror-never -u user -p x --password-stdin")]
        [InlineData("export -f - -o /tmp/ocimirror-never -u me --password-stdin")]
        [InlineData("import /tmp/ocimirror-never")]
        [InlineData("tags")]
        public async Task UsageErrors_ExitWith2(string commandLine)
        {
            CliResult r = await CliRunner.RunAsync(commandLine.Split(' ', System.StringSplitOptions.RemoveEmptyEntries));
            Assert.True(r.ExitCode == 2, r.ToString());
            Assert.Contains("error:", r.StdErr);
            Assert.Equal(string.Empty, r.StdOut);
            Assert.False(Directory.Exists("/tmp/ocimirror-never"), "a usage error must not create the bundle");
        }

        [Theory]
        [InlineData("export")]
        [InlineData("import")]
        [InlineData("tags")]
        public async Task Help_DoesNotClaimAnonymousAccessWithoutUsername(string verb)
        {
            // Without -u the registry config, auth files and credential helpers are used (DESIGN 7).
            CliResult r = await CliRunner.RunAsync(verb, "--help");
            Assert.True(r.ExitCode == 0, r.ToString());
            string help = System.Text.RegularExpressions.Regex.Replace(r.StdOut, @"\s+", " ");
            Assert.DoesNotContain("anonymous when omitted", help);
            Assert.Contains("credentials come from --registry-config, the auth files", help);
        }

        [Theory]
        [InlineData("https://registry.example.com")]
        [InlineData("registry.example.com/app:1.0")]
        [InlineData("Not A Host")]
        public async Task Import_InvalidDestination_ExitsWith2WithAHintAboutTo_BeforeReadingStdin(string destination)
        {
            CliResult r = await CliRunner.RunWithInputAsync("s3cr3t\n", "import", "/tmp/ocimirror-never", "--to", destination, "-u", "me", "--password-stdin");
            Assert.True(r.ExitCode == 2, r.ToString());
            Assert.Contains(destination, r.StdErr);
            Assert.Contains("hint: write --to as HOST[:PORT][/PREFIX]", r.StdErr);
            Assert.DoesNotContain("Write the reference as", r.StdErr);
            Assert.Equal(string.Empty, r.StdOut);
        }

        [Fact]
        public async Task FromFile_Missing_ExitsWith2AndNamesTheFile()
        {
            string missing = Path.Combine(Path.GetTempPath(), "ocimirror-no-such-refs.txt");
            CliResult r = await CliRunner.RunAsync("export", "--from-file", missing, "-o", "/tmp/ocimirror-never");
            Assert.True(r.ExitCode == 2, r.ToString());
            Assert.Contains(missing, r.StdErr);
        }

        [Fact]
        public async Task FromStdin_OnlyCommentsAndBlanks_IsAUsageError()
        {
            CliResult r = await CliRunner.RunWithInputAsync("# nothing here\n\n   \n", "export", "--from-file", "-", "-o", "/tmp/ocimirror-never");
            Assert.True(r.ExitCode == 2, r.ToString());
            Assert.Contains("no references", r.StdErr);
        }

        [Fact]
        public async Task PasswordIsNeverEchoed()
        {
            CliResult r = await CliRunner.RunWithInputAsync("s3cr3t-pw\n", "export", "127.0.0.1:1/a/b:c", "-o", "/tmp/ocimirror-never", "-u", "me", "--password-stdin", "--concurrency", "0");
            Assert.True(r.ExitCode == 2, r.ToString());
            Assert.DoesNotContain("s3cr3t-pw", r.StdErr + r.StdOut);
        }
    }
}
