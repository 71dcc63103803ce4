using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using OciMirror.Integration.Tests.Corpus;
using OciMirror.Integration.Tests.Infrastructure;
using Xunit;

namespace OciMirror.Integration.Tests.Artifacts
{
    /// <summary>
    /// The seed scenario (oras issue 1202): per-platform builds pushed as files into untagged layouts, one index of
    /// two arm64 entries that differ only in os.version (el8, el9), pushed to a registry; then el9 taken back out,
    /// from the registry and from the untagged combined layout the user's jq script used to write.
    /// </summary>
    [Collection(RegistryCollection.Name)]
    public sealed class SeedScenarioTests : IDisposable
    {
        private const string ArtifactType = "application/vnd.example.pg.trunk";
        private readonly CorpusFixture _fixture;
        private readonly TempDirectory _work = new TempDirectory();

        public SeedScenarioTests(CorpusFixture fixture)
        {
            _fixture = fixture;
        }

        private string Host => _fixture.Registry.Host;

        public void Dispose() => _work.Dispose();

        [Fact]
        public async Task Two_per_platform_layouts_become_one_index_in_the_registry_and_el9_comes_back_out()
        {
            string el8 = await PlatformLayoutAsync("el8");
            string el9 = await PlatformLayoutAsync("el9");

            CliResult create = await CliRunner.RunAsync("index", "create", Host + "/seed/pg-trunk:1.2", "--plain-http", "--json",
                $"oci:{_work.Combine("el8")}=linux/arm64/v8:el8", $"oci:{_work.Combine("el9")}=linux/arm64/v8:el9", "--annotation", "org.opencontainers.image.version=1.2");

            Assert.True(create.ExitCode == 0, create.ToString());
            JsonElement index = await ArtifactProbe.ManifestAsync(Host, "seed/pg-trunk", "1.2");
            JsonElement[] entries = index.GetProperty("manifests").EnumerateArray().ToArray();
            Assert.Equal(new[] { el8, el9 }, entries.Select(e => e.GetProperty("digest").GetString()));
            Assert.All(entries, e => Assert.Equal("arm64", e.GetProperty("platform").GetProperty("architecture").GetString()));
            Assert.All(entries, e => Assert.Equal("v8", e.GetProperty("platform").GetProperty("variant").GetString()));
            Assert.Equal(new[] { "el8", "el9" }, entries.Select(e => e.GetProperty("platform").GetProperty("os.version").GetString()));
            Assert.All(entries, e => Assert.Equal(ArtifactType, e.GetProperty("artifactType").GetString()));
            Assert.Equal("1.2", index.GetProperty("annotations").GetProperty("org.opencontainers.image.version").GetString());
            Assert.Equal(create.JsonLines.Single().GetProperty("digest").GetString(), await RegistryProbe.ManifestDigestAsync(Host, "seed/pg-trunk", "1.2"));

            // Select el9: as an export to a bundle, listed with its os.version, and as the files.
            CliResult export = await CliRunner.RunAsync("export", Host + "/seed/pg-trunk:1.2", "--platform", "linux/arm64/v8:el9", "-o", _work.Combine("bundle"), "--plain-http", "--json");
            CliResult ls = await CliRunner.RunAsync("ls", _work.Combine("bundle"), "--json");
            CliResult pull = await CliRunner.RunAsync("pull", Host + "/seed/pg-trunk:1.2", "--platform", "linux/arm64/v8:el9", "-o", _work.Combine("out"), "--plain-http");

            Assert.True(export.ExitCode == 0, export.ToString());
            Assert.Equal(el9, export.JsonLines.Single().GetProperty("digest").GetString());
            Assert.Equal("linux/arm64/v8:el9", ls.JsonLines.Single().GetProperty("platforms")[0].GetString());
            Assert.True(pull.ExitCode == 0, pull.ToString());
            Assert.Equal("postgres trunk built on el9", File.ReadAllText(_work.Combine("out", "pg-trunk.tar.gz")));
        }

