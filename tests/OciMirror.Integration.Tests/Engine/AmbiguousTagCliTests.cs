using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using OciMirror.Integration.Tests.Infrastructure;
using Xunit;

namespace OciMirror.Integration.Tests.Engine
{
    /// <summary>Issue 7.3 through the CLI: exit code 1, one error per refused entry naming both digests, the tag never set.</summary>
    public sealed class AmbiguousTagCliTests
    {
        [Fact]
        public async Task TwoEntriesWithOneTag_ExitOne_NamingBothDigests_AndTheTagIsNotSet()
        {
            await using RegistryInstance registry = await RegistryInstance.StartAsync();
            using var temp = new TempDirectory();
            var layout = new TestLayout();
            JsonObject first = layout.Image("first");
            JsonObject second = layout.Image("second");
            JsonObject other = layout.Image("other");
            layout.Entry(first, "docker.io/library/app:1.0", "1.0");
            layout.Entry(second, "docker.io/library/app:1.0", "1.0");
            layout.Entry(other, "docker.io/library/app:2.0", "2.0");
            string bundle = layout.WriteDirectory(temp.Combine("bundle"));

            CliResult import = await CliRunner.RunAsync("import", bundle, "--to", registry.Host, "--plain-http");
            CliResult tags = await CliRunner.RunAsync("tags", registry.Host + "/library/app", "--plain-http");

            Assert.True(import.ExitCode == 1, import.ToString());
            Assert.Contains(TestLayout.DigestOf(first), import.StdErr);
            Assert.Contains(TestLayout.DigestOf(second), import.StdErr);
            Assert.Contains("import: 1 copied, 0 skipped, 2 failed", import.StdErr);
            Assert.Equal(new[] { registry.Host + "/library/app:2.0" }, tags.StdOut.Split('\n').Where(l => l.Length > 0));
        }
    }
}
