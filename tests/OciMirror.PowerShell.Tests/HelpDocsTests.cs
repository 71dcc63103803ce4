using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using OciMirror.PowerShell.Tests.TestSupport;
using Xunit;
using static OciMirror.PowerShell.Tests.TestSupport.CmdletMetadata;

namespace OciMirror.PowerShell.Tests
{
    /// <summary>Keeps the platyPS markdown in docs/en-US true to the compiled cmdlets.</summary>
    public class HelpDocsTests
    {
        private static readonly string[] Sections = { "SYNOPSIS", "SYNTAX", "DESCRIPTION", "EXAMPLES", "PARAMETERS", "INPUTS", "OUTPUTS", "NOTES", "RELATED LINKS" };

        public static TheoryData<Type> Cmdlets() => CmdletMetadataTests.Cmdlets();

        [Theory]
        [MemberData(nameof(Cmdlets))]
        public void Every_cmdlet_has_a_platyPS_page_with_every_section(Type type)
        {
            string name = CmdletName(type);
            string page = ReadPage(name);

            Assert.Matches(new Regex(@"\A---\r?\nexternal help file: OciMirror\.PowerShell\.dll-Help\.xml\r?\nModule Name: OciMirror\r?\nonline version:.*\r?\nschema: 2\.0\.0\r?\n---"), page);
            Assert.Contains("# " + name + "\n", page.Replace("\r\n", "\n"));
            int last = -1;
            foreach (string section in Sections)
            {
                int at = page.IndexOf("\n## " + section + "\n", StringComparison.Ordinal);
                Assert.True(at > last, $"{name}.md: section '## {section}' missing or out of order");
                last = at;
            }

            Assert.Contains("### CommonParameters", page);
            Assert.Contains("### Example 1", page);
        }

        [Theory]
        [MemberData(nameof(Cmdlets))]
        public void Every_parameter_is_documented_and_no_documented_parameter_is_stale(Type type)
        {
            string page = ReadPage(CmdletName(type));
            var documented = Regex.Matches(page, @"(?m)^### -(\w+)\s*$").Select(m => m.Groups[1].Value).OrderBy(n => n).ToArray();

            IEnumerable<string> expected = Parameters(type).Select(p => p.Name);
            if (Flag(Attribute(type, typeof(System.Management.Automation.CmdletAttribute)), "SupportsShouldProcess"))
            {
                expected = expected.Concat(new[] { "WhatIf", "Confirm" });
            }

            Assert.Equal(expected.OrderBy(n => n), documented);
        }

        [Theory]
        [MemberData(nameof(Cmdlets))]
        public void Parameter_yaml_blocks_tell_the_truth(Type type)
        {
            string page = ReadPage(CmdletName(type));
            foreach (PropertyInfo parameter in Parameters(type))
            {
                Dictionary<string, string> yaml = YamlBlock(page, parameter.Name);
                string where = $"{CmdletName(type)} -{parameter.Name}: ";

                Assert.True(yaml.ContainsKey("Type"), where + "no yaml block");
                Assert.Equal(Parameter(parameter, "Mandatory") is true ? "True" : "False", yaml["Required"]);
                object? position = Parameter(parameter, "Position");
                Assert.True((position == null ? "Named" : position.ToString()) == yaml["Position"], where + "Position is " + yaml["Position"]);

                var binding = new List<string>();
                if (Parameter(parameter, "ValueFromPipeline") is true)
                {
                    binding.Add("ByValue");
                }

                if (Parameter(parameter, "ValueFromPipelineByPropertyName") is true)
                {
                    binding.Add("ByPropertyName");
                }

                string expectedPipeline = binding.Count == 0 ? "False" : "True (" + string.Join(", ", binding) + ")";
                Assert.True(expectedPipeline == yaml["Accept pipeline input"], where + "Accept pipeline input is " + yaml["Accept pipeline input"]);

                string[] aliases = Aliases(parameter);
                string expectedAliases = aliases.Length == 0 ? "None" : string.Join(", ", aliases);
                Assert.True(expectedAliases == yaml["Aliases"], where + "Aliases is " + yaml["Aliases"]);

                bool wildcards = Has(parameter, typeof(System.Management.Automation.SupportsWildcardsAttribute));
                Assert.True((wildcards ? "True" : "False") == yaml["Accept wildcard characters"], where + "wildcards");
            }
        }

        [Theory]
        [MemberData(nameof(Cmdlets))]
        public void Examples_are_numbered_1_to_N(Type type)
        {
            string page = ReadPage(CmdletName(type));
            int[] numbers = Regex.Matches(page, @"(?m)^### Example (\d+)").Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToArray();

            Assert.Equal(Enumerable.Range(1, numbers.Length), numbers);
        }

        [Theory]
        [MemberData(nameof(Cmdlets))]
        public void Credential_help_does_not_claim_anonymous_access_without_it(Type type)
        {
            // Without -Credential the registry settings file, auth files and credential helpers are used (DESIGN §7).
            if (!Parameters(type).Any(p => p.Name == "Credential"))
            {
                return;
            }

            string section = Regex.Match(ReadPage(CmdletName(type)), @"(?m)^### -Credential\s*$([\s\S]*?)```yaml").Groups[1].Value;
            Assert.DoesNotContain("accessed anonymously", section);
            Assert.Contains("-AuthFile", section);
        }

        [Fact]
        public void The_module_page_lists_every_cmdlet()
        {
            string page = File.ReadAllText(RepositoryRoot.Combine("docs", "en-US", "OciMirror.md"));

            Assert.Contains("Module Name: OciMirror", page);
            foreach (string name in CmdletTypes().Select(CmdletName))
            {
                Assert.Contains($"### [{name}]({name}.md)", page);
            }
        }

        [Fact]
        public void The_design_examples_are_in_the_help()
        {
            Assert.Contains("Get-Content refs.txt | Export-OciArtifact -Path E:\\bundle", ReadPage("Export-OciArtifact"));
            Assert.Contains("Import-OciArtifact -Path E:\\bundle -Destination registry.corp.local", ReadPage("Import-OciArtifact"));
            Assert.Contains("Get-OciTag docker.io/library/nginx -Include '1.2*' | Export-OciArtifact -Path nginx.tar", ReadPage("Get-OciTag"));
        }

        private static string ReadPage(string name)
        {
            string path = RepositoryRoot.Combine("docs", "en-US", name + ".md");
            Assert.True(File.Exists(path), "missing " + path);
            return File.ReadAllText(path).Replace("\r\n", "\n");
        }

        private static Dictionary<string, string> YamlBlock(string page, string parameter)
        {
            Match block = Regex.Match(page, @"(?m)^### -" + parameter + @"\s*$[\s\S]*?```yaml\n([\s\S]*?)```");
            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (string line in block.Groups[1].Value.Split('\n'))
            {
                int colon = line.IndexOf(':');
                if (colon > 0)
                {
                    values[line.Substring(0, colon).Trim()] = line.Substring(colon + 1).Trim();
                }
            }

            return values;
        }
    }
}
