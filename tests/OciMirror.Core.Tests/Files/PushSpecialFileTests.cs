using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Sockets;
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
    /// Push never opens a named pipe (FIFO), device or socket — named on the command line, as the config, or found in
    /// a directory being packed — and refuses it before anything is sent, naming the path; links inside a packed
    /// directory are refused; a link the user names is followed. Real FIFOs (mkfifo) and links (ln -s), so these run
    /// where the OS has them (Linux in CI, also under Mono).
    /// </summary>
    public sealed class PushSpecialFileTests : IDisposable
    {
        /// <summary>A hang guard only, never an assertion: a blocked open(2) of a FIFO ignores cancellation.</summary>
        private static readonly TimeSpan HangGuard = TimeSpan.FromMinutes(2);

        private readonly string _dir = ArchiveTestUtil.TempDir();
        private readonly MemoryRegistry _registry = new MemoryRegistry();

        public PushSpecialFileTests()
        {
            File.WriteAllText(Path.Combine(_dir, "hi.txt"), "hello world\n");
            Directory.CreateDirectory(Path.Combine(_dir, "docs", "deep"));
            File.WriteAllText(Path.Combine(_dir, "docs", "readme.md"), "Docs\n");
        }

        public void Dispose() => Directory.Delete(_dir, recursive: true);

        private string Bundle => Path.Combine(_dir, "bundle");

        [Fact]
        public async Task AFifoInsideADirectory_IsRefusedNamingIt_NothingIsWritten()
        {
            string fifo = Path.Combine(_dir, "docs", "deep", "pipe");
            Run("mkfifo", fifo);

            OciException e = await Assert.ThrowsAsync<OciException>(() => Push("oci:" + Bundle + ":corp.local/files/app:v1", "hi.txt", "docs"));

            Assert.Equal(OciErrorKind.UnsafePath, e.Kind);
            Assert.Equal(fifo, e.Path);
            Assert.Contains("named pipe (FIFO), device or socket", e.Message);
            Assert.NotNull(e.RecommendedAction);
            Assert.False(Directory.Exists(Bundle) && Directory.EnumerateFileSystemEntries(Bundle).Any(), "the bundle was written");
            Assert.Empty(_registry.AllRepositories().SelectMany(r => r.TagNames));
        }

        [Fact]
        public async Task AFifoNamedAsAFile_OrAsTheConfig_IsRefusedBeforeTheOtherFilesAreSent()
        {
            string fifo = Path.Combine(_dir, "pipe");
            Run("mkfifo", fifo);

            OciException asFile = await Assert.ThrowsAsync<OciException>(() => Push("corp.local/files/app:v1", "hi.txt", "pipe"));
            OciException asConfig = await Assert.ThrowsAsync<OciException>(() => Push("corp.local/files/app:v1", new[] { "hi.txt" }, config: "pipe"));

            foreach (OciException e in new[] { asFile, asConfig })
            {
                Assert.Equal(OciErrorKind.UnsafePath, e.Kind);
                Assert.Equal(fifo, e.Path);
            }

            Assert.Empty(_registry.AllRepositories().SelectMany(r => r.TagNames));
            Assert.Equal(0, _registry.Counts.TotalPushes);
        }

        [Fact]
        public async Task ALinkToAFifo_NamedAsAFile_IsRefused_ALinkToAFile_IsFollowed()
        {
            Run("mkfifo", Path.Combine(_dir, "pipe"));
            Run("ln", "-s", Path.Combine(_dir, "pipe"), Path.Combine(_dir, "to-pipe"));
            Run("ln", "-s", Path.Combine(_dir, "hi.txt"), Path.Combine(_dir, "to-hi.txt"));
            Run("ln", "-s", Path.Combine(_dir, "docs"), Path.Combine(_dir, "to-docs"));

            OciException e = await Assert.ThrowsAsync<OciException>(() => Push("corp.local/files/app:v1", "to-pipe"));
            OperationSummary followed = await Push("corp.local/files/app:v2", "to-hi.txt", "to-docs");

            Assert.Equal(OciErrorKind.UnsafePath, e.Kind);
            Assert.Equal(ArtifactStatus.Copied, Assert.Single(followed.Results).Status);
        }

        [Fact]
        public async Task ALinkInsideADirectory_IsRefused_EvenWhenItPointsInside()
        {
            string link = Path.Combine(_dir, "docs", "again");
            Run("ln", "-s", Path.Combine(_dir, "docs", "readme.md"), link);

            OciException e = await Assert.ThrowsAsync<OciException>(() => Push("corp.local/files/app:v1", "docs"));

            Assert.Equal(OciErrorKind.UnsafePath, e.Kind);
            Assert.Equal(link, e.Path);
            Assert.Contains("symbolic link", e.Message);
        }

#if NET
        [Fact]
        public async Task ASocketInsideADirectory_IsRefused()
        {
            string path = Path.Combine(_dir, "docs", "socket");
            using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            socket.Bind(new UnixDomainSocketEndPoint(path));

            OciException e = await Assert.ThrowsAsync<OciException>(() => Push("corp.local/files/app:v1", "docs"));

            Assert.Equal(OciErrorKind.UnsafePath, e.Kind);
            Assert.Equal(path, e.Path);
        }
#endif

        [Fact]
        public async Task ADeviceNamedAsAFile_IsRefused()
        {
            OciException e = await Assert.ThrowsAsync<OciException>(() => Push("corp.local/files/app:v1", new[] { "/dev/zero" }, absolute: true));

            Assert.Equal(OciErrorKind.UnsafePath, e.Kind);
            Assert.Equal("/dev/zero", e.Path);
        }

        private static void Run(string tool, params string[] arguments)
        {
            var (code, _, err) = ArchiveTestUtil.Run(tool, string.Join(" ", arguments.Select(a => "\"" + a + "\"")));
            Assert.True(code == 0, err);
        }

        private Task<OperationSummary> Push(string destination, params string[] files) => Push(destination, files, null);

        private Task<OperationSummary> Push(string destination, IReadOnlyList<string> files, string? config = null, bool absolute = false)
        {
            PushFile Given(string name)
            {
                PushFile file = PushFile.Parse(name);
                return absolute ? file : file.WithPath(Path.Combine(_dir, file.Path));
            }

            var request = new PushRequest { Destination = destination, Files = files.Select(Given).ToList(), Config = config == null ? null : Given(config) };
            return Task.Run(() => new PushOperation(request, _registry).RunAsync(new RecordingObserver(), CancellationToken.None)).WaitAsync(HangGuard);
        }
    }
}
