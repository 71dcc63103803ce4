using System.Collections.Generic;
using System.Linq;
using OciMirror.HelpBuilder;
using OciMirror.PowerShell.Tests.TestSupport;
using Xunit;

namespace OciMirror.PowerShell.Tests.Help
{
    /// <summary>
    /// What Get-Help will show, checked at the source: every cmdlet page of docs/en-US converts, with a
    /// synopsis, a description for every parameter and at least two examples (the Pester suite checks the
    /// same through Get-Help on the staged module).
    /// </summary>
    public class DocsHelpContentTests
    {
        private static readonly IReadOnlyList<CommandHelp> Commands = Program.ReadDirectory(RepositoryRoot.Combine("docs", "en-US"));

        public static TheoryData<string> Names()
        {
            var data = new TheoryData<string>();
            foreach (CommandHelp help in Commands)
            {
                data.Add(help.Name);
            }

            return data;
        }

        [Theory]
        [MemberData(nameof(Names))]
        public void Every_page_has_a_synopsis_described_parameters_and_two_examples(string name)
        {
            CommandHelp help = Commands.Single(c => c.Name == name);

            Assert.False(string.IsNullOrWhiteSpace(help.Synopsis));
            Assert.NotEmpty(help.Description);
            Assert.All(help.Parameters, p => Assert.True(p.Description.Any(d => d.Trim().Length > 0), $"{name} -{p.Name} has no description"));
            Assert.True(help.Examples.Count >= 2, $"{name} has {help.Examples.Count} example(s)");
            Assert.All(help.Examples, e => Assert.False(string.IsNullOrWhiteSpace(e.Code), $"{name} {e.Title} has no code"));
        }
    }
}
