using OciMirror.Core.Diagnostics;
using Xunit;

namespace OciMirror.Core.Tests.Model
{
    public class ByteSizeTests
    {
        [Theory]
        [InlineData("0", 0L)]
        [InlineData("1234", 1234L)]
        [InlineData("512B", 512L)]
        [InlineData("4k", 4096L)]
        [InlineData("4KiB", 4096L)]
        [InlineData("700MiB", 734003200L)]
        [InlineData("8GiB", 8589934592L)]
        [InlineData("20gb", 21474836480L)]
        [InlineData("1T", 1099511627776L)]
        public void ParsesSizesAsUsersWriteThem(string text, long expected)
        {
            Assert.True(ByteSize.TryParse(text, out long bytes));
            Assert.Equal(expected, bytes);
        }

        [Theory]
        [InlineData("")]
        [InlineData("lots")]
        [InlineData("-1")]
        [InlineData("5X")]
        [InlineData("1.5G")]
        [InlineData("4 KiB")]
        [InlineData("99999999999999T")]
        public void RefusesWhatIsNotASize(string text)
        {
            Assert.False(ByteSize.TryParse(text, out _));
        }
    }
}
