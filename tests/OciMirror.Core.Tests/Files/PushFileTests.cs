using OciMirror.Core.Errors;
using OciMirror.Core.Files;
using Xunit;

namespace OciMirror.Core.Tests.Files
{
    /// <summary>FILE[:MEDIATYPE] as oras parses it (cmd/oras/internal/fileref), and the titles files get.</summary>
    public class PushFileTests
    {
        [Theory]
        [InlineData("hi.txt", "hi.txt", null, "hi.txt")]
        [InlineData("hi.txt:application/vnd.me.hi", "hi.txt", "application/vnd.me.hi", "hi.txt")]
        [InlineData("hi:txt:", "hi:txt", null, "hi:txt")] // oras's example: the type follows the last ':'
        [InlineData("./docs/:application/vnd.acme.rocket.docs.layer.v1+tar", "./docs/", "application/vnd.acme.rocket.docs.layer.v1+tar", "docs")]
        [InlineData("sub/dir/a.txt", "sub/dir/a.txt", null, "sub/dir/a.txt")]
        [InlineData("/tmp/x/a.txt", "/tmp/x/a.txt", null, "a.txt")]
        [InlineData("../up/a.txt", "../up/a.txt", null, "a.txt")]
        [InlineData(@"C:\work\a.txt", @"C:\work\a.txt", null, "a.txt")] // a drive's ':' is no separator
        [InlineData(@"C:\work\a.txt:text/plain", @"C:\work\a.txt", "text/plain", "a.txt")]
        [InlineData(@".\sub\a.txt", @".\sub\a.txt", null, "sub/a.txt")]
        public void Parses_like_oras(string text, string path, string? mediaType, string title)
        {
            PushFile file = PushFile.Parse(text);

            Assert.Equal(path, file.Path);
            Assert.Equal(mediaType, file.MediaType);
            Assert.Equal(title, file.Title);
        }

        [Theory]
        [InlineData(":text/plain")]
        [InlineData("a.txt:not a type")]
        [InlineData("a.txt:text")]
        public void Empty_paths_and_invalid_media_types_are_refused(string text)
        {
            Assert.Equal(OciErrorKind.InvalidReference, Assert.Throws<OciException>(() => PushFile.Parse(text)).Kind);
        }

        [Theory]
        [InlineData("../x")]
        [InlineData("/etc/passwd")]
        [InlineData("a/../../x")]
        [InlineData(@"a\..\x")]
        [InlineData("C:/x")]
        [InlineData("c:x")]
        [InlineData("a//b")]
        [InlineData("./a")]
        [InlineData("a\u0001b")]
        [InlineData("")]
        public void Unsafe_titles_are_refused(string title)
        {
            Assert.NotNull(FileTitles.Problem(title, windows: false));
            OciException e = Assert.Throws<OciException>(() => new PushFile("a.txt", null, title));
            Assert.Equal(OciErrorKind.UnsafePath, e.Kind);
        }

        [Theory]
        [InlineData("a.txt")]
        [InlineData("docs")]
        [InlineData("docs/")]
        [InlineData("sub/dir/a.txt")]
        [InlineData("..a")]
        [InlineData("hi:txt")]
        public void Plain_relative_titles_are_accepted(string title)
        {
            Assert.Null(FileTitles.Problem(title, windows: false));
        }

        [Fact]
        public void A_colon_is_refused_on_windows_only()
        {
            Assert.Null(FileTitles.Problem("hi:txt", windows: false));
            Assert.NotNull(FileTitles.Problem("hi:txt", windows: true));
            Assert.NotNull(FileTitles.Problem("a.txt:stream", windows: true));
        }
    }
}
