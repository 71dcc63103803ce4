using System;
using System.Collections.Generic;
using System.Text;
using System.Text.RegularExpressions;

namespace OciMirror.HelpBuilder
{
    /// <summary>
    /// Turns markdown body lines into MAML paragraphs the way Get-Help shows them: lines of a paragraph are
    /// joined with spaces (the console wraps them again), each list item is a paragraph of its own, a
    /// fenced code block is one paragraph with its line breaks kept. Inline markup (<c>`code`</c>) stays.
    /// </summary>
    internal static class MarkdownText
    {
        private static readonly Regex ListItem = new Regex(@"^\s*([-*]|\d+\.)\s+", RegexOptions.Compiled);

        public static List<string> Paragraphs(IEnumerable<string> lines)
        {
            var paragraphs = new List<string>();
            var current = new StringBuilder();
            var code = new List<string>();
            bool inFence = false;

            foreach (string raw in lines)
            {
                string line = raw.TrimEnd();
                if (line.TrimStart().StartsWith("```", StringComparison.Ordinal))
                {
                    Flush(paragraphs, current);
                    if (inFence)
                    {
                        paragraphs.Add(string.Join("\n", code));
                        code.Clear();
                    }

                    inFence = !inFence;
                    continue;
                }

                if (inFence)
                {
                    code.Add(line);
                }
                else if (line.Length == 0)
                {
                    Flush(paragraphs, current);
                }
                else if (ListItem.IsMatch(line))
                {
                    Flush(paragraphs, current);
                    current.Append(line.Trim());
                }
                else
                {
                    if (current.Length > 0)
                    {
                        current.Append(' ');
                    }

                    current.Append(line.Trim());
                }
            }

            if (inFence && code.Count > 0)
            {
                paragraphs.Add(string.Join("\n", code));
            }

            Flush(paragraphs, current);
            return paragraphs;
        }

        /// <summary>The lines inside the code fences of <paramref name="lines"/>, and the lines before and after the first fence.</summary>
        public static (List<string> Before, List<string> Code, List<string> After) SplitCode(IEnumerable<string> lines)
        {
            var before = new List<string>();
            var code = new List<string>();
            var after = new List<string>();
            int fences = 0;
            foreach (string line in lines)
            {
                if (line.TrimStart().StartsWith("```", StringComparison.Ordinal))
                {
                    fences++;
                    continue;
                }

                if (fences % 2 == 1)
                {
                    code.Add(line.TrimEnd());
                }
                else if (fences == 0)
                {
                    before.Add(line);
                }
                else
                {
                    after.Add(line);
                }
            }

            return (before, code, after);
        }

        private static void Flush(List<string> paragraphs, StringBuilder current)
        {
            if (current.Length > 0)
            {
                paragraphs.Add(current.ToString());
                current.Clear();
            }
        }
    }
}
