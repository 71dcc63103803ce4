using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using OciMirror.Integration.Tests.Corpus;
using OciMirror.Integration.Tests.Infrastructure;
using Xunit;

namespace OciMirror.Integration.Tests.Artifacts
{
    /// <summary>ocimirror push / pull against the real registry: the ORAS README example, round trips, subjects, bundles, a hostile artifact.</summary>
    [Collection(RegistryCollection.Name)]
    public sealed class FileArtifactTests : IDisposable
    {
        private readonly CorpusFixture _fixture;
        private readonly TempDirectory _work = new TempDirectory();

        public FileArtifactTests(CorpusFixture fixture)
        {
            _fixture = fixture;
        }

        private string Host => _fixture.Registry.Host;

        public void Dispose() => _work.Dispose();

        /// <summary>
        /// The example of the ORAS README (oras-project/oras, README.md until 2021, "Pushing artifacts with config files"
        /// and "multiple files"): the same bytes give the config and file-layer descriptors the README shows; the docs
        /// directory is one gzipped tar layer with oras's unpack annotations.
        /// </summary>
        [Fact]
        public async Task The_oras_readme_example_gives_the_readme_descriptors()
        {
            Write("artifact.txt", "hello world\n");
            Write("docs/readme.md", "Docs on this artifact\n");
            Write("docs/readme2.md", "More content for this artifact\n");
            Write("config.json", "{\"doc\":\"readme.md\"}\n");

            CliResult push = await Cli("push", Host + "/files/hello-artifact:v2", "--plain-http",
                "--config", "@config.json:application/vnd.acme.rocket.config.v1+json",
                "@artifact.txt:text/plain", "@docs/:application/vnd.acme.rocket.docs.layer.v1+tar");

            Assert.True(push.ExitCode == 0, push.ToString());
            JsonElement manifest = await ArtifactProbe.ManifestAsync(Host, "files/hello-artifact", "v2");
            Assert.Equal(2, manifest.GetProperty("schemaVersion").GetInt32());
            Assert.False(manifest.TryGetProperty("artifactType", out _));
            JsonElement config = manifest.GetProperty("config");
            Assert.Equal("application/vnd.acme.rocket.config.v1+json", config.GetProperty("mediaType").GetString());
            Assert.Equal("sha256:7aa5d0dee9a3a73c81db4356cf7aa5666e175d96e68ee763eeb977bd7ba59ee5", config.GetProperty("digest").GetString());
            Assert.Equal(20, config.GetProperty("size").GetInt64());
            JsonElement[] layers = manifest.GetProperty("layers").EnumerateArray().ToArray();
            Assert.Equal(2, layers.Length);
            Assert.Equal("text/plain", layers[0].GetProperty("mediaType").GetString());
            Assert.Equal("sha256:a948904f2f0f479b8f8197694b30184b0d2ed1c1cd2a1ec0fb85d299a192a447", layers[0].GetProperty("digest").GetString());
            Assert.Equal(12, layers[0].GetProperty("size").GetInt64());
            Assert.Equal("artifact.txt", layers[0].GetProperty("annotations").GetProperty("org.opencontainers.image.title").GetString());
            Assert.Equal("application/vnd.acme.rocket.docs.layer.v1+tar", layers[1].GetProperty("mediaType").GetString());
            JsonElement docs = layers[1].GetProperty("annotations");
            Assert.Equal("docs", docs.GetProperty("org.opencontainers.image.title").GetString());
            Assert.Equal("true", docs.GetProperty("io.deis.oras.content.unpack").GetString());
            byte[] blob = await ArtifactProbe.BlobAsync(Host, "files/hello-artifact", layers[1].GetProperty("digest").GetString()!);
            Assert.Equal(layers[1].GetProperty("digest").GetString(), ArtifactProbe.Sha256(blob));
            Assert.Equal(ArtifactProbe.Sha256(Gunzip(blob)), docs.GetProperty("io.deis.oras.content.digest").GetString());

            CliResult pull = await Cli("pull", Host + "/files/hello-artifact:v2", "--plain-http", "-o", "@out");

            Assert.True(pull.ExitCode == 0, pull.ToString());
            Assert.Equal("hello world\n", Read("out/artifact.txt"));
            Assert.Equal("More content for this artifact\n", Read("out/docs/readme2.md"));
            Assert.Equal(new[] { "out/artifact.txt", "out/docs/readme.md", "out/docs/readme2.md" }, Files("out"));
        }

