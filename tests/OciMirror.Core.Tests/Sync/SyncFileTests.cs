using System.IO;
using System.Linq;
using OciMirror.Core.Errors;
using OciMirror.Core.Selection;
using OciMirror.Core.Sync;
using Xunit;

namespace OciMirror.Core.Tests.Sync
{
    public class SyncFileTests
    {
        /// <summary>The YAML example of skopeo-sync(1), unchanged.</summary>
        public const string SkopeoExample = @"registry.example.com:
    images:
        busybox: []
        redis:
            - ""1.0""
            - ""2.0""
            - ""sha256:0000000000000000000000000000000011111111111111111111111111111111""
    images-by-tag-regex:
        nginx: ^1\.13\.[12]-alpine-perl$
    images-by-semver:
        alpine: "">= 3.12.0""
    credentials:
        username: john
        password: this is a secret
    tls-verify: true
    cert-dir: /home/john/certs
quay.io:
    tls-verify: false
    images:
        coreos/etcd:
            - latest
";

        private static readonly string FilePath = Path.Combine(Path.GetTempPath(), "jobs", "sync.yaml");

        private static SyncFile Read(string yaml) =>
            SyncFileReader.Read(yaml, FilePath, name => name == "MIRROR_PASSWORD" ? "secret-from-env" : null, "/home/tester");

        [Fact]
        public void SkopeosExample_ReadsAsSkopeoDocumentsIt()
        {
            SyncFile file = Read(SkopeoExample);

            Assert.Equal(new[] { "registry.example.com", "quay.io" }, file.Registries.Select(r => r.Host));
            SyncRegistry example = file.Registries[0];
            Assert.Equal(("john", "this is a secret"), (example.Settings.Username, example.Settings.Password));
            Assert.False(example.Settings.SkipTlsVerify);
            Assert.Equal("/home/john/certs", example.Settings.CertificateDirectory);
            Assert.True(file.Registries[1].Settings.SkipTlsVerify);
            Assert.True(file.Registries[1].Settings.AllowHttpFallback);

            SyncEntry busybox = file.Entries.Single(e => e.Repository == "busybox");
            Assert.Empty(busybox.References);
            Assert.True(busybox.Selection.SelectsAll);
            Assert.Equal(new[] { "1.0", "2.0", "sha256:0000000000000000000000000000000011111111111111111111111111111111" }, file.Entries.Single(e => e.Repository == "redis").References);
            Assert.Equal(new[] { @"^1\.13\.[12]-alpine-perl$" }, file.Entries.Single(e => e.Repository == "nginx").Selection.IncludeRegex);
            Assert.Equal(">= 3.12.0", file.Entries.Single(e => e.Repository == "alpine").Selection.SemverRange);
            SyncEntry etcd = file.Entries.Single(e => e.Repository == "coreos/etcd");
            Assert.Equal("quay.io", etcd.Registry);
            Assert.Equal(new[] { "latest" }, etcd.References);
        }

