using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Diagnostics;
using OciMirror.Core.Layout;
using Xunit;

namespace OciMirror.Core.Tests.Layout
{
    /// <summary>
    /// The writers' lock across processes: util-linux <c>flock</c> takes the same kernel lock .NET takes for
    /// FileShare.None, a killed holder releases it, and a released lock file is marked for waiters that
    /// opened it before it was deleted. (Not built for .NET Framework: Mono's share modes stay in one process.)
    /// </summary>
    public sealed class FileLockProcessTests : IDisposable
    {
        private readonly string _dir = Path.Combine(Path.GetTempPath(), "ocimirror-lock-" + Guid.NewGuid().ToString("N"));

        public FileLockProcessTests() => Directory.CreateDirectory(_dir);

        public void Dispose() => Directory.Delete(_dir, recursive: true);

        private string LockPath => Path.Combine(_dir, ".x.lock");

        [Fact]
        public async Task AnotherProcessHoldsIt_WaiterSaysSo_AndGetsItWhenTheHolderIsKilled()
        {
            using Process holder = StartFlockHolder(LockPath);
            Assert.Null(FileLock.TryAcquire(LockPath, FileLockMode.Exclusive));
            Assert.Null(FileLock.TryAcquire(LockPath, FileLockMode.Shared));
            var log = new ListLog();
            using var hangGuard = new CancellationTokenSource(TimeSpan.FromMinutes(2));

            Task<FileLock> waiter = FileLock.AcquireAsync(LockPath, FileLockMode.Exclusive, "bundle 'b'", log, hangGuard.Token);
            while (!log.Messages.Any(m => m.Contains("Waiting for another writer of bundle 'b'")))
            {
                await Task.Delay(10, hangGuard.Token);
            }

            Assert.False(waiter.IsCompleted);
            holder.Kill(entireProcessTree: true); // flock's child (sleep) shares the locked file description
            using FileLock acquired = await waiter;
            Assert.True(FileLock.CrossProcess);
        }

        [Fact]
        public async Task Release_DeletesTheLockFile_ThenMarksIt_SoAnEarlierOpenerCannotMistakeItForTheLock()
        {
            // A waiter that opened the file before the holder deleted it may lock the unlinked file later; the
            // mark (non-empty) tells it to open the path again. A hard link keeps the unlinked file visible here.
            string early = Path.Combine(_dir, "early-view");
            FileLock first = FileLock.TryAcquire(LockPath, FileLockMode.Exclusive)!;
            (int code, string output) = await RunAsync("ln", LockPath, early);
            Assert.True(code == 0, output);
            Assert.Equal(0, new FileInfo(early).Length);

            first.Dispose();

            Assert.False(File.Exists(LockPath));
            Assert.Equal(1, new FileInfo(early).Length);
            using FileLock? second = FileLock.TryAcquire(LockPath, FileLockMode.Exclusive);
            Assert.NotNull(second);
        }

        /// <summary>util-linux flock holding an exclusive lock on <paramref name="path"/> until killed; returns once it holds it.</summary>
        internal static Process StartFlockHolder(string path)
        {
            var info = new ProcessStartInfo("flock") { RedirectStandardOutput = true, UseShellExecute = false };
            foreach (string a in new[] { "-x", path, "-c", "echo locked; exec sleep 300" })
            {
                info.ArgumentList.Add(a);
            }

            Process process = Process.Start(info) ?? throw new InvalidOperationException("flock (util-linux) could not be started");
            Assert.Equal("locked", process.StandardOutput.ReadLine());
            return process;
        }

        private static async Task<(int Code, string Output)> RunAsync(string file, params string[] args)
        {
            var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (string a in args)
            {
                info.ArgumentList.Add(a);
            }

            using Process process = Process.Start(info)!;
            string output = await process.StandardOutput.ReadToEndAsync() + await process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            return (process.ExitCode, output);
        }

        private sealed class ListLog : ILogSink
        {
            public ConcurrentQueue<string> Messages { get; } = new ConcurrentQueue<string>();

            public void Log(LogLevel level, string message) => Messages.Enqueue(message);
        }
    }
}
