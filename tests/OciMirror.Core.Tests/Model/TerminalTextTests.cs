using System;
using OciMirror.Core.Diagnostics;
using Xunit;

namespace OciMirror.Core.Tests.Model
{
    /// <summary>Issue 7 item 16: the one escaping helper both front ends use for text from bundles and registries.</summary>
    public class TerminalTextTests
    {
        [Theory]
        [InlineData("docker.io/library/nginx:1.27", "docker.io/library/nginx:1.27")]
        [InlineData("évènement/日本語:v1 🐳", "évènement/日本語:v1 🐳")]
        [InlineData("a\u001b[2Jb", "a\\u001b[2Jb")]                   // ESC: clear screen
        [InlineData("\u001b]0;pwned\u0007", "\\u001b]0;pwned\\u0007")] // OSC title + BEL
        [InlineData("line\nforged: ok", "line\\u000aforged: ok")]      // newline forging a log line
        [InlineData("cr\rover", "cr\\u000dover")]
        [InlineData("tab\there", "tab\\u0009here")]
        [InlineData("nul\0", "nul\\u0000")]
        [InlineData("del\u007f", "del\\u007f")]
        [InlineData("csi\u009b31m", "csi\\u009b31m")]                  // C1 CSI
        [InlineData("c1\u0085nel", "c1\\u0085nel")]
        [InlineData("abc\u202Efed", "abc\\u202efed")]                  // right-to-left override
        [InlineData("\u2066iso\u2069", "\\u2066iso\\u2069")]
        [InlineData("\u200E\u200F\u061C", "\\u200e\\u200f\\u061c")]
        [InlineData("sep\u2028\u2029", "sep\\u2028\\u2029")]
        [InlineData("", "")]
        public void Escapes_controls_C1_and_bidi_keeps_everything_else(string input, string expected)
        {
            Assert.Equal(expected, TerminalText.Escape(input));
        }

        [Fact]
        public void Null_is_empty_and_safe_text_is_returned_as_is()
        {
            Assert.Equal(string.Empty, TerminalText.Escape(null));
            string safe = "registry.local/app:1";
            Assert.Same(safe, TerminalText.Escape(safe));
        }

        [Fact]
        public void EscapeLines_keeps_line_breaks_only()
        {
            string text = "first \u001b[31mred\r\nsecond\u0007\nthird";

            string[] lines = TerminalText.EscapeLines(text).Split(new[] { System.Environment.NewLine }, StringSplitOptions.None);

            Assert.Equal(new[] { "first \\u001b[31mred", "second\\u0007", "third" }, lines);
        }

        [Fact]
        public void Every_character_of_the_C0_C1_and_bidi_sets_is_escaped()
        {
            for (int c = 0; c <= 0xFFFF; c++)
            {
                bool expected = c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == 0x061C || c == 0x200E || c == 0x200F
                    || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) || c == 0x2028 || c == 0x2029;
                Assert.True(expected == TerminalText.IsUnsafe((char)c), $"U+{c:X4}");
            }
        }
    }
}
