using System.IO;
using System.Linq;
using System.Text;
using System.Xml.Linq;
using OciMirror.HelpBuilder;
using Xunit;

namespace OciMirror.PowerShell.Tests.Help
{
    /// <summary>The platyPS markdown → MAML converter (tools/OciMirror.HelpBuilder) on a small page of its own.</summary>
    public class MamlConversionTests
    {
        private static readonly XNamespace Maml = "http://schemas.microsoft.com/maml/2004/10";
        private static readonly XNamespace Command = "http://schemas.microsoft.com/maml/dev/command/2004/10";
        private static readonly XNamespace Dev = "http://schemas.microsoft.com/maml/dev/2004/10";

        private const string Page = @"---
external help file: Sample.dll-Help.xml
Module Name: Sample
online version:
schema: 2.0.0
---

# Get-Sample

## SYNOPSIS
Gets samples
from a store.

## SYNTAX

```
Get-Sample [-Name] <String[]> [<CommonParameters>]
```

## DESCRIPTION
First paragraph,
on two lines.

- a list item
  continued
- second item

## EXAMPLES

### Example 1: One sample
Before the code.
```powershell
# a comment, not a heading
Get-Sample a
```

After the code.

### Example 2: Two samples
```powershell
Get-Sample a, b
```

## PARAMETERS

### -Name
The names.

```yaml
Type: String[]
Parameter Sets: ByName
Aliases: N, Id

Required: True
Position: 0
Default value: None
Accept pipeline input: True (ByValue)
Accept wildcard characters: True
```

### -Mode
How.

```yaml
Type: String
Parameter Sets: (All)
Aliases: None
Accepted values: Fast, Slow

Required: False
Position: Named
Default value: Fast
Accept pipeline input: False
Accept wildcard characters: False
```

### -Raw
Raw output.

```yaml
Type: SwitchParameter
Parameter Sets: Raw
Aliases: None

Required: False
Position: Named
Default value: False
Accept pipeline input: False
Accept wildcard characters: False
```

### CommonParameters
This cmdlet supports the common parameters.

## INPUTS

### System.String[]
Names.

## OUTPUTS

### Sample.Info
One object per sample.

## NOTES
- Note one.
- Note two.

## RELATED LINKS

[Set-Sample](Set-Sample.md)

[Online](https://example.com/sample)
";

        [Fact]
        public void Reads_every_section_of_a_page()
        {
            CommandHelp help = MarkdownHelpReader.Read(Page, "Get-Sample.md");

            Assert.Equal("Get-Sample", help.Name);
            Assert.Equal("Gets samples from a store.", help.Synopsis);
            Assert.Equal(new[] { "First paragraph, on two lines.", "- a list item continued", "- second item" }, help.Description);
            Assert.Equal(2, help.Examples.Count);
            Assert.Equal("Example 1: One sample", help.Examples[0].Title);
            Assert.Equal("# a comment, not a heading\nGet-Sample a", help.Examples[0].Code);
            Assert.Equal(new[] { "Before the code." }, help.Examples[0].Introduction);
            Assert.Equal(new[] { "After the code." }, help.Examples[0].Remarks);
            Assert.Equal(new[] { "Name", "Mode", "Raw" }, help.Parameters.Select(p => p.Name));
            ParameterHelp name = help.Parameters[0];
            Assert.Equal(("String[]", true, "0", "True (ByValue)", true), (name.Type, name.Required, name.Position, name.PipelineInput, name.Globbing));
            Assert.Equal(new[] { "N", "Id" }, name.Aliases);
            Assert.Equal(new[] { "ByName" }, name.ParameterSets);
            Assert.Equal(new[] { "Fast", "Slow" }, help.Parameters[1].AcceptedValues);
            Assert.Equal("Fast", help.Parameters[1].DefaultValue);
            Assert.Empty(help.Parameters[1].ParameterSets);
            Assert.Equal("System.String[]", Assert.Single(help.Inputs).Name);
            Assert.Equal(new[] { "One object per sample." }, Assert.Single(help.Outputs).Description);
            Assert.Equal(new[] { "- Note one.", "- Note two." }, help.Notes);
            Assert.Equal(new[] { ("Set-Sample", ""), ("Online", "https://example.com/sample") }, help.Links.Select(l => (l.Text, l.Uri)));
        }

        [Fact]
        public void Writes_MAML_with_one_syntax_item_per_parameter_set()
        {
            XElement command = Convert(Page).Root!.Element(Command + "command")!;

            Assert.Equal("Get-Sample", command.Element(Command + "details")!.Element(Command + "name")!.Value);
            Assert.Equal("Sample", command.Element(Command + "details")!.Element(Command + "noun")!.Value);
            Assert.Equal("Gets samples from a store.", command.Element(Command + "details")!.Element(Maml + "description")!.Value);
            var items = command.Element(Command + "syntax")!.Elements(Command + "syntaxItem").ToList();
            Assert.Equal(
                new[] { "Name,Mode", "Mode,Raw" },
                items.Select(i => string.Join(",", i.Elements(Command + "parameter").Select(p => p.Element(Maml + "name")!.Value))));

            // A switch has no value in the syntax (shown as [-Raw]); the parameters list names its type.
            XElement rawInSyntax = items[1].Elements(Command + "parameter").Last();
            Assert.Null(rawInSyntax.Element(Command + "parameterValue"));
            XElement name = command.Element(Command + "parameters")!.Elements(Command + "parameter").First();
            Assert.Equal(("true", "true", "0", "N, Id", "true"), ((string)name.Attribute("required")!, (string)name.Attribute("variableLength")!, (string)name.Attribute("position")!, (string)name.Attribute("aliases")!, (string)name.Attribute("globbing")!));
            Assert.Equal("The names.", name.Element(Maml + "description")!.Value);
            XElement mode = command.Element(Command + "parameters")!.Elements(Command + "parameter").ElementAt(1);
            Assert.Equal(new[] { "Fast", "Slow" }, mode.Element(Command + "parameterValueGroup")!.Elements(Command + "parameterValue").Select(v => v.Value));

            var examples = command.Element(Command + "examples")!.Elements(Command + "example").ToList();
            Assert.Equal(2, examples.Count);
            Assert.Contains("Example 1: One sample", examples[0].Element(Maml + "title")!.Value);
            Assert.Equal("# a comment, not a heading\nGet-Sample a", examples[0].Element(Dev + "code")!.Value);
            Assert.Equal("After the code.", examples[0].Element(Dev + "remarks")!.Value);
            Assert.Equal(new[] { "- Note one.", "- Note two." }, command.Element(Maml + "alertSet")!.Descendants(Maml + "para").Select(p => p.Value));
            Assert.Equal("Sample.Info", command.Element(Command + "returnValues")!.Descendants(Maml + "name").Single().Value);
        }

        [Fact]
        public void A_page_without_synopsis_fails_naming_the_file()
        {
            string page = Page.Replace("Gets samples\nfrom a store.\n", string.Empty).Replace("Gets samples\r\nfrom a store.\r\n", string.Empty);

            HelpFormatException e = Assert.Throws<HelpFormatException>(() => MarkdownHelpReader.Read(page, "Get-Sample.md"));

            Assert.StartsWith("Get-Sample.md:8:", e.Message);
            Assert.Contains("SYNOPSIS", e.Message);
        }

        [Fact]
        public void A_parameter_without_its_yaml_block_fails_naming_it()
        {
            string page = Page.Replace("How.\n\n```yaml\nType: String\n", "How.\n\n```text\nType: String\n").Replace("How.\r\n\r\n```yaml\r\nType: String\r\n", "How.\r\n\r\n```text\r\nType: String\r\n");

            HelpFormatException e = Assert.Throws<HelpFormatException>(() => MarkdownHelpReader.Read(page, "Get-Sample.md"));

            Assert.Contains("-Mode", e.Message);
        }

        [Fact]
        public void The_module_page_is_not_a_command_page()
        {
            Assert.True(MarkdownHelpReader.IsCommandPage(Page));
            Assert.False(MarkdownHelpReader.IsCommandPage("---\nModule Name: Sample\n---\n\n# Sample Module\n"));
        }

        private static XDocument Convert(string page)
        {
            using var stream = new MemoryStream();
            MamlWriter.Write(new[] { MarkdownHelpReader.Read(page, "Get-Sample.md") }, stream);
            string xml = new UTF8Encoding(false).GetString(stream.ToArray()).TrimStart('\uFEFF');
            return XDocument.Parse(xml);
        }
    }
}