        [Fact]
        public async Task Without_a_config_it_is_an_oci_1_1_artifact_with_the_empty_config()
        {
            Write("hi.txt", "hi\n");

            CliResult push = await Cli("push", Host + "/files/defaults:v1", "@hi.txt", "--plain-http");

            Assert.True(push.ExitCode == 0, push.ToString());
            JsonElement manifest = await ArtifactProbe.ManifestAsync(Host, "files/defaults", "v1");
            Assert.Equal("application/vnd.oci.image.manifest.v1+json", manifest.GetProperty("mediaType").GetString());
            Assert.Equal("application/vnd.unknown.artifact.v1", manifest.GetProperty("artifactType").GetString());
            JsonElement config = manifest.GetProperty("config");
            Assert.Equal("application/vnd.oci.empty.v1+json", config.GetProperty("mediaType").GetString());
            Assert.Equal("sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a", config.GetProperty("digest").GetString());
            Assert.Equal("{}", Encoding.UTF8.GetString(await ArtifactProbe.BlobAsync(Host, "files/defaults", config.GetProperty("digest").GetString()!)));
            JsonElement layer = manifest.GetProperty("layers")[0];
            Assert.Equal("application/vnd.oci.image.layer.v1.tar", layer.GetProperty("mediaType").GetString());
            Assert.False(manifest.TryGetProperty("annotations", out _)); // no creation time: the same files give the same digest
        }

        [Fact]
        public async Task Files_annotations_and_a_directory_round_trip_and_a_second_push_is_skipped()
        {
            Write("a.bin", "binary\0content");
            Write("tree/x/y.txt", "deep");
            Write("tree/top.txt", "top");
            Write("ann.json", "{\"$manifest\":{\"from\":\"file\"},\"$config\":{\"c\":\"1\"},\"a.bin\":{\"fun\":\"yes\"}}");
            string[] args = { "push", Host + "/files/round:v1", "--plain-http", "--artifact-type", "application/vnd.example.thing",
                "--annotation", "org.opencontainers.image.version=1.2", "--annotation-file", "@ann.json", "@a.bin:application/x-thing", "@tree", "--json" };

            CliResult push = await Cli(args);
            CliResult again = await Cli(args);

            Assert.True(push.ExitCode == 0, push.ToString());
            Assert.Equal("copied", push.JsonLines[0].GetProperty("status").GetString());
            Assert.Equal("skipped", again.JsonLines[0].GetProperty("status").GetString());
            Assert.Equal(push.JsonLines[0].GetProperty("digest").GetString(), again.JsonLines[0].GetProperty("digest").GetString());
            JsonElement manifest = await ArtifactProbe.ManifestAsync(Host, "files/round", "v1");
            Assert.Equal("application/vnd.example.thing", manifest.GetProperty("artifactType").GetString());
            Assert.Equal("1.2", manifest.GetProperty("annotations").GetProperty("org.opencontainers.image.version").GetString());
            Assert.Equal("file", manifest.GetProperty("annotations").GetProperty("from").GetString());
            Assert.Equal("1", manifest.GetProperty("config").GetProperty("annotations").GetProperty("c").GetString());
            JsonElement first = manifest.GetProperty("layers")[0];
            Assert.Equal("application/x-thing", first.GetProperty("mediaType").GetString());
            Assert.Equal("yes", first.GetProperty("annotations").GetProperty("fun").GetString());

            CliResult pull = await Cli("pull", Host + "/files/round:v1", "--plain-http", "-o", "@out", "--json");

            Assert.True(pull.ExitCode == 0, pull.ToString());
            Assert.Equal(new[] { "a.bin", "tree" }, pull.JsonLines.Select(j => j.GetProperty("title").GetString()));
            Assert.Equal("binary\0content", Read("out/a.bin"));
            Assert.Equal("deep", Read("out/tree/x/y.txt"));
            Assert.Equal(new[] { "out/a.bin", "out/tree/top.txt", "out/tree/x/y.txt" }, Files("out"));
        }

