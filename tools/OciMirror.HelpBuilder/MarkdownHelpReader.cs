using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;

namespace OciMirror.HelpBuilder
{
    /// <summary>
    /// Reads one cmdlet page in the platyPS v1 markdown schema (schema 2.0.0: front matter, <c># Name</c>,
    /// SYNOPSIS, SYNTAX, DESCRIPTION, EXAMPLES, PARAMETERS with yaml blocks, INPUTS, OUTPUTS, NOTES,
    /// RELATED LINKS). SYNTAX is not read: MAML syntax is rebuilt from the parameters, as platyPS does.
    /// </summary>
    internal static class MarkdownHelpReader
    {
        private static readonly Regex Link = new Regex(@"^\[(?<text>[^\]]+)\]\((?<uri>[^)]*)\)$", RegexOptions.Compiled);

        /// <summary>True for a cmdlet page (front matter with <c>external help file</c>), false for the module page.</summary>
        public static bool IsCommandPage(string text) => FrontMatter(Lines(text), out _).ContainsKey("external help file");

        /// <exception cref="HelpFormatException">The page lacks its name, synopsis or a parameter's yaml block, or a yaml value is invalid.</exception>
        public static CommandHelp Read(string text, string file)
        {
            List<string> lines = Lines(text);
            FrontMatter(lines, out int bodyStart);
            List<MarkdownBlock> blocks = MarkdownBlock.Split(lines.Skip(bodyStart).ToList(), bodyStart + 1);

            MarkdownBlock? title = blocks.FirstOrDefault(b => b.Level == 1);
            if (title == null || title.Title.Length == 0)
            {
                throw new HelpFormatException(file, bodyStart + 1, "no '# Verb-Noun' heading.");
            }

            var help = new CommandHelp { Name = title.Title };
            string section = string.Empty;
            foreach (MarkdownBlock block in blocks.Where(b => b.Level >= 2))
            {
                if (block.Level == 2)
                {
                    section = block.Title.ToUpperInvariant();
                    ReadSectionText(help, section, block);
                }
                else
                {
                    ReadEntry(help, section, block, file);
                }
            }

            if (help.Synopsis.Length == 0)
            {
                throw new HelpFormatException(file, title.Line, $"{help.Name} has no '## SYNOPSIS' text.");
            }

            return help;
        }

        private static void ReadSectionText(CommandHelp help, string section, MarkdownBlock block)
        {
            List<string> text = MarkdownText.Paragraphs(block.Body);
            switch (section)
            {
                case "SYNOPSIS":
                    help.Synopsis = string.Join(" ", text);
                    break;
                case "DESCRIPTION":
                    help.Description.AddRange(text);
                    break;
                case "NOTES":
                    help.Notes.AddRange(text);
                    break;
                case "RELATED LINKS":
                    foreach (string line in block.Body.Select(l => l.Trim()).Where(l => l.Length > 0))
                    {
                        Match m = Link.Match(line);
                        string uri = m.Success ? m.Groups["uri"].Value : string.Empty;
                        help.Links.Add(new LinkHelp
                        {
                            Text = m.Success ? m.Groups["text"].Value : line,
                            Uri = uri.Contains("://", StringComparison.Ordinal) ? uri : string.Empty,
                        });
                    }

                    break;
            }
        }

        private static void ReadEntry(CommandHelp help, string section, MarkdownBlock block, string file)
        {
            switch (section)
            {
                case "EXAMPLES":
                    help.Examples.Add(ReadExample(block));
                    break;
                case "PARAMETERS" when block.Title.StartsWith("-", StringComparison.Ordinal):
                    help.Parameters.Add(ParameterYaml.Read(block, file));
                    break;
                case "INPUTS":
                case "OUTPUTS":
                    var type = new TypeHelp { Name = block.Title };
                    type.Description.AddRange(MarkdownText.Paragraphs(block.Body));
                    (section == "INPUTS" ? help.Inputs : help.Outputs).Add(type);
                    break;
            }
        }

        private static ExampleHelp ReadExample(MarkdownBlock block)
        {
            (List<string> before, List<string> code, List<string> after) = MarkdownText.SplitCode(block.Body);
            var example = new ExampleHelp { Title = block.Title, Code = string.Join("\n", code).Trim('\n') };
            example.Introduction.AddRange(MarkdownText.Paragraphs(before));
            example.Remarks.AddRange(MarkdownText.Paragraphs(after));
            return example;
        }

        private static List<string> Lines(string text) => text.Replace("\r\n", "\n").Split('\n').ToList();

        /// <summary>The <c>key: value</c> pairs between the leading <c>---</c> lines; <paramref name="bodyStart"/> is the index after them.</summary>
        private static Dictionary<string, string> FrontMatter(List<string> lines, out int bodyStart)
        {
            var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            bodyStart = 0;
            if (lines.Count == 0 || lines[0].Trim() != "---")
            {
                return values;
            }

            for (int i = 1; i < lines.Count; i++)
            {
                if (lines[i].Trim() == "---")
                {
                    bodyStart = i + 1;
                    return values;
                }

                int colon = lines[i].IndexOf(':', StringComparison.Ordinal);
                if (colon > 0)
                {
                    values[lines[i].Substring(0, colon).Trim()] = lines[i].Substring(colon + 1).Trim();
                }
            }

            return values;
        }
    }
}
