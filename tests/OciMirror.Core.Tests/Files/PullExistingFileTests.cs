using System;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Artifacts;
using OciMirror.Core.Errors;
using OciMirror.Core.Files;
using OciMirror.Core.Operations;
using OciMirror.Core.Tests.Archive;
using OciMirror.Core.Tests.TestDoubles;
using Xunit;

namespace OciMirror.Core.Tests.Files
{
    /// <summary>
    /// Pull does not replace what is there silently: identical files are current, files with other content are kept
    /// and the pull fails naming them (nothing written) unless Overwrite; a named pipe or link in the way is refused
    /// always, never opened nor replaced.
    /// </summary>
    public sealed class PullExistingFileTests : IDisposable
    {
        /// <summary>A hang guard only, never an assertion: a blocked open(2) of a FIFO ignores cancellation.</summary>
        private static readonly TimeSpan HangGuard = TimeSpan.FromMinutes(2);

        private readonly string _dir = ArchiveTestUtil.TempDir();
        private readonly MemoryRegistry _registry = new MemoryRegistry();

        public PullExistingFileTests()
        {
            File.WriteAllText(Path.Combine(_dir, "hi.txt"), "hello world\n");
            Directory.CreateDirectory(Path.Combine(_dir, "docs"));
            File.WriteAllText(Path.Combine(_dir, "docs", "readme.md"), "Docs\n");
        }

        public void Dispose() => Directory.Delete(_dir, recursive: true);

        private string Bundle => "oci:" + Path.Combine(_dir, "bundle") + ":corp.local/files/app:v1";

        private string Output => Path.Combine(_dir, "out");

        private string Out(params string[] parts) => Path.Combine(new[] { Output }.Concat(parts).ToArray());

        [Fact]
        public async Task PullingAgain_IdenticalFiles_AreCurrent()
        {
            await PushAsync();
            Assert.Null((await PullAsync()).Error);

            PullResult again = await PullAsync();

            Assert.Null(again.Error);
            Assert.True(again.Files.Single(f => f.Title == "hi.txt").Skipped);
        }

        [Fact]
        public async Task AFileWithOtherContent_IsKept_AndThePullWritesNothing_UnlessOverwrite()
        {
            await PushAsync();
            Assert.Null((await PullAsync()).Error);
            File.WriteAllText(Out("hi.txt"), "my local edit\n");
            File.Delete(Out("docs", "readme.md"));

            PullResult refused = await PullAsync();

            Assert.NotNull(refused.Error);
            Assert.Equal(OciErrorKind.InvalidDestination, refused.Error!.Kind);
            Assert.Contains(Out("hi.txt"), refused.Error.Message);
            Assert.Equal("my local edit\n", File.ReadAllText(Out("hi.txt")));
            Assert.False(File.Exists(Out("docs", "readme.md")), "another layer was written although the pull was refused");

            PullResult forced = await PullAsync(overwrite: true);

            Assert.Null(forced.Error);
            Assert.Equal("hello world\n", File.ReadAllText(Out("hi.txt")));
            Assert.Equal("Docs\n", File.ReadAllText(Out("docs", "readme.md")));
        }

        [Fact]
        public async Task AFileWithOtherContent_InAnUnpackedDirectory_IsKept_UnlessOverwrite()
        {
            await PushAsync();
            Assert.Null((await PullAsync()).Error);
            File.WriteAllText(Out("docs", "readme.md"), "mine\n");
            File.WriteAllText(Out("docs", "extra.md"), "also mine\n");

            PullResult refused = await PullAsync();
            Assert.Equal(OciErrorKind.InvalidDestination, refused.Error?.Kind);
            Assert.Contains(Out("docs", "readme.md"), refused.Error!.Message);
            Assert.Equal("mine\n", File.ReadAllText(Out("docs", "readme.md")));

            Assert.Null((await PullAsync(overwrite: true)).Error);
            Assert.Equal("Docs\n", File.ReadAllText(Out("docs", "readme.md")));
            Assert.Equal("also mine\n", File.ReadAllText(Out("docs", "extra.md")));
        }

        [Theory]
        [InlineData(false)]
        [InlineData(true)]
        public async Task ANamedPipeWhereAFileGoes_IsRefused_NeverOpenedNorReplaced(bool overwrite)
        {
            await PushAsync();
            Directory.CreateDirectory(Out("docs"));
            Run("mkfifo", Out("hi.txt"));
            Run("mkfifo", Out("docs", "readme.md"));

            PullResult result = await PullAsync(overwrite);

            Assert.Equal(OciErrorKind.UnsafePath, result.Error?.Kind);
            Assert.Contains("named pipe", result.Error!.Message);
            Assert.Equal(Core.Layout.FileType.Special, Core.Layout.FileTypeProbe.Of(Out("hi.txt")));
            Assert.Equal(Core.Layout.FileType.Special, Core.Layout.FileTypeProbe.Of(Out("docs", "readme.md")));
        }

        [Fact]
        public async Task ANamedPipeInsideAnUnpackedDirectory_IsRefused_EvenWithOverwrite()
        {
            await PushAsync();
            Directory.CreateDirectory(Out("docs"));
            Run("mkfifo", Out("docs", "readme.md"));

            PullResult result = await PullAsync(overwrite: true);

            Assert.Equal(OciErrorKind.UnsafePath, result.Error?.Kind);
            Assert.Equal(Out("docs", "readme.md"), result.Error!.Path);
            Assert.Equal(Core.Layout.FileType.Special, Core.Layout.FileTypeProbe.Of(Out("docs", "readme.md")));
        }

        private async Task PushAsync()
        {
            PushFile Given(string name) => PushFile.Parse(name).WithPath(Path.Combine(_dir, name));
            var request = new PushRequest { Destination = Bundle, Files = new[] { Given("hi.txt"), Given("docs") } };
            OperationSummary pushed = await new PushOperation(request, _registry).RunAsync(new RecordingObserver(), CancellationToken.None);
            Assert.Equal(0, pushed.Failed);
        }

        private Task<PullResult> PullAsync(bool overwrite = false) =>
            Task.Run(() => new PullOperation(new PullRequest { Source = Bundle, OutputDirectory = Output, Overwrite = overwrite }, _registry).RunAsync(new RecordingObserver(), CancellationToken.None)).WaitAsync(HangGuard);

        private static void Run(string tool, string path)
        {
            var (code, _, err) = ArchiveTestUtil.Run(tool, "\"" + path + "\"");
            Assert.True(code == 0, err);
        }
    }
}
