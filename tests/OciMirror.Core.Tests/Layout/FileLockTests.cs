using System;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Layout;
using Xunit;

namespace OciMirror.Core.Tests.Layout
{
    /// <summary>
    /// The writers' lock within one process: one exclusive holder at a time, shared holders together, the
    /// lock file gone from disk once released (other processes: <see cref="FileLockProcessTests"/>).
    /// </summary>
    public sealed class FileLockTests : IDisposable
    {
        private readonly string _dir = Path.Combine(Path.GetTempPath(), "ocimirror-lock-" + Guid.NewGuid().ToString("N"));

        public FileLockTests() => Directory.CreateDirectory(_dir);

        public void Dispose() => Directory.Delete(_dir, recursive: true);

        private string LockPath => Path.Combine(_dir, ".x.lock");

        [Fact]
        public async Task Exclusive_OneHolderAtATime_AcrossThreads_NoIncrementLost_AndNoLockFileLeft()
        {
            string counter = Path.Combine(_dir, "counter");
            File.WriteAllText(counter, "0");
            int holders = 0, maxHolders = 0;
            await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
            {
                for (int i = 0; i < 25; i++)
                {
                    using (await FileLock.AcquireAsync(LockPath, FileLockMode.Exclusive, "test", null, CancellationToken.None))
                    {
                        int now = Interlocked.Increment(ref holders);
                        InterlockedMax(ref maxHolders, now);
                        int value = int.Parse(File.ReadAllText(counter));
                        await Task.Yield();
                        File.WriteAllText(counter, (value + 1).ToString());
                        Interlocked.Decrement(ref holders);
                    }
                }
            })));

            Assert.Equal(1, maxHolders);
            Assert.Equal("200", File.ReadAllText(counter));
            Assert.False(File.Exists(LockPath));
        }

        [Fact]
        public void SharedHoldersCoexist_ExclusiveWaitsForAll_AndTheLastOneRemovesTheFile()
        {
            using (FileLock? a = FileLock.TryAcquire(LockPath, FileLockMode.Shared))
            using (FileLock? b = FileLock.TryAcquire(LockPath, FileLockMode.Shared))
            {
                Assert.NotNull(a);
                Assert.NotNull(b);
                Assert.Null(FileLock.TryAcquire(LockPath, FileLockMode.Exclusive));
            }

            Assert.False(File.Exists(LockPath));
            using FileLock? exclusive = FileLock.TryAcquire(LockPath, FileLockMode.Exclusive);
            Assert.NotNull(exclusive);
            Assert.Null(FileLock.TryAcquire(LockPath, FileLockMode.Shared));
        }

        [Fact]
        public void ANonEmptyFileAtThePath_DoesNotBlockForever()
        {
            File.WriteAllText(LockPath, "written by someone else");

            using (FileLock? shared = FileLock.TryAcquire(LockPath, FileLockMode.Shared))
            {
                Assert.Null(shared); // repaired by an exclusive attempt meanwhile
            }

            using FileLock? again = FileLock.TryAcquire(LockPath, FileLockMode.Shared);
            Assert.NotNull(again);
        }

        private static void InterlockedMax(ref int target, int value)
        {
            int seen;
            while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
            {
            }
        }
    }
}
