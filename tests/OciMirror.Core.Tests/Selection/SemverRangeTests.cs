using System;
using OciMirror.Core.Selection;
using Xunit;

namespace OciMirror.Core.Tests.Selection
{
    /// <summary>
    /// The range grammar and meaning of Masterminds/semver v3 (the library of skopeo's images-by-semver and
    /// regsync): the cases of its constraints_test.go (TestConstraintsCheck and
    /// TestConstraintsCheckIncludePrerelease) as a table, plus its parse errors.
    /// </summary>
    public class SemverRangeTests
    {
        public static readonly TheoryData<string, string, bool> MastermindsCheck = new TheoryData<string, string, bool>
        {
            { "*", "1.2.3", true },
            { "~0.0.0", "1.2.3", true },
            { "0.x.x", "1.2.3", false },
            { "0.0.x", "1.2.3", false },
            { "0.0.0", "1.2.3", false },
            { "*", "1.2.3", true },
            { "^0.0.0", "1.2.3", false },
            { "= 2.0", "1.2.3", false },
            { "= 2.0", "2.0.0", true },
            { "4.1", "4.1.0", true },
            { "4.1.x", "4.1.3", true },
            { "1.x", "1.4", true },
            { "!=4.1", "4.1.0", false },
            { "!=4.1-alpha", "4.1.0-alpha", false },
            { "!=4.1-alpha", "4.1.1-alpha", false },
            { "!=4.1-alpha", "4.1.0", true },
            { "!=4.1", "5.1.0", true },
            { "!=4.x", "5.1.0", true },
            { "!=4.x", "4.1.0", false },
            { "!=4.1.x", "4.2.0", true },
            { "!=4.2.x", "4.2.3", false },
            { ">1.1", "4.1.0", true },
            { ">1.1", "1.1.0", false },
            { "<1.1", "0.1.0", true },
            { "<1.1", "1.1.0", false },
            { "<1.1", "1.1.1", false },
            { "<1.x", "1.1.1", false },
            { "<1.x", "0.1.1", true },
            { "<1.x", "2.0.0", false },
            { "<1.1.x", "1.2.1", false },
            { "<1.1.x", "1.1.500", false },
            { "<1.1.x", "1.0.500", true },
            { "<1.2.x", "1.1.1", true },
            { ">=1.1", "4.1.0", true },
            { ">=1.1", "4.1.0-beta", false },
            { ">=1.1", "1.1.0", true },
            { ">=1.1", "0.0.9", false },
            { "<=1.1", "0.1.0", true },
            { "<=1.1", "0.1.0-alpha", false },
            { "<=1.1-a", "0.1.0-alpha", true },
            { "<=1.1", "1.1.0", true },
            { "<=1.x", "1.1.0", true },
            { "<=2.x", "3.0.0", false },
            { "<=1.1", "1.1.1", true },
            { "<=1.1.x", "1.2.500", false },
            { "<=4.5", "3.4.0", true },
            { "<=4.5", "3.7.0", true },
            { "<=4.5", "4.6.3", false },
            { ">1.1, <2", "1.1.1", false },
            { ">1.1, <2", "1.2.1", true },
            { ">1.1, <3", "4.3.2", false },
            { ">=1.1, <2, !=1.2.3", "1.2.3", false },
            { ">1.1 <2", "1.1.1", false },
            { ">1.1 <2", "1.2.1", true },
            { ">1.1    <3", "4.3.2", false },
            { ">=1.1    <2    !=1.2.3", "1.2.3", false },
            { ">=1.1, <2, !=1.2.3 || > 3", "4.1.2", true },
            { ">=1.1, <2, !=1.2.3 || > 3", "3.1.2", false },
            { ">=1.1, <2, !=1.2.3 || >= 3", "3.0.0", true },
            { ">=1.1, <2, !=1.2.3 || > 3", "3.0.0", false },
            { ">=1.1, <2, !=1.2.3 || > 3", "1.2.3", false },
            { ">=1.1 <2 !=1.2.3", "1.2.3", false },
            { ">=1.1 <2 !=1.2.3 || > 3", "4.1.2", true },
            { ">=1.1 <2 !=1.2.3 || > 3", "3.1.2", false },
            { ">=1.1 <2 !=1.2.3 || >= 3", "3.0.0", true },
            { ">=1.1 <2 !=1.2.3 || > 3", "3.0.0", false },
            { ">=1.1 <2 !=1.2.3 || > 3", "1.2.3", false },
            { "> 1.1, <     2", "1.1.1", false },
            { ">   1.1, <2", "1.2.1", true },
            { ">1.1, <  3", "4.3.2", false },
            { ">= 1.1, <     2, !=1.2.3", "1.2.3", false },
            { "> 1.1 < 2", "1.1.1", false },
            { ">1.1 < 2", "1.2.1", true },
            { "> 1.1    <3", "4.3.2", false },
            { ">=1.1    < 2    != 1.2.3", "1.2.3", false },
            { ">= 1.1, <2, !=1.2.3 || > 3", "4.1.2", true },
            { ">= 1.1, <2, != 1.2.3 || > 3", "3.1.2", false },
            { ">= 1.1, <2, != 1.2.3 || >= 3", "3.0.0", true },
            { ">= 1.1, <2, !=1.2.3 || > 3", "3.0.0", false },
            { ">= 1.1, <2, !=1.2.3 || > 3", "1.2.3", false },
            { ">= 1.1 <2 != 1.2.3", "1.2.3", false },
            { ">= 1.1 <2 != 1.2.3 || > 3", "4.1.2", true },
            { ">= 1.1 <2 != 1.2.3 || > 3", "3.1.2", false },
            { ">= 1.1 <2 != 1.2.3 || >= 3", "3.0.0", true },
            { ">= 1.1 < 2 !=1.2.3 || > 3", "3.0.0", false },
            { ">=1.1 < 2 !=1.2.3 || > 3", "1.2.3", false },
            { ">= 1.0.0  <= 2.0.0-beta", "1.0.1-beta", true },
            { ">= 1.0.0  <= 2.0.0-beta", "1.0.1", true },
            { ">= 1.0.0  <= 2.0.0-beta", "3.0.0", false },
            { ">= 1.0.0  <= 2.0.0-beta || > 3", "1.0.1-beta", true },
            { ">= 1.0.0  <= 2.0.0-beta || > 3", "3.0.1-beta", false },
            { ">= 1.0.0  <= 2.0.0-beta != 1.0.1 || > 3", "1.0.1-beta", true },
            { ">= 1.0.0  <= 2.0.0-beta != 1.0.1-beta || > 3", "1.0.1-beta", false },
            { ">= 1.0.0-0  <= 2.0.0", "1.0.1-beta", true },
            { "1.1 - 2", "1.1.1", true },
            { "1.5.0 - 4.5", "3.7.0", true },
            { "1.1-3", "4.3.2", false },
            { "^1.1", "1.1.1", true },
            { "^1.1", "4.3.2", false },
            { "^1.x", "1.1.1", true },
            { "^2.x", "1.1.1", false },
            { "^1.x", "2.1.1", false },
            { "^1.x", "1.1.1-beta1", false },
            { "^1.1.2-alpha", "1.2.1-beta1", true },
            { "^1.2.x-alpha", "1.1.1-beta1", false },
            { "^0.0.1", "0.0.1", true },
            { "^0.0.1", "0.3.1", false },
            { "~*", "2.1.1", true },
            { "~1", "2.1.1", false },
            { "~1", "1.3.5", true },
            { "~1", "1.4", true },
            { "~1.x", "2.1.1", false },
            { "~1.x", "1.3.5", true },
            { "~1.x", "1.4", true },
            { "~1.1", "1.1.1", true },
            { "~1.1", "1.1.1-alpha", false },
            { "~1.1-alpha", "1.1.1-beta", true },
            { "~1.1.1-beta", "1.1.1-alpha", false },
            { "~1.1.1-beta", "1.1.1", true },
            { "~1.2.3", "1.2.5", true },
            { "~1.2.3", "1.2.2", false },
            { "~1.2.3", "1.3.2", false },
            { "~1.1", "1.2.3", false },
            { "~1.3", "2.4.5", false },
            { "1.0.0 - 2.0.0 <=2.0.0", "1.5.0", true },
            { "1.0.0 - 2.0.0, <=2.0.0", "1.5.0", true },
        };

