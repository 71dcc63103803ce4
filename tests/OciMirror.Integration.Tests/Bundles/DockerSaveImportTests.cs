using System;
using System.Collections.Generic;
using System.Formats.Tar;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using OciMirror.Integration.Tests.Corpus;
using OciMirror.Integration.Tests.Infrastructure;
using Xunit;

namespace OciMirror.Integration.Tests.Bundles
{
    /// <summary>
    /// Classic docker save archives (manifest.json, repositories, configs, layer tars), written by
    /// <c>skopeo copy … docker-archive:</c> from the corpus registry: ls and verify say what they are and
    /// the digest import will make, import builds that manifest, and skopeo can copy the result out of
    /// the destination registry (every blob and digest consistent).
    /// </summary>
    [Collection(RegistryCollection.Name)]
    public sealed class DockerSaveImportTests
    {
        private readonly CorpusFixture _fixture;

        public DockerSaveImportTests(CorpusFixture fixture)
        {
            _fixture = fixture;
        }

        [Fact]
        public async Task SingleImage_ListVerifyImport_NewDigestPrintedAndUsable()
        {
            await using RegistryInstance b = await RegistryInstance.StartAsync();
            using var temp = new TempDirectory();
            string archive = temp.Combine("saved.tar");
            await SaveAsync(_fixture.Corpus.Tag(CorpusBuilder.Alpha, "oci-1"), archive, "example.com/team/app:1");

            CliResult ls = await CliRunner.RunAsync("ls", archive, "--json");
            CliResult verify = await CliRunner.RunAsync("verify", archive);
            CliResult import = await CliRunner.RunAsync("import", archive, "--to", b.Host, "--plain-http", "--json");

            Assert.True(ls.ExitCode == 0, ls.ToString());
            JsonElement entry = Assert.Single(ls.JsonLines);
            Assert.Equal("example.com/team/app:1", entry.GetProperty("fullName").GetString());
            string digest = entry.GetProperty("digest").GetString()!;
            Assert.Contains("classic docker save archive", ls.StdErr);
            Assert.Contains(digest, ls.StdErr);
            Assert.Contains("NEW digest", ls.StdErr);
            Assert.True(verify.ExitCode == 0, verify.ToString());
            Assert.Contains("classic docker save archive", verify.StdErr);

            Assert.True(import.ExitCode == 0, import.ToString());
            Assert.Contains(digest, import.StdErr);
            Assert.Equal(digest, Assert.Single(import.JsonLines).GetProperty("digest").GetString());
            Assert.Equal(digest, await RegistryProbe.ManifestDigestAsync(b.Host, "team/app", "1"));
            Assert.NotEqual(_fixture.Corpus.Tag(CorpusBuilder.Alpha, "oci-1").Digest, digest);
            await AssertSkopeoCanCopyOutAsync(b.Host + "/team/app:1", temp);
        }

        [Fact]
        public async Task MultiImage_EveryImageImportedUnderItsName()
        {
            await using RegistryInstance b = await RegistryInstance.StartAsync();
            using var temp = new TempDirectory();
            string one = temp.Combine("one.tar"), two = temp.Combine("two.tar"), both = temp.Combine("both.tar");
            await SaveAsync(_fixture.Corpus.Tag(CorpusBuilder.Alpha, "docker-1"), one, "example.com/alpha:docker-1");
            await SaveAsync(_fixture.Corpus.Tag(CorpusBuilder.Beta, "v2"), two, "docker.io/library/beta:v2");
            MergeDockerArchives(both, one, two); // with docker's familiar name "beta:v2" for docker.io/library/beta:v2

            CliResult ls = await CliRunner.RunAsync("ls", both, "--json");
            CliResult import = await CliRunner.RunAsync("import", both, "--to", b.Host + "/mirror", "--plain-http", "--json");

            Assert.True(ls.ExitCode == 0, ls.ToString());
            Assert.Equal(new[] { "docker.io/library/beta:v2", "example.com/alpha:docker-1" }, ls.JsonLines.Select(j => j.GetProperty("fullName").GetString()).OrderBy(n => n, StringComparer.Ordinal));
            Assert.True(import.ExitCode == 0, import.ToString());
            Assert.Equal(2, import.JsonLines.Count);
            foreach (JsonElement line in ls.JsonLines)
            {
                string fullName = line.GetProperty("fullName").GetString()!;
                string repository = "mirror/" + fullName.Substring(fullName.IndexOf('/') + 1, fullName.LastIndexOf(':') - fullName.IndexOf('/') - 1);
                Assert.Equal(line.GetProperty("digest").GetString(), await RegistryProbe.ManifestDigestAsync(b.Host, repository, line.GetProperty("tag").GetString()!));
            }

            await AssertSkopeoCanCopyOutAsync(b.Host + "/mirror/library/beta:v2", temp);
        }

