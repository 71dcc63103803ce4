using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using OciMirror.Integration.Tests.Corpus;
using OciMirror.Integration.Tests.Infrastructure;
using Xunit;

namespace OciMirror.Integration.Tests.Bundles
{
    /// <summary>
    /// Issue 7 item 12: two and four real <c>ocimirror</c> processes exporting different references into one
    /// directory and one archive at the same moment (a new bundle in even rounds, an existing one in odd
    /// rounds), looped: every process exits 0, the bundle names every reference (nothing lost) and
    /// <c>ocimirror verify</c> passes. Also for .tar.zst and for split volumes (<c>--split-size</c>).
    /// </summary>
    [Collection(RegistryCollection.Name)]
    public sealed class ConcurrentWriterProcessTests
    {
        private const int Rounds = 3;
        private readonly CorpusFixture _fixture;

        public ConcurrentWriterProcessTests(CorpusFixture fixture)
        {
            _fixture = fixture;
        }

        [Theory]
        [InlineData("bundle", 2)]
        [InlineData("bundle", 4)]
        [InlineData("bundle.tar", 2)]
        [InlineData("bundle.tar", 4)]
        [InlineData("bundle.tgz", 2)]
        [InlineData("bundle.tar.zst", 2)]
        [InlineData("bundle.tar.zst", 4)]
        [InlineData("split.tar", 2)]
        [InlineData("split.tgz", 4)]
        public async Task ProcessesExportingIntoOneBundle_AllSucceed_AndNothingIsLost(string name, int processes)
        {
            string[] split = name.StartsWith("split", StringComparison.Ordinal) ? new[] { "--split-size", "8K" } : Array.Empty<string>();
            string host = _fixture.Registry.Host;
            TestCorpus corpus = _fixture.Corpus;
            CorpusTag[] tags =
            {
                corpus.Tag(CorpusBuilder.Alpha, "oci-1"), corpus.Tag(CorpusBuilder.Beta, "v1"), corpus.Tag(CorpusBuilder.Alpha, "multi"),
                corpus.Tag(CorpusBuilder.Gamma, "thing"), corpus.Tag(CorpusBuilder.Beta, "list"),
            };
            using var temp = new TempDirectory();
            for (int round = 0; round < Rounds; round++)
            {
                string bundle = temp.Combine(round + "-" + name);
                var expected = new List<CorpusTag>();
                if (round % 2 == 1)
                {
                    CliResult first = await CliRunner.RunAsync(new[] { "export", "-o", bundle, "--plain-http", tags[4].ReferenceAt(host) }.Concat(split).ToArray());
                    Assert.True(first.ExitCode == 0, first.ToString());
                    expected.Add(tags[4]);
                }

                var children = tags.Take(processes).Select(t => CliChild.Start(temp.Path, new[] { "export", "-o", bundle, "--plain-http", t.ReferenceAt(host) }.Concat(split).ToArray())).ToList();
                try
                {
                    foreach (CliChild child in children)
                    {
                        int code = await child.WaitAsync();
                        Assert.True(code == 0, $"round {round}: exit {code}\n{child}");
                    }
                }
                finally
                {
                    children.ForEach(c => c.Dispose());
                }

                expected.AddRange(tags.Take(processes));
                CliResult verify = await CliRunner.RunAsync("verify", split.Length > 0 ? bundle + ".001" : bundle);
                Assert.True(verify.ExitCode == 0, $"round {round}: {verify}");
                string dir = Directory.Exists(bundle) ? bundle : await ArchiveInspector.ExtractAsync(split.Length > 0 ? JoinParts(bundle, temp) : bundle, temp);
                Assert.Equal(expected.Select(t => t.ReferenceAt(host)).OrderBy(r => r, StringComparer.Ordinal), BundleInspector.ImageNames(dir).OrderBy(r => r, StringComparer.Ordinal));
                Assert.Empty(BundleInspector.BlobProblems(dir));
                Assert.Superset(expected.SelectMany(corpus.ClosureOf).ToHashSet(), BundleInspector.BlobDigests(dir).ToHashSet());
                string[] left = Directory.GetFileSystemEntries(temp.Path, "*" + round + "-*").Select(Path.GetFileName).ToArray()!;
                if (split.Length > 0)
                {
                    Assert.True(left.Length > 1, $"round {round}: one part only, the set was not split: {string.Join(", ", left)}");
                    Assert.All(left, f => Assert.Matches("^" + System.Text.RegularExpressions.Regex.Escape(Path.GetFileName(bundle)) + @"\.\d{3}$", f)); // parts only
                }
                else
                {
                    Assert.Equal(new[] { Path.GetFileName(bundle) }, left); // no temporary or lock file left
                }
                if (Directory.Exists(bundle))
                {
                    Assert.DoesNotContain(BundleInspector.Files(bundle), f => f.StartsWith(".", StringComparison.Ordinal) || f.StartsWith("ingest/", StringComparison.Ordinal));
                }
            }
        }

        /// <summary>The parts of a split set joined into one file (GNU tar reads that).</summary>
        private static string JoinParts(string bundle, TempDirectory temp)
        {
            string joined = temp.Combine("joined-" + Guid.NewGuid().ToString("N") + Path.GetExtension(bundle));
            using FileStream output = File.Create(joined);
            for (int part = 1; File.Exists($"{bundle}.{part:D3}"); part++)
            {
                using FileStream input = File.OpenRead($"{bundle}.{part:D3}");
                input.CopyTo(output);
            }

            return joined;
        }
    }
}
