using System;
using System.Text;

namespace OciMirror.Core.Diagnostics
{
    /// <summary>
    /// Makes text that came from a bundle or a registry (reference names, tags, entry names, registry error
    /// bodies, messages quoting them) safe to print on a terminal: every character a terminal could act on
    /// is written as a visible <c>\uXXXX</c> escape, so an <c>index.json</c> name cannot move the cursor,
    /// recolour or clear the screen, forge a log line or reorder what the user reads. Escaped: C0 controls
    /// (U+0000–U+001F, ESC and newline included), DEL (U+007F), C1 controls (U+0080–U+009F, among them the
    /// one-character CSI), the line and paragraph separators (U+2028, U+2029) and the bidirectional controls
    /// (U+061C, U+200E, U+200F, U+202A–U+202E, U+2066–U+2069, "Trojan Source", CVE-2021-42574). Everything
    /// else, other scripts and emoji included, is kept. Both front ends use this one helper; JSON output is
    /// escaped by its serializer instead.
    /// </summary>
    public static class TerminalText
    {
        /// <summary>
        /// The text with every unsafe character escaped (see the class remarks); null becomes "". Returns the
        /// same instance when nothing needs escaping.
        /// </summary>
        public static string Escape(string? text)
        {
            if (string.IsNullOrEmpty(text))
            {
                return string.Empty;
            }

            int first = IndexOfUnsafe(text!, 0);
            if (first < 0)
            {
                return text!;
            }

            var builder = new StringBuilder(text!.Length + 16);
            builder.Append(text, 0, first);
            for (int i = first; i < text.Length; i++)
            {
                AppendChar(builder, text[i]);
            }

            return builder.ToString();
        }

        /// <summary>
        /// Like <see cref="Escape"/> for text of several lines (a stack trace): line breaks (<c>\n</c>, and the
        /// <c>\r</c> of <c>\r\n</c>) are kept, everything else unsafe is escaped.
        /// </summary>
        public static string EscapeLines(string? text)
        {
            if (string.IsNullOrEmpty(text))
            {
                return string.Empty;
            }

            string[] lines = text!.Replace("\r\n", "\n").Split('\n');
            for (int i = 0; i < lines.Length; i++)
            {
                lines[i] = Escape(lines[i]);
            }

            return string.Join(Environment.NewLine, lines);
        }

        /// <summary>True when <paramref name="c"/> is one of the characters <see cref="Escape"/> rewrites.</summary>
        public static bool IsUnsafe(char c) =>
            c < 0x20 || (c >= 0x7F && c <= 0x9F)
            || c == '\u061C' || c == '\u200E' || c == '\u200F' || c == '\u2028' || c == '\u2029'
            || (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069');

        private static int IndexOfUnsafe(string text, int start)
        {
            for (int i = start; i < text.Length; i++)
            {
                if (IsUnsafe(text[i]))
                {
                    return i;
                }
            }

            return -1;
        }

        private static void AppendChar(StringBuilder builder, char c)
        {
            if (IsUnsafe(c))
            {
                builder.Append("\\u").Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append(c);
            }
        }
    }
}