        [Fact]
        public async Task A_subject_attaches_the_artifact_to_a_manifest_of_the_repository()
        {
            Write("app.txt", "the app");
            Write("sbom.json", "{\"spdxVersion\":\"SPDX-2.3\"}");
            CliResult app = await Cli("push", Host + "/files/subject:v1", "@app.txt", "--plain-http", "--json");
            string subject = app.JsonLines[0].GetProperty("digest").GetString()!;

            CliResult sbom = await Cli("push", Host + "/files/subject:v1-sbom", "@sbom.json:application/spdx+json", "--artifact-type", "application/spdx+json", "--subject", "v1", "--plain-http");
            CliResult elsewhere = await Cli("push", Host + "/files/subject:bad", "@sbom.json", "--subject", Host + "/files/other:v1", "--plain-http");

            Assert.True(sbom.ExitCode == 0, sbom.ToString());
            JsonElement manifest = await ArtifactProbe.ManifestAsync(Host, "files/subject", "v1-sbom");
            Assert.Equal(subject, manifest.GetProperty("subject").GetProperty("digest").GetString());
            Assert.Equal("application/vnd.oci.image.manifest.v1+json", manifest.GetProperty("subject").GetProperty("mediaType").GetString());
            Assert.Equal(1, elsewhere.ExitCode);
            Assert.Contains("referrers are listed per repository", elsewhere.StdErr);
            Assert.Null(await RegistryProbe.ManifestDigestAsync(Host, "files/subject", "bad"));
        }

        [Fact]
        public async Task A_large_file_round_trips_through_the_registry()
        {
            string big = _work.Combine("big.bin");
            var block = new byte[1024 * 1024];
            new Random(7).NextBytes(block);
            using (FileStream stream = File.Create(big))
            {
                for (int i = 0; i < 64; i++)
                {
                    block[0] = (byte)i;
                    stream.Write(block);
                }
            }

            CliResult push = await Cli("push", Host + "/files/big:v1", "@big.bin:application/octet-stream", "--plain-http");
            CliResult pull = await Cli("pull", Host + "/files/big:v1", "--plain-http", "-o", "@out");

            Assert.True(push.ExitCode == 0, push.ToString());
            Assert.True(pull.ExitCode == 0, pull.ToString());
            Assert.Equal(ArtifactProbe.Sha256(File.ReadAllBytes(big)), ArtifactProbe.Sha256(File.ReadAllBytes(_work.Combine("out", "big.bin"))));
        }

        [Fact]
        public async Task Push_into_a_tar_bundle_and_pull_from_it_without_a_registry()
        {
            Write("hi.txt", "from a bundle");
            string bundle = "oci:" + _work.Combine("files.tar") + ":corp.local/files/hi:v1";

            CliResult push = await Cli("push", bundle, "@hi.txt");
            CliResult ls = await Cli("ls", _work.Combine("files.tar"), "--json");
            CliResult pull = await Cli("pull", bundle, "-o", "@out");

            Assert.True(push.ExitCode == 0, push.ToString());
            Assert.Equal("corp.local/files/hi:v1", ls.JsonLines.Single().GetProperty("fullName").GetString());
            Assert.True(pull.ExitCode == 0, pull.ToString());
            Assert.Equal("from a bundle", Read("out/hi.txt"));
        }

