using System.Linq;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using OciMirror.Integration.Tests.Infrastructure;
using Xunit;

namespace OciMirror.Integration.Tests.Engine
{
    /// <summary>
    /// Issue 7.2: the sizes and digests a bundle declares are checked against the bundle's bytes whether or
    /// not the destination already holds the content; a bundle that verify calls damaged never produces a tag.
    /// </summary>
    public sealed class DamagedBundleImportTests
    {
        [Fact]
        public async Task AConfigShorterThanDeclared_FailsTheImport_EvenWhenTheRegistryHasIt()
        {
            await using RegistryInstance registry = await RegistryInstance.StartAsync();
            using var temp = new TempDirectory();
            string config = "{\"architecture\":\"amd64\",\"os\":\"linux\",\"padding\":\"" + new string('x', 530) + "\"}";
            var good = new TestLayout();
            JsonObject goodConfig = good.Add(TestLayout.OciConfig, config);
            good.Entry(good.Manifest(TestLayout.OciManifest, goodConfig, new[] { good.Add(TestLayout.OciLayer, "layer of good") }), "docker.io/library/app:good", "good");

            var bad = new TestLayout();
            JsonObject declared = bad.Add(TestLayout.OciConfig, config);
            declared["size"] = TestLayout.SizeOf(declared) + 1; // the manifest declares one byte more than the blob holds
            bad.Entry(bad.Manifest(TestLayout.OciManifest, declared, new[] { bad.Add(TestLayout.OciLayer, "layer of bad") }), "docker.io/library/app:bad", "bad");
            string goodBundle = good.WriteDirectory(temp.Combine("good"));
            string badBundle = bad.WriteDirectory(temp.Combine("bad"));

            CliResult first = await CliRunner.RunAsync("import", goodBundle, "--to", registry.Host, "--plain-http");
            CliResult verify = await CliRunner.RunAsync("verify", badBundle);
            CliResult import = await CliRunner.RunAsync("import", badBundle, "--to", registry.Host, "--plain-http");
            CliResult tags = await CliRunner.RunAsync("tags", registry.Host + "/library/app", "--plain-http");

            Assert.True(first.ExitCode == 0, first.ToString());
            Assert.True(verify.ExitCode == 1, verify.ToString());
            Assert.True(import.ExitCode == 1, import.ToString());
            Assert.Contains(TestLayout.DigestOf(goodConfig), import.StdErr);
            Assert.Equal(new[] { registry.Host + "/library/app:good" }, Lines(tags.StdOut));
        }

        [Fact]
        public async Task ACorruptLayer_FailsTheImport_AndAReImport_WhenTheRegistryHasTheGoodOne()
        {
            await using RegistryInstance registry = await RegistryInstance.StartAsync();
            using var temp = new TempDirectory();
            var layout = new TestLayout();
            JsonObject shared = layout.Add(TestLayout.OciLayer, "a layer both images share");
            layout.Entry(layout.Image("first", null, shared), "docker.io/library/app:first", "first");
            layout.Entry(layout.Image("second", null, shared), "docker.io/library/app:second", "second");
            string bundle = layout.WriteDirectory(temp.Combine("bundle"));
            CliResult imported = await CliRunner.RunAsync("import", bundle, "--to", registry.Host, "--plain-http", "--ref", "first");
            Assert.True(imported.ExitCode == 0, imported.ToString());

            byte[] bytes = layout.Bytes(shared);
            bytes[0] ^= 0xFF; // same size, wrong bytes
            layout.Replace(shared, bytes);
            layout.WriteDirectory(bundle);

            CliResult verify = await CliRunner.RunAsync("verify", bundle);
            CliResult fresh = await CliRunner.RunAsync("import", bundle, "--to", registry.Host, "--plain-http", "--ref", "second");
            CliResult again = await CliRunner.RunAsync("import", bundle, "--to", registry.Host, "--plain-http", "--ref", "first");
            CliResult tags = await CliRunner.RunAsync("tags", registry.Host + "/library/app", "--plain-http");

            Assert.True(verify.ExitCode == 1, verify.ToString());
            Assert.True(fresh.ExitCode == 1, fresh.ToString());
            Assert.Contains(TestLayout.DigestOf(shared), fresh.StdErr);
            Assert.True(again.ExitCode == 1, again.ToString()); // nothing to push, and still refused
            Assert.Contains(TestLayout.DigestOf(shared), again.StdErr);
            Assert.Equal(new[] { registry.Host + "/library/app:first" }, Lines(tags.StdOut));
        }

        private static string[] Lines(string text) => text.Split('\n').Where(l => l.Length > 0).ToArray();
    }
}