        [Fact]
        public async Task GzippedThroughAPipe_IsImportedFromATemporaryCopy()
        {
            await using RegistryInstance b = await RegistryInstance.StartAsync();
            using var temp = new TempDirectory();
            string archive = temp.Combine("saved.tar");
            await SaveAsync(_fixture.Corpus.Tag(CorpusBuilder.Beta, "v1"), archive, "example.com/beta:v1");
            CliResult ls = await CliRunner.RunAsync("ls", archive, "--json");
            string digest = Assert.Single(ls.JsonLines).GetProperty("digest").GetString()!;
            string output = temp.Combine("import.out");

            var (code, text) = await CliProcess.BashAsync(temp.Path, "gzip -c saved.tar | " + CliProcess.Command("import", "-", "--to", b.Host, "--plain-http") + " >" + CliProcess.Quote(output) + " 2>&1");

            Assert.True(code == 0, text + File.ReadAllText(output));
            Assert.Equal(digest, await RegistryProbe.ManifestDigestAsync(b.Host, "beta", "v1"));
            Assert.Empty(Directory.EnumerateFiles(Path.GetTempPath(), "ocimirror-docker-save-*"));
        }

        [Fact]
        public async Task CorruptLayer_VerifyNamesIt_ImportRefusesTheImage()
        {
            await using RegistryInstance b = await RegistryInstance.StartAsync();
            using var temp = new TempDirectory();
            string archive = temp.Combine("saved.tar");
            await SaveAsync(_fixture.Corpus.Tag(CorpusBuilder.Alpha, "oci-1"), archive, "example.com/team/app:1");
            string layerEntry = ReadManifest(archive)[0]!["Layers"]![0]!.GetValue<string>();
            CorruptEntry(archive, layerEntry);

            CliResult verify = await CliRunner.RunAsync("verify", archive);
            CliResult import = await CliRunner.RunAsync("import", archive, "--to", b.Host, "--plain-http");

            Assert.Equal(1, verify.ExitCode);
            Assert.True((verify.StdOut + verify.StdErr).Contains(layerEntry, StringComparison.Ordinal), $"{layerEntry} not named:\n{verify}");
            Assert.Equal(1, import.ExitCode);
            Assert.Null(await RegistryProbe.ManifestDigestAsync(b.Host, "team/app", "1"));
        }

        /// <summary><c>skopeo copy docker://A/… docker-archive:FILE:NAME</c>, the classic form (uncompressed layers, manifest.json, repositories).</summary>
        private async Task SaveAsync(CorpusTag tag, string archive, string name)
        {
            string skopeo = ExternalTool.Require("skopeo", "skopeo");
            var (code, output) = await ExternalProcess.RunAsync(skopeo, "--insecure-policy", "copy", "--src-tls-verify=false", "docker://" + tag.ReferenceAt(_fixture.Registry.Host), "docker-archive:" + archive + ":" + name);
            Assert.True(code == 0, output);
            Assert.Contains(ReadManifest(archive), i => i!["RepoTags"]!.AsArray().Any(t => t!.GetValue<string>().EndsWith(name, StringComparison.Ordinal)));
        }