        public static readonly TheoryData<string, string, bool> MastermindsCheckIncludingPrereleases = new TheoryData<string, string, bool>
        {
            { ">=1.1", "4.1.0-beta", true },
            { ">1.1", "4.1.0-beta", true },
            { "<=1.1", "0.1.0-alpha", true },
            { "<1.1", "0.1.0-alpha", true },
            { "^1.x", "1.1.1-beta1", true },
            { "~1.1", "1.1.1-alpha", true },
            { "*", "1.2.3-alpha", true },
            { "= 2.0", "2.0.1-beta", true },
            { "*", "1.2.3", true },
            { "~0.0.0", "1.2.3", true },
            { "0.x.x", "1.2.3", false },
            { "0.0.x", "1.2.3", false },
            { "0.0.0", "1.2.3", false },
            { "*", "1.2.3", true },
            { "^0.0.0", "1.2.3", false },
            { "= 2.0", "1.2.3", false },
            { "= 2.0", "2.0.0", true },
            { "4.1", "4.1.0", true },
            { "4.1.x", "4.1.3", true },
            { "1.x", "1.4", true },
            { "!=4.1", "4.1.0", false },
            { "!=4.1-alpha", "4.1.0-alpha", false },
            { "!=4.1-alpha", "4.1.1-alpha", false },
            { "!=4.1-alpha", "4.1.0", true },
            { "!=4.1", "5.1.0", true },
            { "!=4.x", "5.1.0", true },
            { "!=4.x", "4.1.0", false },
            { "!=4.1.x", "4.2.0", true },
            { "!=4.2.x", "4.2.3", false },
            { ">1.1", "4.1.0", true },
            { ">1.1", "1.1.0", false },
            { "<1.1", "0.1.0", true },
            { "<1.1", "1.1.0", false },
            { "<1.1", "1.1.1", false },
            { "<1.x", "1.1.1", false },
            { "<1.x", "0.1.1", true },
            { "<1.x", "2.0.0", false },
            { "<1.1.x", "1.2.1", false },
            { "<1.1.x", "1.1.500", false },
            { "<1.1.x", "1.0.500", true },
            { "<1.2.x", "1.1.1", true },
            { ">=1.1", "4.1.0", true },
            { ">=1.1", "1.1.0", true },
            { ">=1.1", "0.0.9", false },
            { "<=1.1", "0.1.0", true },
            { "<=1.1-a", "0.1.0-alpha", true },
            { "<=1.1", "1.1.0", true },
            { "<=1.x", "1.1.0", true },
            { "<=2.x", "3.0.0", false },
            { "<=1.1", "1.1.1", true },
            { "<=1.1.x", "1.2.500", false },
            { "<=4.5", "3.4.0", true },
            { "<=4.5", "3.7.0", true },
            { "<=4.5", "4.6.3", false },
            { ">1.1, <2", "1.1.1", false },
            { ">1.1, <2", "1.2.1", true },
            { ">1.1, <3", "4.3.2", false },
            { ">=1.1, <2, !=1.2.3", "1.2.3", false },
            { ">1.1 <2", "1.1.1", false },
            { ">1.1 <2", "1.2.1", true },
            { ">1.1    <3", "4.3.2", false },
            { ">=1.1    <2    !=1.2.3", "1.2.3", false },
            { ">=1.1, <2, !=1.2.3 || > 3", "4.1.2", true },
            { ">=1.1, <2, !=1.2.3 || > 3", "3.1.2", false },
            { ">=1.1, <2, !=1.2.3 || >= 3", "3.0.0", true },
            { ">=1.1, <2, !=1.2.3 || > 3", "3.0.0", false },
            { ">=1.1, <2, !=1.2.3 || > 3", "1.2.3", false },
            { ">=1.1 <2 !=1.2.3", "1.2.3", false },
            { ">=1.1 <2 !=1.2.3 || > 3", "4.1.2", true },
            { ">=1.1 <2 !=1.2.3 || > 3", "3.1.2", false },
            { ">=1.1 <2 !=1.2.3 || >= 3", "3.0.0", true },
            { ">=1.1 <2 !=1.2.3 || > 3", "3.0.0", false },
            { ">=1.1 <2 !=1.2.3 || > 3", "1.2.3", false },
            { "> 1.1, <     2", "1.1.1", false },
            { ">   1.1, <2", "1.2.1", true },
            { ">1.1, <  3", "4.3.2", false },
            { ">= 1.1, <     2, !=1.2.3", "1.2.3", false },
            { "> 1.1 < 2", "1.1.1", false },
            { ">1.1 < 2", "1.2.1", true },
            { "> 1.1    <3", "4.3.2", false },
            { ">=1.1    < 2    != 1.2.3", "1.2.3", false },
            { ">= 1.1, <2, !=1.2.3 || > 3", "4.1.2", true },
            { ">= 1.1, <2, != 1.2.3 || > 3", "3.1.2", false },
            { ">= 1.1, <2, != 1.2.3 || >= 3", "3.0.0", true },
            { ">= 1.1, <2, !=1.2.3 || > 3", "3.0.0", false },
            { ">= 1.1, <2, !=1.2.3 || > 3", "1.2.3", false },
            { ">= 1.1 <2 != 1.2.3", "1.2.3", false },
            { ">= 1.1 <2 != 1.2.3 || > 3", "4.1.2", true },
            { ">= 1.1 <2 != 1.2.3 || > 3", "3.1.2", false },
            { ">= 1.1 <2 != 1.2.3 || >= 3", "3.0.0", true },
            { ">= 1.1 < 2 !=1.2.3 || > 3", "3.0.0", false },
            { ">=1.1 < 2 !=1.2.3 || > 3", "1.2.3", false },
            { ">= 1.0.0  <= 2.0.0-beta", "1.0.1-beta", true },
            { ">= 1.0.0  <= 2.0.0-beta", "1.0.1", true },
            { ">= 1.0.0  <= 2.0.0-beta", "3.0.0", false },
            { ">= 1.0.0  <= 2.0.0-beta || > 3", "1.0.1-beta", true },
            { ">= 1.0.0  <= 2.0.0-beta || > 3", "3.0.1-beta", false },
            { ">= 1.0.0  <= 2.0.0-beta != 1.0.1 || > 3", "1.0.1-beta", true },
            { ">= 1.0.0  <= 2.0.0-beta != 1.0.1-beta || > 3", "1.0.1-beta", false },
            { ">= 1.0.0-0  <= 2.0.0", "1.0.1-beta", true },
            { "1.1 - 2", "1.1.1", true },
            { "1.5.0 - 4.5", "3.7.0", true },
            { "1.1-3", "4.3.2", false },
            { "^1.1", "1.1.1", true },
            { "^1.1", "4.3.2", false },
            { "^1.x", "1.1.1", true },
            { "^2.x", "1.1.1", false },
            { "^1.x", "2.1.1", false },
            { "^1.1.2-alpha", "1.2.1-beta1", true },
            { "^1.2.x-alpha", "1.1.1-beta1", false },
            { "^0.0.1", "0.0.1", true },
            { "^0.0.1", "0.3.1", false },
            { "~*", "2.1.1", true },
            { "~1", "2.1.1", false },
            { "~1", "1.3.5", true },
            { "~1", "1.4", true },
            { "~1.x", "2.1.1", false },
            { "~1.x", "1.3.5", true },
            { "~1.x", "1.4", true },
            { "~1.1", "1.1.1", true },
            { "~1.1-alpha", "1.1.1-beta", true },
            { "~1.1.1-beta", "1.1.1-alpha", false },
            { "~1.1.1-beta", "1.1.1", true },
            { "~1.2.3", "1.2.5", true },
            { "~1.2.3", "1.2.2", false },
            { "~1.2.3", "1.3.2", false },
            { "~1.1", "1.2.3", false },
            { "~1.3", "2.4.5", false },
            { "1.0.0 - 2.0.0 <=2.0.0", "1.5.0", true },
            { "1.0.0 - 2.0.0, <=2.0.0", "1.5.0", true },
        };

