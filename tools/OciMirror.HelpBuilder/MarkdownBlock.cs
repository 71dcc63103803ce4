using System.Collections.Generic;

namespace OciMirror.HelpBuilder
{
    /// <summary>A heading of a markdown page (outside code fences) and the lines up to the next heading.</summary>
    internal sealed class MarkdownBlock
    {
        public MarkdownBlock(int level, string title, int line)
        {
            Level = level;
            Title = title;
            Line = line;
        }

        /// <summary>1 for <c>#</c>, 2 for <c>##</c>, 3 for <c>###</c>; 0 for the text before the first heading.</summary>
        public int Level { get; }

        public string Title { get; }

        /// <summary>One-based line number of the heading in the file.</summary>
        public int Line { get; }

        public List<string> Body { get; } = new List<string>();

        /// <summary>Splits <paramref name="lines"/> at headings; <c>#</c> lines inside <c>```</c> fences are code, not headings.</summary>
        public static List<MarkdownBlock> Split(IReadOnlyList<string> lines, int firstLineNumber)
        {
            var blocks = new List<MarkdownBlock> { new MarkdownBlock(0, string.Empty, firstLineNumber) };
            bool inFence = false;
            for (int i = 0; i < lines.Count; i++)
            {
                string line = lines[i];
                if (line.TrimStart().StartsWith("```", System.StringComparison.Ordinal))
                {
                    inFence = !inFence;
                }
                else if (!inFence && line.StartsWith("#", System.StringComparison.Ordinal))
                {
                    int level = 0;
                    while (level < line.Length && line[level] == '#')
                    {
                        level++;
                    }

                    if (level <= 3 && level < line.Length && line[level] == ' ')
                    {
                        blocks.Add(new MarkdownBlock(level, line.Substring(level + 1).Trim(), firstLineNumber + i));
                        continue;
                    }
                }

                blocks[blocks.Count - 1].Body.Add(line);
            }

            return blocks;
        }
    }
}