        [Fact]
        public async Task The_untagged_combined_layout_lists_os_version_and_imports_el9_under_a_tag()
        {
            string el8 = await PlatformLayoutAsync("el8");
            string el9 = await PlatformLayoutAsync("el9");
            string combined = _work.Combine("combined");
            CliResult create = await CliRunner.RunAsync("index", "create", $"oci:{combined}:corp.local/pg/trunk:1.2", "--json",
                $"oci:{_work.Combine("el8")}=linux/arm64/v8:el8", $"oci:{_work.Combine("el9")}=linux/arm64/v8:el9");
            Assert.True(create.ExitCode == 0, create.ToString());
            string indexDigest = create.JsonLines.Single().GetProperty("digest").GetString()!;
            Untag(combined); // what the seed user's jq script wrote: one untagged index

            CliResult ls = await CliRunner.RunAsync("ls", combined, "--json");
            await using RegistryInstance b = await RegistryInstance.StartAsync();
            CliResult import = await CliRunner.RunAsync("import", combined, "--to", b.Host + "/pg/trunk", "--tag", "1.2", "--platform", "linux/arm64/v8:el9", "--plain-http", "--json");
            CliResult whole = await CliRunner.RunAsync("import", combined, "--to", b.Host + "/pg/trunk", "--tag", "1.2-all", "--plain-http");
            CliResult pull = await CliRunner.RunAsync("pull", "oci:" + combined, "--platform", "linux/arm64/v8:el9", "-o", _work.Combine("out"));

            JsonElement entry = ls.JsonLines.Single();
            Assert.Equal(JsonValueKind.Null, entry.GetProperty("fullName").ValueKind);
            Assert.Equal(new[] { "linux/arm64/v8:el8", "linux/arm64/v8:el9" }, entry.GetProperty("platforms").EnumerateArray().Select(p => p.GetString()));
            Assert.True(import.ExitCode == 0, import.ToString());
            Assert.Equal(el9, await RegistryProbe.ManifestDigestAsync(b.Host, "pg/trunk", "1.2"));
            Assert.Equal(indexDigest, import.JsonLines.Single().GetProperty("resolvedDigest").GetString());
            Assert.True(whole.ExitCode == 0, whole.ToString());
            Assert.Equal(indexDigest, await RegistryProbe.ManifestDigestAsync(b.Host, "pg/trunk", "1.2-all"));
            Assert.True(pull.ExitCode == 0, pull.ToString());
            Assert.Equal("postgres trunk built on el9", File.ReadAllText(_work.Combine("out", "pg-trunk.tar.gz")));
        }

        [Fact]
        public async Task A_tag_for_an_import_of_several_entries_is_refused()
        {
            await PlatformLayoutAsync("el8");
            CliResult push = await CliRunner.RunAsync("push", $"oci:{_work.Combine("el8")}:corp.local/pg/trunk:other", _work.Combine("el8-src", "pg-trunk.tar.gz"));
            Assert.True(push.ExitCode == 0, push.ToString());

            CliResult import = await CliRunner.RunAsync("import", _work.Combine("el8"), "--to", Host + "/seed/refused", "--tag", "1.2", "--plain-http");

            Assert.Equal(2, import.ExitCode);
            Assert.Contains("2 entries", import.StdErr);
            Assert.Empty(await RegistryProbe.TagsAsync(Host, "seed/refused"));
        }

        /// <summary>The files of one platform pushed into their own layout, whose entry is then left untagged (as an oras layout without tag).</summary>
        private async Task<string> PlatformLayoutAsync(string os)
        {
            string source = _work.Combine(os + "-src", "pg-trunk.tar.gz");
            Directory.CreateDirectory(Path.GetDirectoryName(source)!);
            File.WriteAllText(source, "postgres trunk built on " + os);
            CliResult push = await CliRunner.RunAsync("push", $"oci:{_work.Combine(os)}:corp.local/pg/trunk:build-{os}", source + ":application/vnd.example.pg.trunk.layer.v1+gzip", "--artifact-type", ArtifactType, "--json");
            Assert.True(push.ExitCode == 0, push.ToString());
            Untag(_work.Combine(os));
            return push.JsonLines.Single().GetProperty("digest").GetString()!;
        }

        /// <summary>Removes the names of every index.json entry.</summary>
        private static void Untag(string layout)
        {
            string path = Path.Combine(layout, "index.json");
            JsonNode index = JsonNode.Parse(File.ReadAllText(path))!;
            foreach (JsonNode? entry in index["manifests"]!.AsArray())
            {
                entry!.AsObject().Remove("annotations");
            }

            File.WriteAllText(path, index.ToJsonString());
        }
    }
}
