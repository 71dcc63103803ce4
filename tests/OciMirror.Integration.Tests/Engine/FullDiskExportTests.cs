using System;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Cli;
using OciMirror.Integration.Tests.Infrastructure;
using Xunit;

namespace OciMirror.Integration.Tests.Engine
{
    /// <summary>
    /// Issue 7.19: a full disk is the same failure (exit code 1, a message naming the path and the lack of
    /// space) for a directory, a tar, a tgz and standard output; with an archive, no artifact is reported
    /// copied unless the archive was completed; a pipe whose reader went away fails the same way.
    /// </summary>
    public sealed class FullDiskExportTests
    {
        private const int Images = 8;

        [SmallDiskFact]
        public async Task AFullDisk_IsExitCodeOne_ForADirectoryATarAndATgz()
        {
            await using RegistryInstance registry = await RegistryInstance.StartAsync();
            string[] references = await PushImagesAsync(registry);
            using var disk = new SmallDisk(1024);
            foreach (string name in new[] { "bundle", "bundle.tar", "bundle.tgz" })
            {
                disk.Clear();
                string output = disk.Combine(name);

                CliResult export = await CliRunner.RunAsync(new[] { "export", "-o", output, "--plain-http" }.Concat(references).ToArray());

                Assert.True(export.ExitCode == 1, export.ToString());
                Assert.Contains("no space left on the disk that holds it", export.StdErr);
                Assert.Contains(disk.Path, export.StdErr);
                Assert.Contains("hint: Free space on that disk", export.StdErr);
                if (name != "bundle")
                {
                    Assert.DoesNotContain("copied ", export.StdOut);
                    Assert.False(File.Exists(output), name + " must not exist: the archive was never completed");
                }
            }
        }

        [Theory]
        [InlineData(28, "standard output: the disk (or pipe) it goes to is full")]
        [InlineData(32, "the program reading it stopped")]
        public async Task StandardOutputThatFails_IsExitCodeOne_AndNothingIsReportedCopied(int errno, string expected)
        {
            await using RegistryInstance registry = await RegistryInstance.StartAsync();
            string[] references = await PushImagesAsync(registry);
            var stdout = new FailingStream(200 * 1024, new IOException("the write failed", errno));

            CliResult export = await RunToStdoutAsync(stdout, new[] { "export", "-o", "-", "--plain-http" }.Concat(references).ToArray());

            Assert.True(export.ExitCode == 1, export.ToString());
            Assert.Contains(expected, export.StdErr);
            Assert.DoesNotContain("\ncopied ", "\n" + export.StdErr);
            Assert.Contains($"export: 0 copied, 0 skipped, {Images} failed", export.StdErr);
        }

        private static async Task<string[]> PushImagesAsync(RegistryInstance registry)
        {
            using var temp = new TempDirectory();
            var layout = new TestLayout();
            var random = new Random(7);
            for (int i = 0; i < Images; i++)
            {
                var bytes = new byte[300 * 1024];
                random.NextBytes(bytes);
                JsonObject config = layout.Add(TestLayout.OciConfig, "{\"os\":\"linux\",\"n\":" + i + "}");
                layout.Entry(layout.Manifest(TestLayout.OciManifest, config, new[] { layout.Add(TestLayout.OciLayer, bytes) }), $"docker.io/library/app:v{i}", "v" + i);
            }

            CliResult import = await CliRunner.RunAsync("import", layout.WriteDirectory(temp.Combine("bundle")), "--to", registry.Host, "--plain-http");
            Assert.True(import.ExitCode == 0, import.ToString());
            return Enumerable.Range(0, Images).Select(i => $"{registry.Host}/library/app:v{i}").ToArray();
        }

        private static async Task<CliResult> RunToStdoutAsync(Stream stdout, string[] args)
        {
            using var cancel = new CancellationTokenSource(TimeSpan.FromMinutes(5)); // hang guard only
            var text = new StringWriter();
            var stderr = new StringWriter();
            var console = new CliConsole(new StringReader(string.Empty), text, stderr, errorIsTerminal: false) { OpenBinaryOutput = () => stdout };
            int code = await Program.RunAsync(args, console, cancel.Token);
            return new CliResult(args, code, text.ToString(), stderr.ToString());
        }

        /// <summary>Takes <c>limit</c> bytes, then throws the given error on every write and flush (a full disk, a closed pipe).</summary>
        private sealed class FailingStream : MemoryStream
        {
            private readonly long _limit;
            private readonly IOException _error;

            public FailingStream(long limit, IOException error)
            {
                _limit = limit;
                _error = error;
            }

            public override void Write(byte[] buffer, int offset, int count)
            {
                if (Length + count > _limit)
                {
                    throw _error;
                }

                base.Write(buffer, offset, count);
            }

            public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
            {
                Write(buffer, offset, count);
                return Task.CompletedTask;
            }

            public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
            {
                Write(buffer.ToArray(), 0, buffer.Length);
                return ValueTask.CompletedTask;
            }

            public override void Flush()
            {
                if (Length >= _limit)
                {
                    throw _error;
                }
            }

            public override Task FlushAsync(CancellationToken cancellationToken)
            {
                Flush();
                return Task.CompletedTask;
            }
        }
    }
}
