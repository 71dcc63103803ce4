using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using OciMirror.Integration.Tests.Infrastructure;
using Xunit;

namespace OciMirror.Integration.Tests.Bundles
{
    /// <summary>
    /// Issue 7 item 9: one notion of "not a bundle" — a classic docker-save tar, a tar holding its layout inside
    /// a top-level folder, a directory without oci-layout: verify, ls and import all exit 2 with the same one
    /// message saying what the path looks like and what to do (no warning per entry); and one naming of
    /// entries: the reference ls prints is the one verify and import print and the one import --ref selects.
    /// </summary>
    public sealed class NotABundleCliTests
    {
        public enum Shape
        {
            ClassicDockerSave,
            LayoutInsideAFolder,
            LayoutInsideAFolderOnStdin,
            DirectoryWithoutOciLayout,
        }

        private static string Build(TempDirectory temp, Shape shape)
        {
            switch (shape)
            {
                case Shape.ClassicDockerSave:
                    string save = temp.Combine("save");
                    Directory.CreateDirectory(Path.Combine(save, "0123abcd"));
                    File.WriteAllText(Path.Combine(save, "0123abcd", "layer.tar"), "layer");
                    File.WriteAllText(Path.Combine(save, "0123abcd", "VERSION"), "1.0");
                    File.WriteAllText(Path.Combine(save, "feedbeef.json"), "{\"os\":\"linux\"}");
                    File.WriteAllText(Path.Combine(save, "manifest.json"), "[{\"Config\":\"feedbeef.json\",\"RepoTags\":[\"app:1\"],\"Layers\":[\"0123abcd/layer.tar\"]}]");
                    File.WriteAllText(Path.Combine(save, "repositories"), "{\"app\":{\"1\":\"feedbeef\"}}");
                    return LayoutWriter.Tar(save, temp.Combine("classic.tar"));
                case Shape.LayoutInsideAFolder:
                case Shape.LayoutInsideAFolderOnStdin:
                    var layout = new LayoutWriter(temp.Combine("bundle"));
                    layout.AddImage("one", "docker.io/team/one:1", "1");
                    layout.AddImage("two", "docker.io/team/two:1", "1");
                    return LayoutWriter.Tar(layout.Root, temp.Combine("folder.tar"), prefix: "bundle/");
                default:
                    string dir = temp.Combine("plain");
                    Directory.CreateDirectory(Path.Combine(dir, "blobs"));
                    File.WriteAllText(Path.Combine(dir, "notes.txt"), "not a layout");
                    return dir;
            }
        }

        private static Task<CliResult> Run(Shape shape, string path, params string[] args)
        {
            if (shape != Shape.LayoutInsideAFolderOnStdin)
            {
                return CliRunner.RunAsync(args.Select(a => a == "BUNDLE" ? path : a).ToArray());
            }

            return BundleCli.RunWithStdinFileAsync(path, args.Select(a => a == "BUNDLE" ? "-" : a).ToArray());
        }

        [Theory]
        [InlineData(Shape.ClassicDockerSave, "classic 'docker save' archive", "docker load")]
        [InlineData(Shape.LayoutInsideAFolder, "inside the folder 'bundle/'", "tar -cf NEW.tar -C bundle .")]
        [InlineData(Shape.LayoutInsideAFolderOnStdin, "inside the folder 'bundle/'", "tar -cf NEW.tar -C bundle .")]
        [InlineData(Shape.DirectoryWithoutOciLayout, "is not an OCI image layout: it has no oci-layout file", "Point at a bundle")]
        public async Task Verify_Ls_AndImport_Exit2_WithTheSameOneMessage(Shape shape, string says, string hint)
        {
            using var temp = new TempDirectory();
            string path = Build(temp, shape);

            CliResult verify = await Run(shape, path, "verify", "BUNDLE");
            CliResult ls = await Run(shape, path, "ls", "BUNDLE");
            CliResult import = await Run(shape, path, "import", "BUNDLE", "--to", "127.0.0.1:1", "--plain-http");

            foreach (CliResult r in new[] { verify, ls, import })
            {
                Assert.True(r.ExitCode == 2, r.ToString());
                Assert.Equal(string.Empty, r.StdOut);
                string[] lines = r.StdErr.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToArray();
                Assert.True(lines.Length == 2, r.ToString()); // "error: …" and "  hint: …": no warning per entry, no summary
                Assert.StartsWith("error: ", lines[0]);
                Assert.Contains(says, lines[0]);
                Assert.Contains(hint, lines[1]);
            }

            Assert.Equal(verify.StdErr, ls.StdErr);
            Assert.Equal(verify.StdErr, import.StdErr);
        }

        [Fact]
        public async Task Ls_Verify_AndImport_NameEntriesAlike_AndImportRefSelectsWhatLsPrints()
        {
            using var temp = new TempDirectory();
            var layout = new LayoutWriter(temp.Combine("bundle"));
            layout.AddImage("nginx", "docker.io/library/nginx:1.27", "1.27");
            layout.Add(layout.Image("app"), ("org.opencontainers.image.ref.name", "1.27")); // skopeo-style tag-only, same tag
            layout.Add(layout.Image("lonely"));                                              // untagged
            await using RegistryInstance registry = await RegistryInstance.StartAsync();

            CliResult ls = await CliRunner.RunAsync("ls", layout.Root, "--json");
            CliResult verify = await CliRunner.RunAsync("verify", layout.Root, "--json");
            CliResult import = await CliRunner.RunAsync("import", layout.Root, "--to", registry.Host + "/m", "--plain-http", "--json");

            Assert.True(ls.ExitCode == 0 && verify.ExitCode == 0 && import.ExitCode == 0, ls + "\n" + verify + "\n" + import);
            string[] listed = ls.JsonLines.Select(o => o.GetProperty("reference").GetString()!).ToArray();
            string[] verified = JsonDocument.Parse(verify.StdOut).RootElement.GetProperty("artifacts").EnumerateArray().Select(a => a.GetProperty("reference").GetString()!).ToArray();
            string[] imported = import.JsonLines.Select(o => o.GetProperty("input").GetString()!).ToArray();
            Assert.Equal(new[] { "docker.io/library/nginx:1.27", layout.Entries[1]["digest"]!.GetValue<string>(), layout.Entries[2]["digest"]!.GetValue<string>() }, listed);
            Assert.Equal(listed, verified);
            Assert.Equal(listed.OrderBy(n => n, StringComparer.Ordinal), imported.OrderBy(n => n, StringComparer.Ordinal));

            foreach (string reference in listed)
            {
                CliResult one = await CliRunner.RunAsync("import", layout.Root, "--to", registry.Host + "/one", "--plain-http", "--json", "--ref", reference);
                Assert.True(one.ExitCode == 0, one.ToString());
                Assert.Equal(reference, Assert.Single(one.JsonLines).GetProperty("input").GetString());
            }
        }
    }
}
