using System.IO;
using System.Threading.Tasks;
using OciMirror.Integration.Tests.Infrastructure;
using Xunit;

namespace OciMirror.Integration.Tests.Bundles
{
    /// <summary>Usage of the bundle verbs and stream options: exit code 2 before any network or disk work, nothing on stdout.</summary>
    public sealed class BundleCliUsageTests
    {
        [Fact]
        public async Task Help_ListsLsAndVerify()
        {
            CliResult r = await CliRunner.RunAsync("--help");
            Assert.True(r.ExitCode == 0, r.ToString());
            Assert.Contains("ls", r.StdOut);
            Assert.Contains("verify", r.StdOut);
        }

        [Theory]
        [InlineData("ls")]
        [InlineData("verify")]
        [InlineData("ls a b")]
        [InlineData("verify /tmp/ocimirror-never --plain-http")]
        [InlineData("export 127.0.0.1:1/a/b:c -o /tmp/ocimirror-never --format zip")]
        [InlineData("export 127.0.0.1:1/a/b:c -o - --format dir")]
        [InlineData("import - --to 127.0.0.1:1 -u me --password-stdin")]
        public async Task UsageErrors_ExitWith2(string commandLine)
        {
            CliResult r = await CliRunner.RunAsync(commandLine.Split(' ', System.StringSplitOptions.RemoveEmptyEntries));
            Assert.True(r.ExitCode == 2, r.ToString());
            Assert.Contains("error:", r.StdErr);
            Assert.Equal(string.Empty, r.StdOut);
            Assert.False(Directory.Exists("/tmp/ocimirror-never"), "a usage error must not create the bundle");
        }

        [Fact]
        public async Task ExportToStdout_RefusesATerminal()
        {
            var stdout = new StringWriter();
            var stderr = new StringWriter();
            var console = new OciMirror.Cli.CliConsole(new StringReader(string.Empty), stdout, stderr, errorIsTerminal: false)
            {
                OpenBinaryOutput = () => throw new Xunit.Sdk.XunitException("stdout must not be opened"),
                OutputIsTerminal = true,
            };

            int code = await OciMirror.Cli.Program.RunAsync(new[] { "export", "127.0.0.1:1/a/b:c", "-o", "-" }, console, default);

            Assert.Equal(2, code);
            Assert.Contains("terminal", stderr.ToString());
            Assert.Equal(string.Empty, stdout.ToString());
        }

        [Theory]
        [InlineData("import", "-", "--to", "127.0.0.1:1")]
        [InlineData("ls", "-")]
        [InlineData("verify", "-")]
        public async Task BundleFromStdin_RefusesATerminal(params string[] args)
        {
            var stdout = new StringWriter();
            var stderr = new StringWriter();
            var console = new OciMirror.Cli.CliConsole(new StringReader(string.Empty), stdout, stderr, errorIsTerminal: false)
            {
                OpenBinaryInput = () => throw new Xunit.Sdk.XunitException("stdin must not be opened"),
                InputIsTerminal = true,
            };

            int code = await OciMirror.Cli.Program.RunAsync(args, console, default);

            Assert.Equal(2, code);
            Assert.Contains("terminal", stderr.ToString());
            Assert.Equal(string.Empty, stdout.ToString());
        }
    }
}