        [Theory]
        [InlineData("../evil.txt")]
        [InlineData("/tmp/evil.txt")]
        [InlineData("sub\\..\\..\\evil.txt")]
        public async Task A_hostile_title_is_refused_and_nothing_is_written(string title)
        {
            string repository = "files/hostile" + Math.Abs(title.GetHashCode());
            var good = new CorpusContent(Encoding.UTF8.GetBytes("fine"), "application/vnd.oci.image.layer.v1.tar");
            var bad = new CorpusContent(Encoding.UTF8.GetBytes("evil " + title), "application/vnd.oci.image.layer.v1.tar");
            var empty = new CorpusContent(Encoding.UTF8.GetBytes("{}"), "application/vnd.oci.empty.v1+json");
            string manifestJson = JsonSerializer.Serialize(new Dictionary<string, object>
            {
                ["schemaVersion"] = 2,
                ["mediaType"] = "application/vnd.oci.image.manifest.v1+json",
                ["artifactType"] = "application/vnd.example.hostile",
                ["config"] = new { mediaType = empty.MediaType, digest = empty.Digest, size = empty.Size },
                ["layers"] = new object[]
                {
                    new { mediaType = good.MediaType, digest = good.Digest, size = good.Size, annotations = new Dictionary<string, string> { ["org.opencontainers.image.title"] = "good.txt" } },
                    new { mediaType = bad.MediaType, digest = bad.Digest, size = bad.Size, annotations = new Dictionary<string, string> { ["org.opencontainers.image.title"] = title } },
                },
            });
            var manifest = new CorpusContent(Encoding.UTF8.GetBytes(manifestJson), "application/vnd.oci.image.manifest.v1+json");
            var uploads = new[] { new CorpusUpload(repository, empty, false, null), new CorpusUpload(repository, good, false, null), new CorpusUpload(repository, bad, false, null), new CorpusUpload(repository, manifest, true, "v1") };
            await CorpusPusher.PushAsync(new TestCorpus(uploads, Array.Empty<CorpusTag>(), new Dictionary<string, IReadOnlyCollection<string>>()), _fixture.Registry.BaseUri, default);
            Directory.CreateDirectory(_work.Combine("deep", "out"));

            CliResult pull = await Cli("pull", Host + "/" + repository + ":v1", "--plain-http", "-o", "@deep/out");

            Assert.Equal(1, pull.ExitCode);
            Assert.Contains("is refused", pull.StdErr);
            Assert.Empty(Directory.GetFileSystemEntries(_work.Combine("deep", "out")));
            Assert.Equal(new[] { "out" }, Directory.GetFileSystemEntries(_work.Combine("deep")).Select(Path.GetFileName));
            Assert.False(File.Exists("/tmp/evil.txt") && File.ReadAllText("/tmp/evil.txt").StartsWith("evil", StringComparison.Ordinal));
        }

        /// <summary>Runs the CLI with paths made absolute: "@name" stands for a file or directory of the work directory.</summary>
        private Task<CliResult> Cli(params string[] args) =>
            CliRunner.RunAsync(args.Select(a => a.StartsWith("@", StringComparison.Ordinal) ? _work.Combine(a.Substring(1).Split('/')) : a).ToArray());

        private void Write(string relative, string content)
        {
            string path = _work.Combine(relative.Split('/'));
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, content);
        }

        private string Read(string relative) => File.ReadAllText(_work.Combine(relative.Split('/')));

        private string[] Files(string relative) =>
            Directory.GetFiles(_work.Combine(relative), "*", SearchOption.AllDirectories)
                .Select(f => Path.GetRelativePath(_work.Path, f).Replace('\\', '/')).OrderBy(f => f, StringComparer.Ordinal).ToArray();

        private static byte[] Gunzip(byte[] gzip)
        {
            using var input = new GZipStream(new MemoryStream(gzip), CompressionMode.Decompress);
            var output = new MemoryStream();
            input.CopyTo(output);
            return output.ToArray();
        }
    }
}
