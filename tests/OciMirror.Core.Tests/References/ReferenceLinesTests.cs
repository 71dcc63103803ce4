using System.Linq;
using OciMirror.Core.References;
using Xunit;

namespace OciMirror.Core.Tests.References
{
    public class ReferenceLinesTests
    {
        [Fact]
        public void TrimsAndSkipsBlankAndCommentLines()
        {
            string?[] lines = { "nginx:1.27", "", "   ", null, "# a comment", "  # indented comment", "  ghcr.io/org/app:2  ", "a#b" };
            Assert.Equal(new[] { "nginx:1.27", "ghcr.io/org/app:2", "a#b" }, ReferenceLines.Filter(lines).ToArray());
        }

        [Fact]
        public void NullYieldsNothing() => Assert.Empty(ReferenceLines.Filter(null));
    }
}
