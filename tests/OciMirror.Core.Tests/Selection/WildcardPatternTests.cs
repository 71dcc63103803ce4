using OciMirror.Core.Selection;
using Xunit;

namespace OciMirror.Core.Tests.Selection
{
    public class WildcardPatternTests
    {
        [Theory]
        [InlineData("1.2*", "1.27", true)]
        [InlineData("1.2*", "1.3", false)]
        [InlineData("*", "", true)]
        [InlineData("v?.0", "v1.0", true)]
        [InlineData("v?.0", "v10.0", false)]
        [InlineData("[abc]x", "bx", true)]
        [InlineData("[abc]x", "dx", false)]
        [InlineData("v[0-9]", "v7", true)]
        [InlineData("v[0-9]", "vx", false)]
        [InlineData("Latest", "latest", false)]
        [InlineData("*-rc*", "1.0-rc2", true)]
        [InlineData("a*b*c", "aXbYbZc", true)]
        [InlineData("a*b*c", "aXbYbZ", false)]
        [InlineData("`*", "*", true)]
        [InlineData("`*", "x", false)]
        [InlineData("[abc", "[abc", true)]
        public void Wildcard_Matches(string pattern, string text, bool expected)
        {
            Assert.Equal(expected, new WildcardPattern(pattern).IsMatch(text));
        }
    }
}