        [Theory]
        [MemberData(nameof(MastermindsCheck))]
        public void Check_AsMasterminds(string range, string version, bool expected)
        {
            Assert.Equal(expected, SemverRange.Parse(range).IsSatisfiedBy(SemanticVersion.TryParse(version)!));
        }

        [Theory]
        [MemberData(nameof(MastermindsCheckIncludingPrereleases))]
        public void Check_WithPrereleases_AsMastermindsIncludePrerelease(string range, string version, bool expected)
        {
            Assert.Equal(expected, SemverRange.Parse(range).IsSatisfiedBy(SemanticVersion.TryParse(version)!, includePrereleases: true));
        }

        [Theory]
        [InlineData(">= bar")]
        [InlineData("BAR >= 1.2.3")]
        [InlineData("v1.2.3-beta.01")]
        [InlineData("12.3.4.1234")]
        [InlineData("12.23.4.1234")]
        [InlineData("12.3.34.1234")]
        [InlineData("12.3.34~ 1.2.3")]
        [InlineData("")]
        [InlineData("   ")]
        [InlineData(">=1.4 ||")]
        [InlineData("foo")]
        [InlineData(">=")]
        [InlineData(">=1.x1")]
        [InlineData("> = 1")]
        [InlineData("18446744073709551616")]
        public void Parse_RejectsWhatMastermindsRejects(string range)
        {
            var e = Assert.Throws<FormatException>(() => SemverRange.Parse(range));
            Assert.Contains("semantic-version range", e.Message);
        }

