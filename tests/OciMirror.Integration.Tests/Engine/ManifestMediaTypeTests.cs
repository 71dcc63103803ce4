using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using OciMirror.Integration.Tests.Infrastructure;
using Xunit;

namespace OciMirror.Integration.Tests.Engine
{
    /// <summary>
    /// Issue 7.4: a manifest is pushed with the media type its own bytes declare (or, lacking one, the one
    /// its structure implies), whatever index.json or a parent index lists it as; verify, ls and import agree.
    /// </summary>
    public sealed class ManifestMediaTypeTests
    {
        private static readonly HttpClient Http = new HttpClient();

        [Fact]
        public async Task ManifestsListedUnderAnotherMediaType_ImportWithTheirOwn_AndVerify()
        {
            await using RegistryInstance registry = await RegistryInstance.StartAsync();
            using var temp = new TempDirectory();
            var layout = new TestLayout();

            // go-containerregistry writes Docker schema 2 manifests under the OCI media type.
            JsonObject dockerConfig = layout.Add(TestLayout.DockerConfig, "{\"architecture\":\"amd64\",\"os\":\"linux\"}");
            JsonObject docker = layout.Manifest(TestLayout.DockerManifest, dockerConfig, new[] { layout.Add(TestLayout.DockerLayer, "docker layer") });
            docker["mediaType"] = TestLayout.OciManifest;

            // An OCI manifest without a mediaType field, listed as a Docker one.
            JsonObject bare = layout.Manifest(TestLayout.OciManifest, layout.Add(TestLayout.OciConfig, "{\"os\":\"linux\"}"), new[] { layout.Add(TestLayout.OciLayer, "oci layer") }, declareMediaType: false);
            bare["mediaType"] = TestLayout.DockerManifest;
            JsonObject index = layout.Index((docker, "linux/amd64"), (bare, "linux/arm64"));
            layout.Entry(docker, "docker.io/library/app:docker", "docker");
            layout.Entry(bare, "docker.io/library/app:bare", "bare");
            layout.Entry(index, "docker.io/library/app:multi", "multi");
            string bundle = layout.WriteDirectory(temp.Combine("bundle"));

            CliResult import = await CliRunner.RunAsync("import", bundle, "--to", registry.Host, "--plain-http", "--json");
            CliResult verify = await CliRunner.RunAsync("verify", bundle);
            CliResult list = await CliRunner.RunAsync("ls", bundle, "--json");

            Assert.True(import.ExitCode == 0, import.ToString());
            Assert.All(import.JsonLines, j => Assert.Equal("copied", j.GetProperty("status").GetString()));
            Assert.Equal(TestLayout.DockerManifest, await ContentTypeAsync(registry, "docker"));
            Assert.Equal(TestLayout.OciManifest, await ContentTypeAsync(registry, "bare"));
            Assert.Equal(TestLayout.OciIndex, await ContentTypeAsync(registry, "multi"));
            Assert.True(verify.ExitCode == 0, verify.ToString());
            Assert.True(list.ExitCode == 0, list.ToString());
            Assert.Equal(TestLayout.DockerManifest, Entry(list, "docker").GetProperty("mediaType").GetString());
            Assert.Equal(TestLayout.OciManifest, Entry(list, "bare").GetProperty("mediaType").GetString());
        }

        private static JsonElement Entry(CliResult list, string tag) => list.JsonLines.Single(j => j.GetProperty("tag").GetString() == tag);

        private static async Task<string?> ContentTypeAsync(RegistryInstance registry, string tag)
        {
            using var request = new HttpRequestMessage(HttpMethod.Head, $"http://{registry.Host}/v2/library/app/manifests/{tag}");
            request.Headers.Accept.ParseAdd(TestLayout.OciManifest + ", " + TestLayout.OciIndex + ", " + TestLayout.DockerManifest);
            using HttpResponseMessage response = await Http.SendAsync(request);
            Assert.True(response.IsSuccessStatusCode, $"HEAD {tag}: {(int)response.StatusCode}");
            return response.Content.Headers.ContentType?.MediaType;
        }
    }
}
