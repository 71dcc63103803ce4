using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using OciMirror.Integration.Tests.Infrastructure;
using Xunit;

namespace OciMirror.Integration.Tests.Mirror
{
    /// <summary>
    /// <c>ocimirror tags</c> selections against a real registry repository of 38 tags (releases, short versions,
    /// pre-releases, build metadata, variants, a date tag, moving tags, digest tags), checked against skopeo's
    /// own tag list and an expectation table of Masterminds/semver's rules.
    /// </summary>
    [Collection(MirrorCollection.Name)]
    public sealed class TagSelectionTests
    {
        private readonly MirrorFixture _fixture;

        public TagSelectionTests(MirrorFixture fixture)
        {
            _fixture = fixture;
        }

        private string Repository => _fixture.Example.Host + "/" + MirrorFixture.FarmRepository;

        [Fact]
        public async Task WithoutSelection_TheTagsAreSkopeosListTags()
        {
            string skopeo = ExternalTool.Require("skopeo", "skopeo");
            var (code, output) = await ExternalProcess.RunAsync(skopeo, "list-tags", "--tls-verify=false", "docker://" + Repository);
            Assert.True(code == 0, output);
            string json = output.Substring(output.IndexOf('{'));
            var expected = JsonDocument.Parse(json).RootElement.GetProperty("Tags").EnumerateArray().Select(t => t.GetString()!).ToList();

            CliResult r = await CliRunner.RunAsync("tags", Repository, "--plain-http");

            Assert.True(r.ExitCode == 0, r.ToString());
            Assert.True(expected.Count >= 30, "the farm has " + expected.Count + " tags");
            Assert.Equal(expected.OrderBy(t => t, System.StringComparer.Ordinal), Tags(r).OrderBy(t => t, System.StringComparer.Ordinal));
            Assert.Equal(_fixture.Farm.Tags.OrderBy(t => t, System.StringComparer.Ordinal), Tags(r).OrderBy(t => t, System.StringComparer.Ordinal));
        }

        [Theory]
        [InlineData("--semver;>=1.4 <2", "1.10.0 1.4 1.4.0 1.4.1 1.4.2 1.5 1.5.0 1.5.1 1.6.0_build.7 v1.6.0")]
        [InlineData("--semver;~1.2 || ^3", "1.2.0 1.2.1 3.0.0")]
        [InlineData("--semver;1.2 - 1.4", "1.2.0 1.2.1 1.3.0 1.4 1.4.0 1.4.1 1.4.2")]
        [InlineData("--semver;>=1.6.0-0 <1.7", "1.6.0-beta.1 1.6.0-rc.1 1.6.0-rc.2 1.6.0_build.7 1.7.0-alpha v1.6.0")]
        [InlineData("--semver;>=1.4 <2;--prereleases;--latest;2", "1.10.0 2.0.0-rc.1")]
        [InlineData("--semver;>=1.4 <2;--latest;3", "1.10.0 1.5.1 1.6.0_build.7 v1.6.0")]
        [InlineData("--latest;2;--exclude;2024*", "2.1.0 3.0.0")]
        [InlineData("--include;2.*;--exclude;*-alpine;--exclude-regex;-rc", "2.0.0 2.0.1 2.1.0")]
        [InlineData("--include-regex;alpine", "1.4-alpine 2.1.0-alpine")]
        [InlineData("--include-regex;^1\\.6\\.0-rc;--include;1.10.*", "1.10.0 1.6.0-rc.1 1.6.0-rc.2")]
        public async Task Selections_AsTheExpectationTable(string arguments, string expected)
        {
            CliResult r = await CliRunner.RunAsync(new[] { "tags", Repository, "--plain-http" }.Concat(arguments.Split(';')).ToArray());

            Assert.True(r.ExitCode == 0, r.ToString());
            Assert.Equal(expected.Split(' '), Tags(r).OrderBy(t => t, System.StringComparer.Ordinal));
        }

        [Fact]
        public async Task DigestTags_WithImages_FollowTheSelectedImages_Exclude_LeavesThemOut()
        {
            CliResult with = await CliRunner.RunAsync("tags", Repository, "--plain-http", "--semver", "^3", "--digest-tags", "with-images", "--digests");
            CliResult without = await CliRunner.RunAsync("tags", Repository, "--plain-http", "--include", "*", "--digest-tags", "exclude");

            Assert.True(with.ExitCode == 0, with.ToString());
            Assert.Equal(new[] { TagFarm.SignedTag }.Concat(_fixture.Farm.SignatureTags).OrderBy(t => t, System.StringComparer.Ordinal), Tags(with).OrderBy(t => t, System.StringComparer.Ordinal));
            Assert.Contains(Repository + ":" + TagFarm.SignedTag + "\t" + _fixture.Farm.Digests[TagFarm.SignedTag], with.StdOut);
            Assert.DoesNotContain(Tags(without), t => t.StartsWith("sha256-", System.StringComparison.Ordinal));
            Assert.Equal(TagFarm.PlainTags.Count, Tags(without).Length);
        }

        [Theory]
        [InlineData("--include-regex", "(unclosed", "Invalid regular expression")]
        [InlineData("--semver", ">= one", "semantic-version range")]
        [InlineData("--digest-tags", "all", "include, exclude or with-images")]
        [InlineData("--latest", "0", "--latest")]
        public async Task InvalidSelection_IsAUsageError_BeforeAnyRequest(string option, string value, string message)
        {
            CliResult r = await CliRunner.RunAsync("tags", "127.0.0.1:1/never/contacted", "--plain-http", option, value);

            Assert.Equal(2, r.ExitCode);
            Assert.Contains(message, r.StdErr);
        }

        private string[] Tags(CliResult r) => r.StdOut.Split('\n', System.StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Split('\t')[0].Substring(Repository.Length + 1)).ToArray();
    }
}
