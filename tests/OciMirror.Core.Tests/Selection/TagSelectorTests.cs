using System;
using System.Linq;
using OciMirror.Core.Model;
using OciMirror.Core.Selection;
using Xunit;

namespace OciMirror.Core.Tests.Selection
{
    public class TagSelectorTests
    {
        [Fact]
        public void Defaults_SelectEveryTag_InInputOrder()
        {
            Assert.True(SelectionTags.All.Count >= 30);
            Assert.Equal(SelectionTags.All, Select(new TagSelection()));
        }

        [Theory]
        [InlineData(">=1.4 <2", "1.4 1.4.0 1.4.1 1.4.2 1.5 1.5.0 1.5.1 v1.6.0 1.6.0_build.7 1.10.0")]
        [InlineData("~1.2", "1.2.0 1.2.1")]
        [InlineData("^3", "3.0.0")]
        [InlineData("1.2.x", "1.2.0 1.2.1")]
        [InlineData("~1.2 || ^3", "1.2.0 1.2.1 3.0.0")]
        [InlineData("2 - 3", "2 2.0.0 2.0.1 2.1.0 3.0.0")]
        [InlineData(">=1.6.0-0 <1.7", "1.6.0-beta.1 1.6.0-rc.1 1.6.0-rc.2 v1.6.0 1.6.0_build.7 1.7.0-alpha")]
        [InlineData(">= 20000000", "20240101")]
        public void SemverRange_SelectsVersionsAsMasterminds(string range, string expected)
        {
            Assert.Equal(expected.Split(' '), Select(new TagSelection { SemverRange = range }));
        }

        [Fact]
        public void Prereleases_LetPrereleasesThroughTheRange()
        {
            // Masterminds compares pre-releases by precedence: 1.4.0-alpine < 1.4.0 is out, 2.0.0-rc.1 < 2.0.0 is in.
            Assert.Equal(
                new[] { "1.4", "1.4.0", "1.4.1", "1.4.2", "1.5", "1.5.0", "1.5.1-rc.1", "1.5.1", "1.6.0-beta.1", "1.6.0-rc.1", "1.6.0-rc.2", "v1.6.0", "1.6.0_build.7", "1.7.0-alpha", "1.10.0", "2.0.0-rc.1" },
                Select(new TagSelection { SemverRange = ">=1.4 <2", Prereleases = true }));
        }

        [Fact]
        public void Latest_KeepsTheTagsOfTheHighestDistinctVersions_InInputOrder()
        {
            // 1.10.0, then 1.6.0 (two tags: v1.6.0 and 1.6.0_build.7 are one version), then 1.5.1.
            Assert.Equal(new[] { "1.5.1", "v1.6.0", "1.6.0_build.7", "1.10.0" }, Select(new TagSelection { SemverRange = ">=1.4 <2", Latest = 3 }));
        }

        [Fact]
        public void Latest_WithoutRange_RanksEveryVersionTag_AndDropsTheOthers()
        {
            // A date tag is a version to Masterminds (20240101.0.0) and outranks 3.0.0; exclude it when it is not wanted.
            Assert.Equal(new[] { "20240101", "3.0.0" }, Select(new TagSelection { Latest = 2 }));
            Assert.Equal(new[] { "2.1.0", "3.0.0" }, Select(new TagSelection { Latest = 2, Exclude = new[] { "2024*" } }));
        }

        [Fact]
        public void Latest_CountsPrereleases_OnlyWhenAskedOrNamedByTheRange()
        {
            Assert.Equal(new[] { "v1.6.0", "1.6.0_build.7", "1.7.0-alpha" }, Select(new TagSelection { SemverRange = ">=1.6.0-0 <1.7", Latest = 2 }));
            Assert.Equal(new[] { "1.10.0", "2.0.0-rc.1" }, Select(new TagSelection { SemverRange = ">=1.4 <2", Latest = 2, Prereleases = true }));
        }

