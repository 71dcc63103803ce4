using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Xml;

namespace OciMirror.HelpBuilder
{
    /// <summary>
    /// Writes MAML command help (the <c>&lt;Assembly&gt;.dll-Help.xml</c> that Get-Help reads for binary
    /// cmdlets) in the shape platyPS v1's New-ExternalHelp produces: details with the synopsis,
    /// description, one syntax item per parameter set, parameters, input and return types, notes,
    /// examples and related links.
    /// </summary>
    internal static class MamlWriter
    {
        private const string Msh = "http://msh";
        private const string Maml = "http://schemas.microsoft.com/maml/2004/10";
        private const string Command = "http://schemas.microsoft.com/maml/dev/command/2004/10";
        private const string Dev = "http://schemas.microsoft.com/maml/dev/2004/10";
        private const string MSHelp = "http://msdn.microsoft.com/mshelp";

        /// <summary>Writes <paramref name="commands"/> as one help file (UTF-8 with BOM, as Windows PowerShell 5.1 reads it best).</summary>
        public static void Write(IEnumerable<CommandHelp> commands, Stream output)
        {
            var settings = new XmlWriterSettings { Indent = true, IndentChars = "  ", Encoding = new UTF8Encoding(true), NewLineChars = "\n" };
            using XmlWriter xml = XmlWriter.Create(output, settings);
            xml.WriteStartDocument();
            xml.WriteStartElement("helpItems", Msh);
            xml.WriteAttributeString("schema", "maml");
            foreach (CommandHelp help in commands)
            {
                WriteCommand(xml, help);
            }

            xml.WriteEndElement();
            xml.WriteEndDocument();
        }

        private static void WriteCommand(XmlWriter xml, CommandHelp help)
        {
            xml.WriteStartElement("command", "command", Command);
            xml.WriteAttributeString("xmlns", "maml", null, Maml);
            xml.WriteAttributeString("xmlns", "dev", null, Dev);
            xml.WriteAttributeString("xmlns", "MSHelp", null, MSHelp);

            xml.WriteStartElement("command", "details", Command);
            xml.WriteElementString("command", "name", Command, help.Name);
            xml.WriteElementString("command", "verb", Command, help.Verb);
            xml.WriteElementString("command", "noun", Command, help.Noun);
            Description(xml, new[] { help.Synopsis });
            xml.WriteEndElement();

            Description(xml, help.Description);
            WriteSyntax(xml, help);

            xml.WriteStartElement("command", "parameters", Command);
            foreach (ParameterHelp parameter in help.Parameters)
            {
                WriteParameter(xml, parameter, parameter.Required, parameter.Position, inSyntax: false);
            }

            xml.WriteEndElement();
            WriteTypes(xml, "inputTypes", "inputType", help.Inputs);
            WriteTypes(xml, "returnValues", "returnValue", help.Outputs);

            xml.WriteStartElement("maml", "alertSet", Maml);
            xml.WriteStartElement("maml", "alert", Maml);
            Paragraphs(xml, help.Notes);
            xml.WriteEndElement();
            xml.WriteEndElement();

            WriteExamples(xml, help.Examples);
            WriteLinks(xml, help.Links);
            xml.WriteEndElement();
        }

        private static void WriteSyntax(XmlWriter xml, CommandHelp help)
        {
            List<string> sets = help.Parameters.SelectMany(p => p.ParameterSets).Distinct().ToList();
            if (sets.Count == 0)
            {
                sets.Add(string.Empty);
            }

            xml.WriteStartElement("command", "syntax", Command);
            foreach (string set in sets)
            {
                xml.WriteStartElement("command", "syntaxItem", Command);
                xml.WriteElementString("maml", "name", Maml, help.Name);
                foreach (ParameterHelp parameter in help.Parameters.Where(p => set.Length == 0 || p.InSet(set)))
                {
                    WriteParameter(xml, parameter, parameter.Required, parameter.Position, inSyntax: true);
                }

                xml.WriteEndElement();
            }

            xml.WriteEndElement();
        }

