using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using OciMirror.Integration.Tests.Infrastructure;
using Xunit;

namespace OciMirror.Integration.Tests.Bundles
{
    /// <summary>
    /// Issue 7 item 10: the hint under an import error names the real next step — a blob missing from a local
    /// bundle is not "check the repository and tag", a damaged local bundle is not "retry", a foreign layer the
    /// registry refuses is not "the registry is overloaded" — against the real distribution registry.
    /// </summary>
    public sealed class HintCliTests
    {
        private static (LayoutWriter Layout, string Layer) OneImage(TempDirectory temp)
        {
            var layout = new LayoutWriter(temp.Combine("bundle"));
            JsonObject manifest = layout.AddImage("app", "docker.io/team/app:1", "1");
            JsonNode doc = JsonNode.Parse(File.ReadAllText(layout.BlobPath(manifest["digest"]!.GetValue<string>())))!;
            return (layout, doc["layers"]![0]!["digest"]!.GetValue<string>());
        }

        private static string Hint(CliResult r) => r.StdErr.Split('\n').Single(l => l.TrimStart().StartsWith("hint:"));

        [Theory]
        [InlineData(false)]
        [InlineData(true)]
        public async Task BlobMissingFromALocalBundle_PointsAtVerifyAndTheBundle_NotAtTheRegistryTags(bool tar)
        {
            using var temp = new TempDirectory();
            (LayoutWriter layout, string layer) = OneImage(temp);
            File.Delete(layout.BlobPath(layer));
            string bundle = tar ? LayoutWriter.Tar(layout.Root, temp.Combine("bundle.tar")) : layout.Root;
            await using RegistryInstance registry = await RegistryInstance.StartAsync();

            CliResult import = await CliRunner.RunAsync("import", bundle, "--to", registry.Host, "--plain-http");

            Assert.True(import.ExitCode == 1, import.ToString());
            Assert.Contains(layer, import.StdErr);
            Assert.Contains("bundle is incomplete", Hint(import));
            Assert.Contains("verify", Hint(import));
            Assert.DoesNotContain("tags", Hint(import));
        }

        [Theory]
        [InlineData(false)]
        [InlineData(true)]
        public async Task DamagedLocalBundle_SaysTheBundleIsDamaged_NotRetry(bool tar)
        {
            using var temp = new TempDirectory();
            (LayoutWriter layout, string layer) = OneImage(temp);
            byte[] bytes = File.ReadAllBytes(layout.BlobPath(layer));
            bytes[0] ^= 0x5A;
            File.WriteAllBytes(layout.BlobPath(layer), bytes);
            string bundle = tar ? LayoutWriter.Tar(layout.Root, temp.Combine("bundle.tar")) : layout.Root;
            await using RegistryInstance registry = await RegistryInstance.StartAsync();

            CliResult import = await CliRunner.RunAsync("import", bundle, "--to", registry.Host, "--plain-http");

            Assert.True(import.ExitCode == 1, import.ToString());
            Assert.Contains("bundle is damaged", Hint(import));
            Assert.DoesNotContain("Retry", Hint(import));
            Assert.DoesNotContain("registry", Hint(import));
        }

        [Fact]
        public async Task ForeignLayerRefusedByTheRegistry_NamesForeignLayersAndTheSetting_NotAnOverload()
        {
            using var temp = new TempDirectory();
            var layout = new LayoutWriter(temp.Combine("bundle"));
            JsonObject config = layout.Blob(Encoding.UTF8.GetBytes("{\"architecture\":\"amd64\",\"os\":\"windows\"}"), "application/vnd.docker.container.image.v1+json");
            JsonObject layer = layout.Blob(Encoding.UTF8.GetBytes("distributable layer"), "application/vnd.docker.image.rootfs.diff.tar.gzip");
            string foreign = LayoutWriter.Sha256(Encoding.UTF8.GetBytes("foreign base layer, not in the bundle"));
            var manifest = new JsonObject
            {
                ["schemaVersion"] = 2,
                ["mediaType"] = "application/vnd.docker.distribution.manifest.v2+json",
                ["config"] = config,
                ["layers"] = new JsonArray(
                    new JsonObject
                    {
                        ["mediaType"] = "application/vnd.docker.image.rootfs.foreign.diff.tar.gzip",
                        ["digest"] = foreign,
                        ["size"] = 1234,
                        ["urls"] = new JsonArray("https://mcr.example/v2/windows/servercore/blobs/" + foreign),
                    },
                    layer),
            };
            layout.Add(layout.Blob(Encoding.UTF8.GetBytes(manifest.ToJsonString()), "application/vnd.docker.distribution.manifest.v2+json"),
                ("io.containerd.image.name", "docker.io/library/win:1"), ("org.opencontainers.image.ref.name", "1"));
            await using RegistryInstance registry = await RegistryInstance.StartAsync();

            CliResult import = await CliRunner.RunAsync("import", layout.Root, "--to", registry.Host, "--plain-http");

            Assert.True(import.ExitCode == 1, import.ToString());
            Assert.Contains("foreign (non-distributable) layer", import.StdErr);
            Assert.Contains("validation: manifests: urls: allow", Hint(import));
            Assert.DoesNotContain("overloaded", Hint(import));
        }
    }
}
