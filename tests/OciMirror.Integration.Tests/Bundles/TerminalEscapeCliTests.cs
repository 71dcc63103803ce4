using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using OciMirror.Integration.Tests.Infrastructure;
using Xunit;

namespace OciMirror.Integration.Tests.Bundles
{
    /// <summary>
    /// Issue 7 item 16: names read from a bundle's index.json reach the terminal escaped in every text the
    /// CLI prints (ls table, verify lines, errors and hints, the verbose log); <c>--json</c> stays valid JSON
    /// with the characters JSON-escaped.
    /// </summary>
    public sealed class TerminalEscapeCliTests
    {
        // An ESC sequence that clears the screen, an OSC title with BEL, a C1 CSI, a right-to-left override.
        private const string EvilTag = "v1\u001b[2J\u001b]0;owned\u0007\u009b31m\u202Egpj.exe";
        private const string EvilName = "docker.io/evil/app:2\u001b[1;31m";

        private static string[] RawControls(string text) =>
            new[] { "\u001b", "\u0007", "\u009b", "\u202E" }.Where(text.Contains).ToArray();

        private static LayoutWriter EvilLayout(TempDirectory temp)
        {
            var layout = new LayoutWriter(temp.Combine("bundle"));
            layout.Add(layout.Image("tagged"), ("org.opencontainers.image.ref.name", EvilTag));
            layout.Add(layout.Image("named"), ("io.containerd.image.name", EvilName));
            return layout;
        }

        [Fact]
        public async Task Ls_Verify_AndImportErrors_PrintNamesFromTheBundleEscaped()
        {
            using var temp = new TempDirectory();
            LayoutWriter layout = EvilLayout(temp);

            CliResult ls = await CliRunner.RunAsync("ls", layout.Root);
            CliResult verify = await CliRunner.RunAsync("verify", layout.Root);
            CliResult import = await CliRunner.RunAsync("import", layout.Root, "--to", "127.0.0.1:1", "--plain-http", "--verbose");
            CliResult unmatched = await CliRunner.RunAsync("import", layout.Root, "--to", "127.0.0.1:1", "--plain-http", "--ref", "nothing-like-it");

            Assert.True(ls.ExitCode == 0, ls.ToString());
            Assert.True(verify.ExitCode == 0, verify.ToString());
            Assert.True(import.ExitCode == 1, import.ToString());
            Assert.True(unmatched.ExitCode == 1, unmatched.ToString());
            foreach (CliResult r in new[] { ls, verify, import, unmatched })
            {
                Assert.True(RawControls(r.StdOut + r.StdErr).Length == 0, r.ToString());
            }

            Assert.Contains("v1\\u001b[2J\\u001b]0;owned\\u0007\\u009b31m\\u202egpj.exe", ls.StdOut);
            Assert.Contains("\\u001b[1;31m", ls.StdOut);
            Assert.Contains("\\u001b[2J", verify.StdOut);
            Assert.Contains("\\u001b[2J", import.StdErr);
            Assert.Contains("\\u001b[2J", unmatched.StdErr);
        }

        [Fact]
        public async Task JsonOutput_StaysJson_WithTheControlsEscapedByTheSerializer()
        {
            using var temp = new TempDirectory();
            LayoutWriter layout = EvilLayout(temp);

            CliResult ls = await CliRunner.RunAsync("ls", layout.Root, "--json");
            CliResult verify = await CliRunner.RunAsync("verify", layout.Root, "--json");

            Assert.True(ls.ExitCode == 0, ls.ToString());
            Assert.True(verify.ExitCode == 0, verify.ToString());
            Assert.Empty(RawControls(ls.StdOut + verify.StdOut));
            Assert.Contains(ls.JsonLines, o => o.GetProperty("tag").GetString() == EvilTag);
            JsonElement report = JsonDocument.Parse(verify.StdOut).RootElement;
            Assert.Contains(report.GetProperty("artifacts").EnumerateArray(), a => a.GetProperty("reference").GetString()!.Contains(EvilTag));
        }
    }
}
