using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using OciMirror.PowerShell.Tests.TestSupport;
using Xunit;

namespace OciMirror.PowerShell.Tests
{
    /// <summary>
    /// build.ps1 and the Pester files cannot run on the build machine (no PowerShell): these checks catch
    /// the Windows PowerShell 5.1 pitfalls that a reader can miss (powershell-conventions.md A2, A6).
    /// </summary>
    public class BuildScriptTests
    {
        public static TheoryData<string> Scripts()
        {
            var data = new TheoryData<string> { "build.ps1" };
            foreach (string file in Directory.GetFiles(RepositoryRoot.Combine("tests", "Pester"), "*.ps1").OrderBy(f => f))
            {
                data.Add(Path.Combine("tests", "Pester", Path.GetFileName(file)));
            }

            return data;
        }

        [Fact]
        public void Package_does_not_use_the_zip_helpers_that_write_backslashes_in_Windows_PowerShell()
        {
            // ZipFile.CreateFromDirectory and Compress-Archive store '\' separators in 5.1, so the package
            // would extract on Linux/macOS as files named 'dependencies\Newtonsoft.Json.dll'.
            string code = CodeOf("build.ps1");
            Assert.DoesNotContain("CreateFromDirectory", code);
            Assert.DoesNotContain("Compress-Archive", code);
            Assert.Contains(".Replace('\\', '/')", code);
        }

        [Theory]
        [MemberData(nameof(Scripts))]
        public void Scripts_use_only_Windows_PowerShell_5_1_syntax(string script)
        {
            string code = CodeOf(script);
            var problems = new List<string>();
            foreach (string line in code.Split('\n'))
            {
                if (Regex.IsMatch(line, @"\?\?|\?\.|\s&&\s|\s\|\|\s"))
                {
                    problems.Add("null-coalescing or pipeline chain operator (PowerShell 7 only): " + line.Trim());
                }

                if (Regex.IsMatch(line, @"ForEach-Object\b.*-Parallel|-AdditionalChildPath", RegexOptions.IgnoreCase))
                {
                    problems.Add("PowerShell 7 only parameter: " + line.Trim());
                }

                if (Regex.IsMatch(line, @"\bJoin-Path\b", RegexOptions.IgnoreCase) && !Regex.IsMatch(line, @"-ChildPath\b", RegexOptions.IgnoreCase))
                {
                    problems.Add("Join-Path without -Path/-ChildPath (5.1 takes exactly two): " + line.Trim());
                }
            }

            Assert.True(problems.Count == 0, script + ":\n" + string.Join("\n", problems));
        }

        /// <summary>The script without comment lines and block comments (help text may mention anything).</summary>
        private static string CodeOf(string relativePath)
        {
            string text = File.ReadAllText(RepositoryRoot.Combine(relativePath.Split('/', '\\'))).Replace("\r\n", "\n");
            text = Regex.Replace(text, @"<#[\s\S]*?#>", string.Empty);
            return string.Join("\n", text.Split('\n').Where(l => !l.TrimStart().StartsWith("#", System.StringComparison.Ordinal)));
        }
    }
}
