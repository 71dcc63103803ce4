using System;
using System.Collections.Generic;
using System.Linq;

namespace OciMirror.HelpBuilder
{
    /// <summary>Reads a <c>### -Name</c> block: description paragraphs, then the platyPS yaml metadata block.</summary>
    internal static class ParameterYaml
    {
        /// <exception cref="HelpFormatException">No yaml block, or Required / Position / Accept wildcard characters with an invalid value.</exception>
        public static ParameterHelp Read(MarkdownBlock block, string file)
        {
            var parameter = new ParameterHelp { Name = block.Title.Substring(1).Trim() };
            int yamlStart = block.Body.FindIndex(l => l.Trim().StartsWith("```yaml", StringComparison.OrdinalIgnoreCase));
            if (yamlStart < 0)
            {
                throw new HelpFormatException(file, block.Line, $"parameter -{parameter.Name} has no ```yaml block.");
            }

            parameter.Description.AddRange(MarkdownText.Paragraphs(block.Body.Take(yamlStart)));
            foreach (string line in block.Body.Skip(yamlStart + 1).TakeWhile(l => !l.Trim().StartsWith("```", StringComparison.Ordinal)))
            {
                int colon = line.IndexOf(':', StringComparison.Ordinal);
                if (colon > 0)
                {
                    Apply(parameter, line.Substring(0, colon).Trim(), line.Substring(colon + 1).Trim(), file, block.Line);
                }
            }

            return parameter;
        }

        private static void Apply(ParameterHelp parameter, string key, string value, string file, int line)
        {
            switch (key)
            {
                case "Type":
                    parameter.Type = value;
                    break;
                case "Parameter Sets":
                    if (value != "(All)")
                    {
                        parameter.ParameterSets.AddRange(List(value));
                    }

                    break;
                case "Aliases":
                    if (!value.Equals("None", StringComparison.OrdinalIgnoreCase))
                    {
                        parameter.Aliases.AddRange(List(value));
                    }

                    break;
                case "Accepted values":
                    parameter.AcceptedValues.AddRange(List(value));
                    break;
                case "Required":
                    parameter.Required = Bool(value, key, parameter, file, line);
                    break;
                case "Position":
                    if (value != "Named" && !int.TryParse(value, out _))
                    {
                        throw new HelpFormatException(file, line, $"parameter -{parameter.Name}: Position must be Named or a number, not '{value}'.");
                    }

                    parameter.Position = value;
                    break;
                case "Default value":
                    parameter.DefaultValue = value.Length == 0 ? "None" : value;
                    break;
                case "Accept pipeline input":
                    parameter.PipelineInput = value;
                    break;
                case "Accept wildcard characters":
                    parameter.Globbing = Bool(value, key, parameter, file, line);
                    break;
            }
        }

        private static IEnumerable<string> List(string value) =>
            value.Split(',').Select(v => v.Trim()).Where(v => v.Length > 0);

        private static bool Bool(string value, string key, ParameterHelp parameter, string file, int line) =>
            bool.TryParse(value, out bool result)
                ? result
                : throw new HelpFormatException(file, line, $"parameter -{parameter.Name}: '{key}' must be True or False, not '{value}'.");
    }
}
