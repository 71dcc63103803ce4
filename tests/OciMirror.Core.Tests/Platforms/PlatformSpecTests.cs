using System.Collections.Generic;
using OciMirror.Core.Errors;
using OciMirror.Core.Model;
using OciMirror.Core.Platforms;
using Xunit;

namespace OciMirror.Core.Tests.Platforms
{
    public class PlatformSpecTests
    {
        [Theory]
        [InlineData("linux/amd64", "linux/amd64")]
        [InlineData("Linux/x86_64", "linux/amd64")]
        [InlineData("linux/aarch64", "linux/arm64/v8")]
        [InlineData("linux/arm64", "linux/arm64/v8")]
        [InlineData("linux/arm64/8", "linux/arm64/v8")]
        [InlineData("linux/arm", "linux/arm/v7")]
        [InlineData("linux/armhf", "linux/arm/v7")]
        [InlineData("linux/arm/6", "linux/arm/v6")]
        [InlineData("linux/arm64/v8:el9", "linux/arm64/v8:el9")]
        [InlineData("windows/amd64:10.0.17763.5458+win32k", "windows/amd64:10.0.17763.5458+win32k")]
        [InlineData("macos/arm64", "darwin/arm64/v8")]
        public void Parses_and_normalizes_like_containerd(string text, string normalized)
        {
            Assert.Equal(normalized, PlatformSpec.Parse(text).ToString());
        }

        [Theory]
        [InlineData("")]
        [InlineData("linux")]
        [InlineData("linux/")]
        [InlineData("linux/arm64/v8/extra")]
        [InlineData("linux/arm 64")]
        [InlineData("linux/amd64:")]
        [InlineData("linux/amd64+")]
        public void Malformed_platforms_are_refused_with_the_form_to_write(string text)
        {
            OciException e = Assert.Throws<OciException>(() => PlatformSpec.Parse(text));

            Assert.Equal(OciErrorKind.InvalidReference, e.Kind);
            Assert.Contains("os/arch[/variant][:os.version]", e.RecommendedAction);
        }

        [Theory]
        [InlineData("linux/arm64", "linux", "arm64", null, null, true)] // an arm64 entry without variant is v8
        [InlineData("linux/arm64", "linux", "arm64", "v8", null, true)]
        [InlineData("linux/arm64/v8", "linux", "arm64", null, null, true)]
        [InlineData("linux/arm64/v8", "linux", "aarch64", "8", null, true)]
        [InlineData("linux/arm64", "linux", "arm64", "v9", null, false)]
        [InlineData("linux/arm", "linux", "arm", null, null, true)] // an arm entry without variant is v7
        [InlineData("linux/arm", "linux", "arm", "v6", null, false)]
        [InlineData("linux/arm/v6", "linux", "arm", "v7", null, false)]
        [InlineData("linux/amd64", "linux", "amd64", null, "10.0", true)] // no os.version asked: any matches
        [InlineData("linux/arm64/v8:el9", "linux", "arm64", null, "el9", true)]
        [InlineData("linux/arm64/v8:el9", "linux", "arm64", "v8", "el8", false)]
        [InlineData("linux/arm64/v8:el9", "linux", "arm64", "v8", null, false)]
        [InlineData("linux/amd64", "windows", "amd64", null, null, false)]
        public void Matches_by_the_platform_rules(string spec, string os, string arch, string? variant, string? osVersion, bool matches)
        {
            Assert.Equal(matches, PlatformSpec.Parse(spec).Matches(new Platform(os, arch, variant, osVersion)));
        }

        [Fact]
        public void Os_features_must_all_be_listed_when_asked_for()
        {
            var entry = new Platform("windows", "amd64", null, "10.0.17763", new List<string> { "win32k" });
            Assert.True(PlatformSpec.Parse("windows/amd64+win32k").Matches(entry));
            Assert.True(PlatformSpec.Parse("windows/amd64").Matches(entry));
            Assert.False(PlatformSpec.Parse("windows/amd64+win32k+other").Matches(entry));
            Assert.False(PlatformSpec.Parse("windows/amd64+win32k").Matches(new Platform("windows", "amd64")));
        }

        [Fact]
        public void A_null_platform_never_matches()
        {
            Assert.False(PlatformSpec.Parse("linux/amd64").Matches(null));
        }

        [Theory]
        [InlineData("linux/arm64/v8:el9", "linux/arm64/v8:el9")]
        [InlineData("linux/arm64:el9", "linux/arm64:el9")] // no variant written: none stated
        [InlineData("linux/x86_64", "linux/amd64")]
        public void ToPlatform_writes_what_was_given_normalized(string spec, string written)
        {
            Assert.Equal(written, PlatformSpec.Parse(spec).ToPlatform().ToString());
        }

        [Fact]
        public void ParseAll_drops_blanks_and_duplicates()
        {
            IReadOnlyList<PlatformSpec> specs = PlatformSpec.ParseAll(new[] { "linux/arm64", " ", "linux/aarch64/v8", "linux/amd64" });

            Assert.Equal(new[] { "linux/arm64/v8", "linux/amd64" }, new[] { specs[0].ToString(), specs[1].ToString() });
            Assert.Equal(2, specs.Count);
        }
    }
}
