using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using OciMirror.Integration.Tests.Infrastructure;
using Xunit;

namespace OciMirror.Integration.Tests.Referrers
{
    /// <summary>
    /// The README's "Carry signed images with their signatures into an air gap" example runs as written:
    /// every <c>ocimirror</c> line of its code block, with the example hosts and the USB path replaced by
    /// test registries and a temporary directory (and <c>--plain-http</c>, which they need).
    /// </summary>
    public sealed class ReadmeReferrerExampleTests
    {
        private const string Heading = "### Carry signed images with their signatures into an air gap";

        [Fact]
        public async Task TheExample_RunsAsWritten_AndTheSignaturesArriveDiscoverable()
        {
            var set = new SignedImageSet();
            await using ITestRegistry source = await TestRegistry.StartAsync(RegistryKind.Fake);
            await using ITestRegistry destination = await TestRegistry.StartAsync(RegistryKind.Distribution);
            await SignedSetPush.PushAsync(source, set);
            using var dir = new TempDirectory();
            var replacements = new Dictionary<string, string>
            {
                ["registry.example.com/team/app:1.4"] = source.Host + "/" + SignedImageSet.App + ":1.0",
                ["registry.example.com/team/tool:2.0"] = source.Host + "/" + SignedImageSet.Tool + ":1.0",
                ["registry.corp.local"] = destination.Host,
                ["/media/usb/"] = dir.Path + "/",
            };

            IReadOnlyList<string> lines = ExampleLines();
            Assert.Equal(6, lines.Count);
            foreach (string line in lines)
            {
                string[] args = line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(a => Replace(a, replacements)).ToArray();
                if (args[0] == "export" || args[0] == "import" || args[0] == "copy")
                {
                    args = args.Append("--plain-http").ToArray();
                }

                CliResult r = await CliRunner.RunAsync(args);
                Assert.True(r.ExitCode == 0, r.ToString());
            }

            Assert.Equal(set.ImageReferrers.Select(x => x.Digest).OrderBy(d => d, StringComparer.Ordinal), await ReferrerProbe.DigestsAsync(destination, SignedImageSet.App, set.Image.Digest));
            Assert.Equal(set.CosignSignature.Digest, await RegistryProbe.ManifestDigestAsync(destination.Host, SignedImageSet.App, set.CosignTag));
            CliResult sbom = await CliRunner.RunAsync("ls", Path.Combine(dir.Path, "sbom.tar"), "--json");
            Assert.Equal(new[] { set.Image.Digest, set.Sbom.Digest }.OrderBy(d => d, StringComparer.Ordinal), sbom.JsonLines.Select(j => j.GetProperty("digest").GetString()).OrderBy(d => d, StringComparer.Ordinal));
        }

        private static string Replace(string arg, Dictionary<string, string> replacements)
        {
            foreach (KeyValuePair<string, string> pair in replacements)
            {
                arg = arg.Replace(pair.Key, pair.Value, StringComparison.Ordinal);
            }

            return arg;
        }

        /// <summary>The <c>ocimirror</c> lines of the first code block after the heading, comments cut.</summary>
        private static IReadOnlyList<string> ExampleLines()
        {
            string readme = File.ReadAllText(FindReadme());
            int at = readme.IndexOf(Heading, StringComparison.Ordinal);
            Assert.True(at >= 0, "README has no section '" + Heading + "'");
            int start = readme.IndexOf("```bash\n", at, StringComparison.Ordinal) + "```bash\n".Length;
            int end = readme.IndexOf("```", start, StringComparison.Ordinal);
            return readme.Substring(start, end - start).Split('\n')
                .Select(l => l.Trim())
                .Where(l => l.StartsWith("ocimirror ", StringComparison.Ordinal))
                .Select(l => l.Contains(" #", StringComparison.Ordinal) ? l.Substring(0, l.IndexOf(" #", StringComparison.Ordinal)).Trim() : l)
                .ToList();
        }

        private static string FindReadme()
        {
            for (var d = new DirectoryInfo(AppContext.BaseDirectory); d != null; d = d.Parent)
            {
                if (File.Exists(Path.Combine(d.FullName, "OciMirror.sln")))
                {
                    return Path.Combine(d.FullName, "README.md");
                }
            }

            throw new InvalidOperationException("README.md not found above " + AppContext.BaseDirectory);
        }
    }
}
