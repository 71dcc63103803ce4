using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using OciMirror.Integration.Tests.Infrastructure;
using Xunit;

namespace OciMirror.Integration.Tests.Mirror
{
    /// <summary>
    /// The YAML example of skopeo-sync(1), with its two registries pointed at the fixture's, read by
    /// <c>ocimirror sync --dry-run</c>: it must select what <c>skopeo sync --dry-run</c> (1.9) selects for
    /// <c>images</c> and <c>images-by-tag-regex</c>. skopeo 1.9 predates <c>images-by-semver</c> (1.15), so that
    /// key is checked against an expectation table of Masterminds' rules instead.
    /// </summary>
    [Collection(MirrorCollection.Name)]
    public sealed class SkopeoSyncExampleTests
    {
        private readonly MirrorFixture _fixture;

        public SkopeoSyncExampleTests(MirrorFixture fixture)
        {
            _fixture = fixture;
        }

        /// <summary>skopeo-sync(1)'s example: only the registry names, tls-verify (the fixture is plain HTTP) and redis' digest (one that exists) differ.</summary>
        private string Example(bool withSemver) => $@"{_fixture.Example.Host}:
    images:
        busybox: []
        redis:
            - ""1.0""
            - ""2.0""
            - ""{_fixture.ExampleRepositories["redis"].Digests["3.0"]}""
    images-by-tag-regex:
        nginx: ^1\.13\.[12]-alpine-perl$
" + (withSemver ? @"    images-by-semver:
        alpine: "">= 3.12.0""
" : string.Empty) + $@"    credentials:
        username: john
        password: this is a secret
    tls-verify: false
    cert-dir: /home/john/certs
{_fixture.Quay.Host}:
    tls-verify: false
    images:
        coreos/etcd:
            - latest
";

        [Fact]
        public async Task SkopeosExample_SelectsWhatSkopeoSyncDryRunSelects_AndSemverAsMasterminds()
        {
            using var files = new TempDirectory("ocimirror-skopeo-example");
            string skopeoYaml = files.Combine("skopeo.yaml");
            string ourYaml = files.Combine("sync.yaml");
            await File.WriteAllTextAsync(skopeoYaml, Example(withSemver: false));
            await File.WriteAllTextAsync(ourYaml, Example(withSemver: true));
            string skopeo = ExternalTool.Require("skopeo", "skopeo");

            var (code, output) = await ExternalProcess.RunAsync(skopeo, "--insecure-policy", "sync", "--dry-run", "--src", "yaml", "--dest", "docker", skopeoYaml, "mirror.invalid/dest");
            await using RegistryInstance destination = await RegistryInstance.StartAsync();
            CliResult ours = await CliRunner.RunAsync("sync", "--src", ourYaml, "--to", destination.Host + "/mirror", "--dry-run", "--json");

            Assert.True(code == 0, output);
            var skopeoSelected = Regex.Matches(output, "from=\"docker://([^\"]+)\"").Select(m => m.Groups[1].Value).ToHashSet();
            Assert.True(skopeoSelected.Count >= 8, "skopeo selected: " + output);
            Assert.True(ours.ExitCode == 0, ours.ToString());
            var oursSelected = ours.JsonLines.Select(j => j.GetProperty("input").GetString()!).ToList();
            var semver = new[] { "3.12.0", "3.12.1", "4.0.0", "v3.14" }.Select(t => _fixture.Example.Host + "/alpine:" + t);
            Assert.Equal(skopeoSelected.Concat(semver).OrderBy(s => s, System.StringComparer.Ordinal), oursSelected.OrderBy(s => s, System.StringComparer.Ordinal));
            Assert.All(ours.JsonLines, j => Assert.Equal("declined", j.GetProperty("status").GetString()));
            Assert.Empty(await RegistryProbe.CatalogAsync(destination.Host));
        }
    }
}