        [Fact]
        public void Extensions_RegistryDefaultsApplyToEveryRepository_AndEntriesAddToThem()
        {
            SyncFile file = Read(@"
registry.corp.local:5000:
  images-by-semver:
    team/app: '>=1.4 <2'
  exclude: ['*-rc*']
  latest: 3
  digest-tags: with-images
  platforms: linux/amd64
  destination: mirror.corp.local/lab
  repositories:
    team/tool:
      include: ['v2.*']
      exclude-regex: ['-debug$']
      prereleases: true
      destination-repository: prod.corp.local/tools/tool
    team/pinned:
      tags: ['1.0', 'stable']
  credentials:
    username: mirror
    password-env: MIRROR_PASSWORD
  cert-dir: certs/lab
");

            SyncEntry app = file.Entries.Single(e => e.Repository == "team/app");
            Assert.Equal(new[] { "*-rc*" }, app.Selection.Exclude);
            Assert.Equal(3, app.Selection.Latest);
            Assert.Equal(DigestTagMode.WithImages, app.Selection.DigestTags);
            Assert.Equal(new[] { "linux/amd64" }, app.Platforms);
            Assert.Equal("mirror.corp.local/lab", app.Destination);
            SyncEntry tool = file.Entries.Single(e => e.Repository == "team/tool");
            Assert.Equal(new[] { "v2.*" }, tool.Selection.Include);
            Assert.Equal(new[] { "*-rc*" }, tool.Selection.Exclude);
            Assert.Equal(new[] { "-debug$" }, tool.Selection.ExcludeRegex);
            Assert.True(tool.Selection.Prereleases);
            Assert.Equal("prod.corp.local/tools/tool", tool.DestinationRepository);
            Assert.Equal(new[] { "1.0", "stable" }, file.Entries.Single(e => e.Repository == "team/pinned").References);
            Assert.Equal("secret-from-env", file.Registries[0].Settings.Password);
            Assert.Equal(Path.Combine(Path.GetTempPath(), "jobs", "certs", "lab"), file.Registries[0].Settings.CertificateDirectory);
        }

        [Theory]
        [InlineData("r.io:\n  imagez:\n    a: []\n", 2, "r.io → imagez", "unknown key")]
        [InlineData("r.io:\n  images:\n    a: latest\n", 3, "r.io → images → a", "must be a list")]
        [InlineData("r.io:\n  images: [a]\n", 2, "r.io → images", "must be a map")]
        [InlineData("r.io:\n  images-by-tag-regex:\n    a: '(unclosed'\n", 3, "r.io → images-by-tag-regex → a", "Invalid regular expression")]
        [InlineData("r.io:\n  images-by-semver:\n    a: '>= one'\n", 3, "r.io → images-by-semver → a", "semantic-version range")]
        [InlineData("r.io:\n  tls-verify: maybe\n", 2, "r.io → tls-verify", "true or false")]
        [InlineData("r.io:\n  latest: 0\n", 2, "r.io → latest", "1 or more")]
        [InlineData("r.io:\n  credentials:\n    username: u\n", 3, "r.io → credentials", "both 'username' and 'password'")]
        [InlineData("r.io:\n  credentials:\n    user: u\n", 3, "r.io → credentials → user", "unknown key")]
        [InlineData("r.io:\n  repositories:\n    a:\n      semvar: '1.x'\n", 4, "r.io → repositories → a → semvar", "unknown key")]
        [InlineData("r.io:\n  repositories:\n    a:\n      tags: ['1']\n      semver: '1.x'\n", 5, "r.io → repositories → a", "cannot be combined")]
        [InlineData("r.io:\n  images:\n    'a:1': []\n", 3, "r.io → images → a:1", "not a repository")]
        [InlineData("r.io:\n  images:\n    a: ['bad tag']\n", 3, "r.io → images → a", "neither a tag nor a digest")]
        [InlineData("r.io:\n  platforms: [linux]\n", 2, "r.io → platforms", "Platform 'linux' is not valid")]
        [InlineData("r.io:\n  destination: 'https://x.io'\n", 2, "r.io → destination", "without a scheme")]
        [InlineData("r.io:\n  digest-tags: all\n", 2, "r.io → digest-tags", "include, exclude or with-images")]
        public void BadInput_NamesFileLineAndKey(string yaml, int line, string key, string why)
        {
            OciException e = Assert.Throws<OciException>(() => Read(yaml));

            Assert.Equal(OciErrorKind.InvalidConfiguration, e.Kind);
            Assert.Contains($"Sync file '{FilePath}', line {line}, key '{key}'", e.Message);
            Assert.Contains(why, e.Message);
            Assert.Equal(FilePath, e.Path);
        }

        [Theory]
        [InlineData("", "names no registry")]
        [InlineData("r.io: [\n", "not valid YAML")]
        [InlineData("- a\n- b\n", "must be a map")]
        public void UnusableFiles_AreRefusedNamingTheFile(string yaml, string why)
        {
            OciException e = Assert.Throws<OciException>(() => Read(yaml));
            Assert.Contains(FilePath, e.Message);
            Assert.Contains(why, e.Message);
        }

        [Fact]
        public void ReadmeExample_IsAValidSyncFile()
        {
            // From the test assembly (under Mono's console runner the app base is the runner's directory).
            string? directory = Path.GetDirectoryName(typeof(SyncFileTests).Assembly.Location);
            while (directory != null && !File.Exists(Path.Combine(directory, "OciMirror.sln")))
            {
                directory = Path.GetDirectoryName(directory);
            }

            Assert.True(directory != null, "OciMirror.sln not found above " + typeof(SyncFileTests).Assembly.Location);

            string readme = File.ReadAllText(Path.Combine(directory!, "README.md")).Replace("\r\n", "\n");
            int start = readme.IndexOf("```yaml\n", readme.IndexOf("is **skopeo's sync YAML, unchanged**", System.StringComparison.Ordinal), System.StringComparison.Ordinal) + "```yaml\n".Length;
            string yaml = readme.Substring(start, readme.IndexOf("```", start, System.StringComparison.Ordinal) - start);

            SyncFile file = Read(yaml.Replace("DOCKERHUB_TOKEN", "MIRROR_PASSWORD"));

            Assert.Equal(new[] { "docker.io", "ghcr.io", "quay.io" }, file.Registries.Select(r => r.Host));
            Assert.Equal(">=1.4 <2", file.Entries.Single(e => e.Repository == "org/app").Selection.SemverRange);
            Assert.Equal("registry.corp.local/tools/tool", file.Entries.Single(e => e.Repository == "org/tool").DestinationRepository);
            Assert.Equal("registry.corp.local/quay", file.Entries.Single(e => e.Repository == "coreos/etcd").Destination);
        }

        [Fact]
        public void Password_IsNeverInAnError()
        {
            OciException e = Assert.Throws<OciException>(() => Read("r.io:\n  credentials:\n    password: hunter2-secret\n"));
            Assert.DoesNotContain("hunter2", e.Message);
        }
    }
}