        private static async Task AssertSkopeoCanCopyOutAsync(string reference, TempDirectory temp)
        {
            string skopeo = ExternalTool.Require("skopeo", "skopeo");
            var (code, output) = await ExternalProcess.RunAsync(skopeo, "--insecure-policy", "copy", "--src-tls-verify=false", "docker://" + reference, "oci:" + temp.Combine("out-" + Guid.NewGuid().ToString("N")) + ":x");
            Assert.True(code == 0, "skopeo cannot copy the imported image out of the registry\n" + output);
        }

        private static JsonArray ReadManifest(string archive)
        {
            using var reader = new TarReader(File.OpenRead(archive));
            TarEntry? entry;
            while ((entry = reader.GetNextEntry()) != null)
            {
                if (entry.Name == "manifest.json")
                {
                    return JsonNode.Parse(entry.DataStream!)!.AsArray();
                }
            }

            throw new InvalidOperationException("no manifest.json in " + archive);
        }

        /// <summary>What <c>docker save a b</c> writes: the entries of both, one manifest.json listing both images, repositories merged.</summary>
        private static void MergeDockerArchives(string target, params string[] sources)
        {
            var manifest = new JsonArray();
            var repositories = new JsonObject();
            var seen = new HashSet<string>();
            using (var writer = new TarWriter(File.Create(target), TarEntryFormat.Pax))
            {
                foreach (string source in sources)
                {
                    using var reader = new TarReader(File.OpenRead(source));
                    TarEntry? entry;
                    while ((entry = reader.GetNextEntry(copyData: true)) != null)
                    {
                        if (entry.Name == "manifest.json")
                        {
                            foreach (JsonNode? image in JsonNode.Parse(entry.DataStream!)!.AsArray())
                            {
                                JsonNode copy = image!.DeepClone();
                                copy["RepoTags"] = new JsonArray(copy["RepoTags"]!.AsArray().Select(t => (JsonNode?)JsonValue.Create(Familiar(t!.GetValue<string>()))).ToArray());
                                manifest.Add(copy);
                            }
                        }
                        else if (entry.Name == "repositories")
                        {
                            foreach (var pair in JsonNode.Parse(entry.DataStream!)!.AsObject())
                            {
                                repositories[pair.Key] = pair.Value!.DeepClone();
                            }
                        }
                        else if (seen.Add(entry.Name))
                        {
                            writer.WriteEntry(entry);
                        }
                    }
                }

                foreach ((string name, string json) in new[] { ("manifest.json", manifest.ToJsonString()), ("repositories", repositories.ToJsonString()) })
                {
                    writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(Encoding.UTF8.GetBytes(json)) });
                }
            }
        }

        /// <summary>docker's short form of a Docker Hub name, as docker save writes RepoTags (skopeo writes the full one).</summary>
        private static string Familiar(string name) => name.StartsWith("docker.io/library/", StringComparison.Ordinal) ? name.Substring("docker.io/library/".Length) : name;

        /// <summary>Flips a byte in the middle of the data of <paramref name="entryName"/>, in place.</summary>
        private static void CorruptEntry(string archive, string entryName)
        {
            long offset = -1, size = 0;
            using (var reader = new OciMirror.Core.Archive.TarReader(File.OpenRead(archive)))
            {
                OciMirror.Core.Archive.TarEntry? entry;
                while ((entry = reader.GetNextEntryAsync().GetAwaiter().GetResult()) != null)
                {
                    if (entry.Name == entryName)
                    {
                        size = entry.Size;
                        offset = entry.DataOffset;
                        break;
                    }
                }
            }

            Assert.True(offset >= 0, entryName + " not found");
            using var stream = new FileStream(archive, FileMode.Open, FileAccess.ReadWrite);
            stream.Position = offset + (size / 2);
            int b = stream.ReadByte();
            stream.Position = offset + (size / 2);
            stream.WriteByte((byte)(b ^ 0xFF));
        }
    }
}
