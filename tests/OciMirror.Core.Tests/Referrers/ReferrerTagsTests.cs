using OciMirror.Core.Model;
using OciMirror.Core.Referrers;
using Xunit;

namespace OciMirror.Core.Tests.Referrers
{
    public sealed class ReferrerTagsTests
    {
        private static readonly string Hex = new string('a', 64);

        [Fact]
        public void TagSchemaTag_FollowsTheSpecTable()
        {
            // distribution-spec 1.1 "Referrers Tag Schema": algorithm cut at 32, encoded cut at 64, other characters '-'.
            Assert.Equal("sha256-" + Hex, ReferrerTags.TagSchemaTag(Digest.Parse("sha256:" + Hex)));
            Assert.Equal("sha512-" + new string('b', 64), ReferrerTags.TagSchemaTag(Digest.Parse("sha512:" + new string('b', 128))));
            Digest odd = Digest.Parse("test+algorithm+using+algorithm+separators+and+lots+of+characters+to+excercise+overall+truncation:alsoSome=InTheEncodedSectionToShowHyphenReplacementAndLotsAndLotsOfCharactersToExcerciseEncodedTruncation");
            Assert.Equal("test-algorithm-using-algorithm-s-alsoSome-InTheEncodedSectionToShowHyphenReplacementAndLotsAndLot", ReferrerTags.TagSchemaTag(odd));
        }

        [Fact]
        public void DigestTags_AreTheCosignSuffixes()
        {
            Assert.Equal(new[] { "sha256-" + Hex + ".sig", "sha256-" + Hex + ".att", "sha256-" + Hex + ".sbom" }, ReferrerTags.DigestTags(Digest.Parse("sha256:" + Hex)));
        }

        [Theory]
        [InlineData("sha256-AAAA", false, false)]
        [InlineData("latest", false, false)]
        [InlineData("sha256-" + "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", false, true)]
        [InlineData("sha256-" + "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef.sig", true, false)]
        [InlineData("sha256-" + "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef.sbom", true, false)]
        [InlineData("sha256-" + "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef.tar", false, false)]
        [InlineData("sha256-" + "0123456789ABCDEF0123456789abcdef0123456789abcdef0123456789abcdef.sig", false, false)]
        public void Recognizes_DigestTags_And_TagSchemaTags(string tag, bool digestTag, bool schemaTag)
        {
            Assert.Equal(digestTag, ReferrerTags.IsDigestTag(tag));
            Assert.Equal(schemaTag, ReferrerTags.IsTagSchemaTag(tag));
        }

        [Theory]
        [InlineData("sha256-" + "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")]
        [InlineData("sha256-" + "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef.sig")]
        [InlineData("sha256-" + "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef.tar")]
        [InlineData("latest")]
        public void OneParser_SelectionAndDiscoveryAgree(string tag)
        {
            bool discovery = ReferrerTags.TryParseSubject(tag, out Digest a, out string? suffixA);
            bool selection = OciMirror.Core.Selection.DigestTag.TryParse(tag, out Digest b, out string? suffixB);

            Assert.Equal(selection, discovery);
            Assert.Equal(b, a);
            Assert.Equal(suffixB, suffixA);
        }

        [Fact]
        public void TryParseSubject_GivesTheDigestAndSuffix()
        {
            Assert.True(ReferrerTags.TryParseSubject("sha256-" + Hex + ".att", out Digest subject, out string? suffix));
            Assert.Equal("sha256:" + Hex, subject.ToString());
            Assert.Equal(".att", suffix);
        }
    }
}