        private static void WriteParameter(XmlWriter xml, ParameterHelp parameter, bool required, string position, bool inSyntax)
        {
            xml.WriteStartElement("command", "parameter", Command);
            xml.WriteAttributeString("required", Bool(required));
            xml.WriteAttributeString("variableLength", Bool(parameter.Type.EndsWith("[]", System.StringComparison.Ordinal)));
            xml.WriteAttributeString("globbing", Bool(parameter.Globbing));
            xml.WriteAttributeString("pipelineInput", parameter.PipelineInput);
            xml.WriteAttributeString("position", position.ToLowerInvariant() == "named" ? "named" : position);
            xml.WriteAttributeString("aliases", parameter.Aliases.Count == 0 ? "none" : string.Join(", ", parameter.Aliases));
            xml.WriteElementString("maml", "name", Maml, parameter.Name);
            Description(xml, parameter.Description);
            if (parameter.AcceptedValues.Count > 0)
            {
                xml.WriteStartElement("command", "parameterValueGroup", Command);
                foreach (string value in parameter.AcceptedValues)
                {
                    ParameterValue(xml, value, required: false);
                }

                xml.WriteEndElement();
            }

            if (!(inSyntax && parameter.IsSwitch))
            {
                ParameterValue(xml, parameter.Type, required: !parameter.IsSwitch);
            }

            xml.WriteStartElement("dev", "type", Dev);
            xml.WriteElementString("maml", "name", Maml, parameter.Type);
            xml.WriteElementString("maml", "uri", Maml, string.Empty);
            xml.WriteEndElement();
            xml.WriteElementString("dev", "defaultValue", Dev, parameter.DefaultValue);
            xml.WriteEndElement();
        }

        private static void ParameterValue(XmlWriter xml, string value, bool required)
        {
            xml.WriteStartElement("command", "parameterValue", Command);
            xml.WriteAttributeString("required", Bool(required));
            xml.WriteAttributeString("variableLength", "false");
            xml.WriteString(value);
            xml.WriteEndElement();
        }

        private static void WriteTypes(XmlWriter xml, string listName, string itemName, List<TypeHelp> types)
        {
            xml.WriteStartElement("command", listName, Command);
            foreach (TypeHelp type in types)
            {
                xml.WriteStartElement("command", itemName, Command);
                xml.WriteStartElement("dev", "type", Dev);
                xml.WriteElementString("maml", "name", Maml, type.Name);
                xml.WriteEndElement();
                Description(xml, type.Description);
                xml.WriteEndElement();
            }

            xml.WriteEndElement();
        }

        private static void WriteExamples(XmlWriter xml, List<ExampleHelp> examples)
        {
            xml.WriteStartElement("command", "examples", Command);
            foreach (ExampleHelp example in examples)
            {
                xml.WriteStartElement("command", "example", Command);
                xml.WriteElementString("maml", "title", Maml, "-------------------------- " + example.Title + " --------------------------");
                if (example.Introduction.Count > 0)
                {
                    xml.WriteStartElement("maml", "introduction", Maml);
                    Paragraphs(xml, example.Introduction);
                    xml.WriteEndElement();
                }

                xml.WriteElementString("dev", "code", Dev, example.Code);
                xml.WriteStartElement("dev", "remarks", Dev);
                Paragraphs(xml, example.Remarks);
                xml.WriteEndElement();
                xml.WriteEndElement();
            }

            xml.WriteEndElement();
        }

        private static void WriteLinks(XmlWriter xml, List<LinkHelp> links)
        {
            xml.WriteStartElement("command", "relatedLinks", Command);
            foreach (LinkHelp link in links)
            {
                xml.WriteStartElement("maml", "navigationLink", Maml);
                xml.WriteElementString("maml", "linkText", Maml, link.Text);
                xml.WriteElementString("maml", "uri", Maml, link.Uri);
                xml.WriteEndElement();
            }

            xml.WriteEndElement();
        }

        private static void Description(XmlWriter xml, IEnumerable<string> paragraphs)
        {
            xml.WriteStartElement("maml", "description", Maml);
            Paragraphs(xml, paragraphs);
            xml.WriteEndElement();
        }

        private static void Paragraphs(XmlWriter xml, IEnumerable<string> paragraphs)
        {
            foreach (string paragraph in paragraphs)
            {
                xml.WriteElementString("maml", "para", Maml, paragraph);
            }
        }

        private static string Bool(bool value) => value ? "true" : "false";
    }
}
