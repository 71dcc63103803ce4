using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace OciMirror.HelpBuilder
{
    /// <summary>
    /// <c>OciMirror.HelpBuilder DOCS_DIR OUTPUT_XML</c>: reads every cmdlet page (<c>*.md</c> with an
    /// <c>external help file</c> front matter key) of DOCS_DIR and writes their MAML help to OUTPUT_XML.
    /// Exit code 0 on success, 1 for a page that does not follow the schema (the message names the file
    /// and line), 2 for bad arguments.
    /// </summary>
    internal static class Program
    {
        public static int Main(string[] args)
        {
            if (args.Length != 2 || !Directory.Exists(args[0]))
            {
                Console.Error.WriteLine("usage: OciMirror.HelpBuilder DOCS_DIR OUTPUT_XML (DOCS_DIR must exist)");
                return 2;
            }

            try
            {
                IReadOnlyList<CommandHelp> commands = ReadDirectory(args[0]);
                string output = Path.GetFullPath(args[1]);
                Directory.CreateDirectory(Path.GetDirectoryName(output)!);
                using (FileStream stream = File.Create(output))
                {
                    MamlWriter.Write(commands, stream);
                }

                Console.WriteLine($"Help for {commands.Count} cmdlets written to {output}");
                return 0;
            }
            catch (HelpFormatException e)
            {
                Console.Error.WriteLine("error: " + e.Message);
                return 1;
            }
        }

        /// <summary>The cmdlet pages of <paramref name="directory"/>, ordered by cmdlet name.</summary>
        public static IReadOnlyList<CommandHelp> ReadDirectory(string directory)
        {
            var commands = new List<CommandHelp>();
            foreach (string file in Directory.GetFiles(directory, "*.md").OrderBy(f => f, StringComparer.Ordinal))
            {
                string text = File.ReadAllText(file);
                if (MarkdownHelpReader.IsCommandPage(text))
                {
                    commands.Add(MarkdownHelpReader.Read(text, Path.GetFileName(file)));
                }
            }

            return commands;
        }
    }
}