        [Theory]
        [InlineData(">= 1.1")]
        [InlineData(">40.50.60, < 50.70")]
        [InlineData("2.0")]
        [InlineData("v2.3.5-20161202202307-sha.e8fc5e5")]
        [InlineData("v1.2.3-0abc")]
        [InlineData(">= 1.2.3 < 2.0 || => 3.0 < 4")]
        [InlineData(">= 1.2.3, < 2.0 || => 3.0, < 4")]
        [InlineData("3 - 4 || => 3.0, < 4")]
        [InlineData("12.3.34 ~1.2.3")]
        [InlineData("1.0.0 - 2.0.0, <=2.0.0")]
        [InlineData(">=1.2,<2")]
        [InlineData("1.2.x")]
        [InlineData("~> 1.2")]
        public void Parse_AcceptsWhatMastermindsAccepts(string range)
        {
            Assert.Equal(range, SemverRange.Parse(range).Text);
        }

        [Theory]
        [InlineData("1.2 - 1.4.5", "1.3.9", true)]
        [InlineData("1.2 - 1.4.5", "1.4.6", false)]
        [InlineData("1.2 - 1.4", "1.4.9", true)]
        [InlineData("1.2 - 1.4", "1.5.0", false)]
        [InlineData(">=1.4 <2", "1.4.0", true)]
        [InlineData(">=1.4 <2", "2.0.0", false)]
        [InlineData(">=1.4 <2", "1.9.9-rc.1", false)]
        [InlineData(">=1.4.0-0 <2", "1.9.9-rc.1", true)]
        [InlineData("~1.2 || ^3", "3.9.0", true)]
        [InlineData("~1.2 || ^3", "1.3.0", false)]
        public void Check_IssueExamples(string range, string version, bool expected)
        {
            Assert.Equal(expected, SemverRange.Parse(range).IsSatisfiedBy(SemanticVersion.TryParse(version)!));
        }

        [Fact]
        public void NamesPrerelease_OnlyWhenAGroupHasOne()
        {
            Assert.False(SemverRange.Parse(">=1.2 <2").NamesPrerelease);
            Assert.True(SemverRange.Parse(">=1.2 <2 || >=3.0.0-0").NamesPrerelease);
        }
    }
}