        [Fact]
        public void IncludeWildcardsAndRegexes_AreOneUnion_ThenExcludesRemove()
        {
            var selection = new TagSelection
            {
                Include = new[] { "2.*" },
                IncludeRegex = new[] { @"^1\.6\.0-rc" },
                Exclude = new[] { "*-alpine" },
                ExcludeRegex = new[] { "rc\\.2$" },
            };

            Assert.Equal(new[] { "1.6.0-rc.1", "2.0.0-rc.1", "2.0.0", "2.0.1", "2.1.0" }, Select(selection));
        }

        [Fact]
        public void Regex_MatchesAnywhereUnlessAnchored_LikeSkopeo()
        {
            Assert.Equal(new[] { "1.4-alpine", "2.1.0-alpine" }, Select(new TagSelection { IncludeRegex = new[] { "alpine" } }));
            Assert.Empty(Select(new TagSelection { IncludeRegex = new[] { "^alpine" } }));
        }

        [Fact]
        public void RangeAndPatterns_AreAnded()
        {
            Assert.Equal(new[] { "1.4", "1.4.0", "1.4.1", "1.4.2" }, Select(new TagSelection { Include = new[] { "1.4*" }, SemverRange = ">=1.4 <2" }));
        }

        [Fact]
        public void DigestTags_Exclude_LeavesThemOut_Include_TreatsThemAsTags()
        {
            Assert.DoesNotContain(Select(new TagSelection { DigestTags = DigestTagMode.Exclude }), t => t.StartsWith("sha256-", StringComparison.Ordinal));
            Assert.Equal(4, Select(new TagSelection { Include = new[] { "sha256-*" } }).Length);
        }

        [Fact]
        public void DigestTags_WithImages_AreSetAside_ThenAttachedToTheDigestsOfTheKeptTags()
        {
            TagSelector selector = new TagSelection { SemverRange = "^3", DigestTags = DigestTagMode.WithImages }.Compile();
            TagSelectionResult result = selector.Select(SelectionTags.All);

            Assert.Equal(new[] { "3.0.0" }, result.Tags);
            Assert.Equal(4, result.DigestTags.Count);
            Assert.Equal(
                new[] { "sha256-" + SelectionTags.SignedHex + ".sig", "sha256-" + SelectionTags.SignedHex + ".att", "sha256-" + SelectionTags.SignedHex },
                TagSelector.AttachDigestTags(result.DigestTags, new[] { Digest.Parse(SelectionTags.SignedDigest) }));
            Assert.Empty(TagSelector.AttachDigestTags(result.DigestTags, new[] { Digest.Parse("sha256:" + new string('3', 64)) }));
        }

        [Theory]
        [InlineData("(unclosed")]
        [InlineData("[z-a]")]
        public void InvalidRegex_FailsCompile_NamingThePattern(string pattern)
        {
            var e = Assert.Throws<FormatException>(() => new TagSelection { ExcludeRegex = new[] { pattern } }.Compile());
            Assert.Contains(pattern, e.Message);
        }

        [Fact]
        public void InvalidRange_FailsCompile()
        {
            Assert.Throws<FormatException>(() => new TagSelection { SemverRange = ">= one" }.Compile());
        }

        [Fact]
        public void Latest_BelowOne_IsRefused()
        {
            Assert.Throws<ArgumentOutOfRangeException>(() => new TagSelection { Latest = 0 });
        }

        [Theory]
        [InlineData("sha256-" + SelectionTags.SignedHex + ".sig", true)]
        [InlineData("sha256-" + SelectionTags.SignedHex + ".sbom", true)]
        [InlineData("sha256-" + SelectionTags.SignedHex, true)]
        [InlineData("sha256-" + SelectionTags.SignedHex + ".txt", false)]
        [InlineData("sha256-1234.sig", false)]
        [InlineData("SHA256-" + SelectionTags.SignedHex + ".sig", false)]
        [InlineData("1.0", false)]
        public void DigestTag_RecognizesCosignAndReferrersTags(string tag, bool expected)
        {
            Assert.Equal(expected, DigestTag.TryParse(tag, out Digest subject));
            Assert.Equal(expected ? SelectionTags.SignedDigest : string.Empty, subject.ToString());
        }

        private static string[] Select(TagSelection selection) => selection.Compile().Select(SelectionTags.All).Tags.ToArray();
    }
}
