using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using OciMirror.Integration.Tests.Corpus;
using OciMirror.Integration.Tests.Infrastructure;
using Xunit;

namespace OciMirror.Integration.Tests.Artifacts
{
    /// <summary>--platform on export and import against the real registry: OCI indexes, Docker manifest lists, single images, filtered indexes.</summary>
    [Collection(RegistryCollection.Name)]
    public sealed class PlatformSelectionTests : IDisposable
    {
        private readonly CorpusFixture _fixture;
        private readonly TempDirectory _work = new TempDirectory();

        public PlatformSelectionTests(CorpusFixture fixture)
        {
            _fixture = fixture;
        }

        private string Host => _fixture.Registry.Host;

        private TestCorpus Corpus => _fixture.Corpus;

        public void Dispose() => _work.Dispose();

        [Theory]
        [InlineData(CorpusBuilder.Alpha, "multi", "linux/arm64", "arm64")] // OCI index
        [InlineData(CorpusBuilder.Alpha, "multi", "linux/amd64", "amd64")]
        [InlineData(CorpusBuilder.Beta, "list", "linux/aarch64/v8", "arm64")] // Docker manifest list, another spelling
        public async Task One_platform_of_an_index_is_exported_as_that_child_manifest(string repository, string tag, string platform, string architecture)
        {
            CorpusTag index = Corpus.Tag(repository, tag);
            string child = await ChildAsync(repository, tag, architecture);
            string bundle = _work.Combine("bundle-" + architecture);

            CliResult r = await CliRunner.RunAsync("export", index.ReferenceAt(Host), "--platform", platform, "-o", bundle, "--plain-http", "--json");

            Assert.True(r.ExitCode == 0, r.ToString());
            JsonElement result = r.JsonLines.Single();
            Assert.Equal(child, result.GetProperty("digest").GetString());
            Assert.Equal(index.Digest, result.GetProperty("resolvedDigest").GetString());
            Assert.Contains("child manifest", result.GetProperty("note").GetString());
            var entry = BundleInspector.IndexEntries(bundle).Single();
            Assert.Equal(child, entry.Digest);
            Assert.Equal(index.ReferenceAt(Host), entry.Annotations["io.containerd.image.name"]);
            Assert.DoesNotContain(index.Digest.Substring(7), BundleInspector.Files(bundle).Select(Path.GetFileName)); // the index is not copied
            CliResult ls = await CliRunner.RunAsync("ls", bundle, "--json");
            Assert.Equal("linux/" + architecture, ls.JsonLines.Single().GetProperty("platforms")[0].GetString());
        }

        [Fact]
        public async Task A_single_image_with_its_own_platform_is_copied_as_it_is_and_another_platform_is_a_clear_error()
        {
            CorpusTag image = Corpus.Tag(CorpusBuilder.Alpha, "oci-1");

            CliResult same = await CliRunner.RunAsync("export", image.ReferenceAt(Host), "--platform", "linux/amd64", "-o", _work.Combine("same"), "--plain-http", "--json");
            CliResult other = await CliRunner.RunAsync("export", image.ReferenceAt(Host), "--platform", "linux/arm64", "-o", _work.Combine("other"), "--plain-http");

            Assert.True(same.ExitCode == 0, same.ToString());
            Assert.Equal(image.Digest, same.JsonLines.Single().GetProperty("digest").GetString());
            Assert.Contains("single-platform image", same.JsonLines.Single().GetProperty("note").GetString());
            Assert.Equal(1, other.ExitCode);
            Assert.Contains("single-platform image for linux/amd64", other.StdErr);
            Assert.Contains("not linux/arm64", other.StdErr);
            Assert.False(Directory.Exists(_work.Combine("other")));
        }

