using System.Linq;
using OciMirror.Core.Selection;
using Xunit;

namespace OciMirror.Core.Tests.Selection
{
    /// <summary>Versions read and ordered as Masterminds/semver v3's NewVersion and Compare do (its version_test.go cases), plus tags.</summary>
    public class SemanticVersionTests
    {
        public static readonly TheoryData<string, bool> MastermindsNewVersion = new TheoryData<string, bool>
        {
            { "1.2.3", true },
            { "1.2.3-alpha.01", false },
            { "1.2.3+test.01", true },
            { "1.2.3-alpha.-1", true },
            { "v1.2.3", true },
            { "1.0", true },
            { "v1.0", true },
            { "1", true },
            { "v1", true },
            { "1.2.beta", false },
            { "v1.2.beta", false },
            { "foo", false },
            { "1.2-5", true },
            { "v1.2-5", true },
            { "1.2-beta.5", true },
            { "v1.2-beta.5", true },
            { "\n1.2", false },
            { "\nv1.2", false },
            { "1.2.0-x.Y.0+metadata", true },
            { "v1.2.0-x.Y.0+metadata", true },
            { "1.2.0-x.Y.0+metadata-width-hypen", true },
            { "v1.2.0-x.Y.0+metadata-width-hypen", true },
            { "1.2.3-rc1-with-hypen", true },
            { "v1.2.3-rc1-with-hypen", true },
            { "1.2.3-0abc123", true },
            { "1.2.3-beta.01", false },
            { "1.2.3.4", false },
            { "v1.2.3.4", false },
            { "1.2.2147483648", true },
            { "1.2147483648.3", true },
            { "2147483648.3.0", true },
            { "12.3.4.1234", false },
            { "12.23.4.1234", false },
            { "12.3.34.1234", false },
            { "20221209-update-renovatejson-v4", true },
            { "1.1.2+.123", false },
            { "1.0.0-alpha_beta", false },
            { "1.0.0-alpha..", false },
            { "1.0.0-alpha..1", false },
            { "9.8.7+meta+meta", false },
            { "1.2.31----RC-SNAPSHOT.12.09.1--.12+788", false },
            { "01.1.1", true },
            { "1.01.1", true },
            { "1.1.01", true },
        };

        public static readonly TheoryData<string, string, int> MastermindsCompare = new TheoryData<string, string, int>
        {
            { "1.2.3", "1.5.1", -1 },
            { "2.2.3", "1.5.1", 1 },
            { "2.2.3", "2.2.2", 1 },
            { "3.2-beta", "3.2-beta", 0 },
            { "1.3", "1.1.4", 1 },
            { "4.2", "4.2-beta", 1 },
            { "4.2-beta", "4.2", -1 },
            { "4.2-alpha", "4.2-beta", -1 },
            { "4.2-alpha", "4.2-alpha", 0 },
            { "4.2-beta.2", "4.2-beta.1", 1 },
            { "4.2-beta2", "4.2-beta1", 1 },
            { "4.2-beta", "4.2-beta.2", -1 },
            { "4.2-beta", "4.2-beta.foo", -1 },
            { "4.2-beta.2", "4.2-beta", 1 },
            { "4.2-beta.foo", "4.2-beta", 1 },
            { "1.2+bar", "1.2+baz", 0 },
            { "1.0.0-beta.4", "1.0.0-beta.-2", -1 },
            { "1.0.0-beta.-2", "1.0.0-beta.-3", -1 },
            { "1.0.0-beta.-3", "1.0.0-beta.5", 1 },
        };

        [Theory]
        [MemberData(nameof(MastermindsNewVersion))]
        public void TryParse_AsMastermindsNewVersion(string text, bool valid)
        {
            Assert.Equal(valid, SemanticVersion.TryParse(text) != null);
        }

        [Theory]
        [MemberData(nameof(MastermindsCompare))]
        public void CompareTo_AsMasterminds(string left, string right, int expected)
        {
            Assert.Equal(expected, System.Math.Sign(SemanticVersion.TryParse(left)!.CompareTo(SemanticVersion.TryParse(right))));
        }

        [Fact]
        public void TryParse_FillsMissingPartsAndKeepsTheRest()
        {
            SemanticVersion v = SemanticVersion.TryParse("v1.2-rc.1+build.7")!;
            Assert.Equal((1UL, 2UL, 0UL, "rc.1", "build.7"), (v.Major, v.Minor, v.Patch, v.Prerelease, v.Metadata));
            Assert.Equal("1.2.0-rc.1+build.7", v.ToString());
            Assert.Equal("v1.2-rc.1+build.7", v.Original);
        }

        [Theory]
        [InlineData("1.2.3_build.5", "1.2.3+build.5")]
        [InlineData("1.2.3-rc.1_b7", "1.2.3-rc.1+b7")]
        [InlineData("v2_x_y", null)]
        [InlineData("latest", null)]
        [InlineData("sha256-0123", null)]
        [InlineData("1.25-alpine3.20", "1.25.0-alpine3.20")]
        [InlineData("", null)]
        public void TryParseTag_ReadsHelmsUnderscoreAsPlus(string tag, string? expected)
        {
            SemanticVersion? v = SemanticVersion.TryParseTag(tag);
            Assert.Equal(expected, v?.ToString());
            if (v != null)
            {
                Assert.Equal(tag, v.Original);
            }
        }

        [Fact]
        public void Ordering_SortsSemverOrgExample()
        {
            string[] ordered = { "1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta", "1.0.0-beta.2", "1.0.0-beta.11", "1.0.0-rc.1", "1.0.0" };
            string[] shuffled = ordered.Reverse().ToArray();
            Assert.Equal(ordered, shuffled.Select(SemanticVersion.TryParse).OrderBy(v => v).Select(v => v!.Original));
        }
    }
}
