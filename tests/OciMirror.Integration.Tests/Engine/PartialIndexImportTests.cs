using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using OciMirror.Integration.Tests.Infrastructure;
using Xunit;

namespace OciMirror.Integration.Tests.Engine
{
    /// <summary>
    /// Issue 7.8: Docker 25+ <c>docker save</c> (containerd image store) writes the registry's multi-platform
    /// index with only the pulled platform's manifest. Import takes that platform, says the tag points at
    /// the child digest, and verify calls the bundle partial, not damaged.
    /// </summary>
    public sealed class PartialIndexImportTests
    {
        [Fact]
        public async Task AnIndexWithOnePlatformPresent_ImportsThatPlatformUnderTheTag()
        {
            await using RegistryInstance registry = await RegistryInstance.StartAsync();
            using var temp = new TempDirectory();
            var layout = new TestLayout();
            JsonObject amd64 = layout.Image("amd64");
            JsonObject arm64 = layout.Image("arm64");
            JsonObject armv7 = layout.Image("armv7");
            JsonObject attestation = layout.Referrer("attestation", amd64);
            JsonObject index = layout.Index((amd64, "linux/amd64"), (arm64, "linux/arm64"), (armv7, "linux/arm"), (attestation, "unknown/unknown"));
            layout.Absent.Add(TestLayout.DigestOf(arm64));
            layout.Absent.Add(TestLayout.DigestOf(armv7));
            layout.Absent.Add(TestLayout.DigestOf(attestation));
            layout.Entry(index, "docker.io/library/nginx:1.27", "1.27");
            string bundle = layout.WriteDirectory(temp.Combine("bundle"));

            CliResult verify = await CliRunner.RunAsync("verify", bundle);
            CliResult import = await CliRunner.RunAsync("import", bundle, "--to", registry.Host, "--plain-http", "--json");
            CliResult tags = await CliRunner.RunAsync("tags", registry.Host + "/library/nginx", "--plain-http", "--digests");

            Assert.True(verify.ExitCode == 0, verify.ToString());
            Assert.Contains("partial, absent: linux/arm64,linux/arm,unknown/unknown", verify.StdOut);
            Assert.True(import.ExitCode == 0, import.ToString());
            JsonElement result = Assert.Single(import.JsonLines);
            Assert.Equal(TestLayout.DigestOf(amd64), result.GetProperty("digest").GetString());
            Assert.Contains($"holds only linux/amd64", import.StdErr);
            Assert.Contains($"will point at it, not at the index {TestLayout.DigestOf(index)}", import.StdErr);
            Assert.Equal(registry.Host + "/library/nginx:1.27\t" + TestLayout.DigestOf(amd64), tags.StdOut.Trim());
        }

        [Fact]
        public async Task AnIndexWithTwoOfThreePlatformsPresent_FailsNamingThem()
        {
            await using RegistryInstance registry = await RegistryInstance.StartAsync();
            using var temp = new TempDirectory();
            var layout = new TestLayout();
            JsonObject amd64 = layout.Image("amd64");
            JsonObject arm64 = layout.Image("arm64");
            JsonObject armv7 = layout.Image("armv7");
            layout.Absent.Add(TestLayout.DigestOf(armv7));
            layout.Entry(layout.Index((amd64, "linux/amd64"), (arm64, "linux/arm64"), (armv7, "linux/arm")), "docker.io/library/nginx:1.27", "1.27");
            layout.Entry(layout.Image("other"), "docker.io/library/nginx:other", "other");
            string bundle = layout.WriteDirectory(temp.Combine("bundle"));

            CliResult import = await CliRunner.RunAsync("import", bundle, "--to", registry.Host, "--plain-http");
            CliResult tags = await CliRunner.RunAsync("tags", registry.Host + "/library/nginx", "--plain-http");
            CliResult absent = await CliRunner.RunAsync("import", bundle, "--to", registry.Host + "/absent", "--plain-http", "--ref", "1.27", "--platform", "linux/arm");
            CliResult chosen = await CliRunner.RunAsync("import", bundle, "--to", registry.Host + "/chosen", "--plain-http", "--ref", "1.27", "--platform", "linux/arm64");
            CliResult chosenTag = await CliRunner.RunAsync("tags", registry.Host + "/chosen/library/nginx", "--plain-http", "--digests");

            Assert.True(import.ExitCode == 1, import.ToString());
            Assert.Contains("holds only linux/amd64, linux/arm64", import.StdErr);
            Assert.Equal(registry.Host + "/library/nginx:other", tags.StdOut.Trim());
            Assert.True(absent.ExitCode == 1, absent.ToString());
            Assert.Contains("the manifest of platform linux/arm", absent.StdErr);
            Assert.Contains("which holds only linux/amd64, linux/arm64", absent.StdErr);
            Assert.True(chosen.ExitCode == 0, chosen.ToString());
            Assert.Equal(registry.Host + "/chosen/library/nginx:1.27\t" + TestLayout.DigestOf(arm64), chosenTag.StdOut.Trim());
        }
    }
}