        [Fact]
        public async Task Several_platforms_keep_the_index_whole_or_filter_it_on_request_and_preserve_digests_refuses()
        {
            string three = await ThreePlatformIndexAsync();

            CliResult whole = await CliRunner.RunAsync("export", three, "--platform", "linux/amd64", "--platform", "linux/arm64", "-o", _work.Combine("whole"), "--plain-http", "--json");
            CliResult filtered = await CliRunner.RunAsync("export", three, "--platform", "linux/amd64", "--platform", "linux/arm64", "--filter-index", "-o", _work.Combine("filtered"), "--plain-http", "--json");
            CliResult refused = await CliRunner.RunAsync("export", three, "--platform", "linux/amd64", "--platform", "linux/arm64", "--filter-index", "--preserve-digests", "-o", _work.Combine("refused"), "--plain-http");

            string indexDigest = (await RegistryProbe.ManifestDigestAsync(Host, "platforms/three", "v1"))!;
            Assert.True(whole.ExitCode == 0, whole.ToString());
            Assert.Equal(indexDigest, whole.JsonLines.Single().GetProperty("digest").GetString());
            Assert.Contains("kept whole", whole.JsonLines.Single().GetProperty("note").GetString());

            Assert.True(filtered.ExitCode == 0, filtered.ToString());
            JsonElement result = filtered.JsonLines.Single();
            string newDigest = result.GetProperty("digest").GetString()!;
            Assert.NotEqual(indexDigest, newDigest);
            Assert.Equal(indexDigest, result.GetProperty("resolvedDigest").GetString());
            Assert.Contains("warning:", filtered.StdErr);
            Assert.Contains("new digest", filtered.StdErr);
            Assert.Equal(newDigest, BundleInspector.IndexEntries(_work.Combine("filtered")).Single().Digest);
            byte[] filteredIndex = File.ReadAllBytes(_work.Combine("filtered", "blobs", "sha256", newDigest.Substring(7)));
            using JsonDocument doc = JsonDocument.Parse(filteredIndex);
            Assert.Equal(new[] { "amd64", "arm64" }, doc.RootElement.GetProperty("manifests").EnumerateArray().Select(m => m.GetProperty("platform").GetProperty("architecture").GetString()));
            Assert.Empty(BundleInspector.BlobProblems(_work.Combine("filtered")));

            Assert.Equal(1, refused.ExitCode);
            Assert.Contains("digests are to be preserved", refused.StdErr);
            Assert.False(Directory.Exists(_work.Combine("refused")));
        }

        [Fact]
        public async Task Import_takes_one_platform_from_a_bundle_into_the_registry()
        {
            await using RegistryInstance b = await RegistryInstance.StartAsync();
            CorpusTag list = Corpus.Tag(CorpusBuilder.Beta, "list");
            string bundle = _work.Combine("all");
            CliResult export = await CliRunner.RunAsync("export", list.ReferenceAt(Host), "-o", bundle, "--plain-http");
            Assert.True(export.ExitCode == 0, export.ToString());
            string arm = await ChildAsync(CorpusBuilder.Beta, "list", "arm64");

            CliResult import = await CliRunner.RunAsync("import", bundle, "--to", b.Host, "--platform", "linux/arm64", "--plain-http", "--json");

            Assert.True(import.ExitCode == 0, import.ToString());
            Assert.Equal(arm, import.JsonLines.Single().GetProperty("digest").GetString());
            Assert.Equal(arm, await RegistryProbe.ManifestDigestAsync(b.Host, CorpusBuilder.Beta, "list"));
        }

        [Theory]
        [InlineData("linux")]
        [InlineData("linux/amd64:")]
        public async Task A_malformed_platform_is_a_usage_error(string platform)
        {
            CliResult r = await CliRunner.RunAsync("export", Corpus.Tag(CorpusBuilder.Alpha, "multi").ReferenceAt(Host), "--platform", platform, "-o", _work.Combine("x"), "--plain-http");

            Assert.Equal(2, r.ExitCode);
            Assert.Contains("os/arch[/variant][:os.version]", r.StdErr);
        }

        [Fact]
        public async Task Filter_index_without_a_platform_is_a_usage_error()
        {
            CliResult r = await CliRunner.RunAsync("export", Corpus.Tag(CorpusBuilder.Alpha, "multi").ReferenceAt(Host), "--filter-index", "-o", _work.Combine("x"), "--plain-http");

            Assert.Equal(2, r.ExitCode);
            Assert.Contains("--filter-index needs --platform", r.StdErr);
        }

        /// <summary>An index of three platforms in platforms/three:v1, composed by index create from corpus manifests.</summary>
        private async Task<string> ThreePlatformIndexAsync()
        {
            string amd = await ChildAsync(CorpusBuilder.Alpha, "multi", "amd64");
            string arm = await ChildAsync(CorpusBuilder.Alpha, "multi", "arm64");
            string other = Corpus.Tag(CorpusBuilder.Beta, "v2").ReferenceAt(Host);
            CliResult create = await CliRunner.RunAsync("index", "create", Host + "/platforms/three:v1", "--plain-http",
                $"{Host}/{CorpusBuilder.Alpha}@{amd}", $"{Host}/{CorpusBuilder.Alpha}@{arm}", other + "=linux/ppc64le");
            Assert.True(create.ExitCode == 0, create.ToString());
            return Host + "/platforms/three:v1";
        }

        /// <summary>The digest of the child for <paramref name="architecture"/> of an index in registry A.</summary>
        private async Task<string> ChildAsync(string repository, string tag, string architecture)
        {
            JsonElement index = await ArtifactProbe.ManifestAsync(Host, repository, tag);
            return index.GetProperty("manifests").EnumerateArray()
                .Single(m => m.GetProperty("platform").GetProperty("architecture").GetString() == architecture)
                .GetProperty("digest").GetString()!;
        }
    }
}
