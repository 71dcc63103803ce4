using System.Formats.Tar;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using OciMirror.Integration.Tests.Bundles;
using OciMirror.Integration.Tests.Infrastructure;
using Xunit;

namespace OciMirror.Integration.Tests.Engine
{
    /// <summary>
    /// Issue 7.18 against the real registry: a .tgz or a stream OciMirror wrote is imported in one pass
    /// without leaving a staging repository in the catalog, and reports the bytes a directory import
    /// reports (7.11); a foreign archive is staged and the summary names the staging repository.
    /// </summary>
    public sealed class OnePassImportCliTests
    {
        private static readonly HttpClient Http = new HttpClient();

        [Fact]
        public async Task AnArchiveOciMirrorWrote_LeavesNoStagingRepository_FromAFileOrStdin()
        {
            await using RegistryInstance source = await RegistryInstance.StartAsync();
            await using RegistryInstance target = await RegistryInstance.StartAsync();
            using var temp = new TempDirectory();
            var layout = new TestLayout();
            JsonObject shared = layout.Add(TestLayout.OciLayer, "a base layer every repository shares");
            foreach (string repository in new[] { "one", "two", "three" })
            {
                layout.Entry(layout.Image(repository, null, shared), $"docker.io/library/{repository}:1", "1");
            }

            Assert.Equal(0, (await CliRunner.RunAsync("import", layout.WriteDirectory(temp.Combine("layout")), "--to", source.Host, "--plain-http")).ExitCode);
            string[] references = new[] { "one", "two", "three" }.Select(r => $"{source.Host}/library/{r}:1").ToArray();
            string tgz = temp.Combine("bundle.tgz");
            string dir = temp.Combine("bundle");
            Assert.Equal(0, (await CliRunner.RunAsync(new[] { "export", "-o", tgz, "--plain-http" }.Concat(references).ToArray())).ExitCode);
            Assert.Equal(0, (await CliRunner.RunAsync(new[] { "export", "-o", dir, "--plain-http" }.Concat(references).ToArray())).ExitCode);

            CliResult fromFile = await CliRunner.RunAsync("import", tgz, "--to", target.Host + "/file", "--plain-http");
            CliResult fromStdin = await BundleCli.RunWithStdinFileAsync(tgz, "import", "-", "--to", target.Host + "/stdin", "--plain-http");
            CliResult fromDirectory = await CliRunner.RunAsync("import", dir, "--to", target.Host + "/dir", "--plain-http");

            foreach (CliResult import in new[] { fromFile, fromStdin, fromDirectory })
            {
                Assert.True(import.ExitCode == 0, import.ToString());
                Assert.DoesNotContain("staged", import.StdErr);
            }

            string[] catalog = await CatalogAsync(target);
            Assert.DoesNotContain(catalog, r => r.Contains("staging"));
            Assert.Equal(9, catalog.Length);
            Assert.Equal(Transferred(fromDirectory), Transferred(fromFile));
            Assert.Equal(Transferred(fromDirectory), Transferred(fromStdin));
        }

        [Fact]
        public async Task AForeignArchive_IsStaged_AndTheSummarySaysWhere()
        {
            await using RegistryInstance registry = await RegistryInstance.StartAsync();
            using var temp = new TempDirectory();
            var layout = new TestLayout();
            layout.Entry(layout.Image("foreign"), "docker.io/library/foreign:1", "1");
            string dir = layout.WriteDirectory(temp.Combine("layout"));
            string tar = temp.Combine("foreign.tar");
            await TarFile.CreateFromDirectoryAsync(dir, tar, includeBaseDirectory: false);

            CliResult import = await BundleCli.RunWithStdinFileAsync(tar, "import", "-", "--to", registry.Host, "--plain-http");

            Assert.True(import.ExitCode == 0, import.ToString());
            Assert.Contains($"blobs staged in {registry.Host}/ocimirror-staging", import.StdErr);
        }

        [Fact]
        public async Task AStagingLimitThatIsNotASize_IsAUsageError()
        {
            CliResult import = await CliRunner.RunAsync("import", "-", "--to", "127.0.0.1:5000", "--staging-limit", "lots");

            Assert.True(import.ExitCode == 2, import.ToString());
            Assert.Contains("--staging-limit 'lots' is not a size", import.StdErr);
        }

        private static string Transferred(CliResult import) =>
            import.StdErr.Split('\n').Single(l => l.StartsWith("import: ")).Split(';')[1].Trim();

        private static async Task<string[]> CatalogAsync(RegistryInstance registry)
        {
            using JsonDocument catalog = JsonDocument.Parse(await Http.GetStringAsync($"http://{registry.Host}/v2/_catalog?n=1000"));
            return catalog.RootElement.GetProperty("repositories").EnumerateArray().Select(r => r.GetString()!).ToArray();
        }
    }
}
