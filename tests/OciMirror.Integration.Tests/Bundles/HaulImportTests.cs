using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using OciMirror.Integration.Tests.Corpus;
using OciMirror.Integration.Tests.Infrastructure;
using Xunit;

namespace OciMirror.Integration.Tests.Bundles
{
    /// <summary>
    /// A Hauler haul (<c>hauler store save</c>: its store, an OCI layout, as a zstd tar with <c>./</c>
    /// names and Hauler's manifest.json beside it), written here the way Hauler writes it (its
    /// store.go/consts.go): ref.name without registry, io.containerd.image.name, kind annotations. Import
    /// keeps its names; the signature, which Hauler records under its image's name, gets cosign's tag.
    /// </summary>
    [Collection(RegistryCollection.Name)]
    public sealed class HaulImportTests
    {
        private readonly CorpusFixture _fixture;

        public HaulImportTests(CorpusFixture fixture)
        {
            _fixture = fixture;
        }

        [Fact]
        public async Task Haul_ImportsWithItsNames_SignatureUnderTheCosignTag()
        {
            await using RegistryInstance b = await RegistryInstance.StartAsync();
            using var temp = new TempDirectory();
            string host = _fixture.Registry.Host;
            CorpusTag image = _fixture.Corpus.Tag(CorpusBuilder.Alpha, "oci-1");
            CorpusTag sig = _fixture.Corpus.Tag(CorpusBuilder.Alpha, "sig");
            CorpusTag thing = _fixture.Corpus.Tag(CorpusBuilder.Gamma, "thing");
            string store = temp.Combine("store");
            CliResult export = await CliRunner.RunAsync("export", "-o", store, "--plain-http", image.ReferenceAt(host), sig.ReferenceAt(host), thing.ReferenceAt(host));
            Assert.True(export.ExitCode == 0, export.ToString());
            WriteHaulerIndex(store, host, image, sig, thing);
            string haul = temp.Combine("haul.tar.zst");
            var (code, output) = await CliProcess.BashAsync(temp.Path, "tar -C store -cf - . | zstd -q -o haul.tar.zst");
            Assert.True(code == 0, output);

            CliResult ls = await CliRunner.RunAsync("ls", haul, "--json");
            CliResult verify = await CliRunner.RunAsync("verify", haul);
            CliResult import = await CliRunner.RunAsync("import", haul, "--to", b.Host, "--plain-http");

            Assert.True(ls.ExitCode == 0, ls.ToString());
            string sigTag = "sha256-" + image.Digest.Substring(7) + ".sig";
            Assert.Equal(
                new[] { "docker.io/hauler/thing:latest", host + "/corpus/alpha:oci-1", host + "/corpus/alpha:" + sigTag }.OrderBy(n => n, System.StringComparer.Ordinal),
                ls.JsonLines.Select(j => j.GetProperty("fullName").GetString()).OrderBy(n => n, System.StringComparer.Ordinal));
            Assert.True(verify.ExitCode == 0, verify.ToString());
            Assert.True(import.ExitCode == 0, import.ToString());
            Assert.Equal(image.Digest, await RegistryProbe.ManifestDigestAsync(b.Host, "corpus/alpha", "oci-1"));
            Assert.Equal(sig.Digest, await RegistryProbe.ManifestDigestAsync(b.Host, "corpus/alpha", sigTag));
            Assert.Equal(thing.Digest, await RegistryProbe.ManifestDigestAsync(b.Host, "hauler/thing", "latest"));
        }

        /// <summary>index.json as Hauler writes it for these three, plus its manifest.json (docker tarball manifest of the images).</summary>
        private static void WriteHaulerIndex(string store, string host, CorpusTag image, CorpusTag sig, CorpusTag thing)
        {
            string indexPath = Path.Combine(store, "index.json");
            JsonNode index = JsonNode.Parse(File.ReadAllText(indexPath))!;
            JsonArray manifests = index["manifests"]!.AsArray();
            foreach (JsonNode? entry in manifests)
            {
                string digest = entry!["digest"]!.GetValue<string>();
                var annotations = new JsonObject();
                if (digest == image.Digest || digest == sig.Digest)
                {
                    annotations["kind"] = digest == image.Digest ? "dev.hauler/image" : "dev.cosignproject.cosign/sigs";
                    annotations["org.opencontainers.image.ref.name"] = image.Repository + ":" + image.Tag;
                    annotations["io.containerd.image.name"] = host + "/" + image.Repository + ":" + image.Tag;
                }
                else
                {
                    Assert.Equal(thing.Digest, digest);
                    annotations["kind"] = "dev.hauler/image";
                    annotations["org.opencontainers.image.ref.name"] = "hauler/thing:latest";
                }

                entry["annotations"] = annotations;
            }

            File.WriteAllText(indexPath, index.ToJsonString());
            File.WriteAllText(Path.Combine(store, "manifest.json"), "[{\"Config\":\"blobs/sha256/00\",\"RepoTags\":[\"" + image.Repository + ":" + image.Tag + "\"],\"Layers\":[]}]");
        }
    }
}
