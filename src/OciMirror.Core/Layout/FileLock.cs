using System;
using System.Collections.Concurrent;
using System.IO;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Diagnostics;

namespace OciMirror.Core.Layout
{
    /// <summary>
    /// A lock on a lock file that excludes writers across threads and processes and that a crash releases:
    /// the lock is the open file itself. .NET maps <see cref="FileShare.None"/> to <c>flock(LOCK_EX)</c> on
    /// Unix (any other share to <c>LOCK_SH</c>) and to the share mode of <c>CreateFile</c> on Windows and
    /// .NET Framework; the kernel drops both when the process dies, so a killed holder never blocks anyone.
    /// <para>
    /// The lock file exists only while someone holds or waits for it. An exclusive holder deletes it before
    /// it releases and then marks the (unlinked) file non-empty, so a waiter that opened it earlier and
    /// locks it afterwards sees a non-empty file and opens the path again (Nix's PathLocks protocol; a
    /// valid lock file is always empty). On Windows the exclusive holder shares only Delete, so nobody else
    /// has the file open when it is deleted.
    /// </para>
    /// <para>
    /// Waiting polls with a short backoff (a second writer of the same bundle is rare; index.json updates
    /// are short), after an in-process gate for exclusive locks so that threads of one process do not poll.
    /// The first wait is logged (Verbose), a wait over 30 s once more as a Warning.
    /// </para>
    /// </summary>
    internal sealed class FileLock : IDisposable
    {
        private static readonly bool IsWindows = RuntimeInformation.IsOSPlatform(OSPlatform.Windows);
        private static readonly ConcurrentDictionary<string, SemaphoreSlim> Gates = new ConcurrentDictionary<string, SemaphoreSlim>(
            IsWindows ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal);

        private static readonly TimeSpan WarnAfter = TimeSpan.FromSeconds(30);

        /// <summary>On Windows a lock file being deleted refuses opens for a moment (access denied): retried this long.</summary>
        private static readonly TimeSpan DeletePendingTolerance = TimeSpan.FromSeconds(5);

        private readonly string _path;
        private readonly FileLockMode _mode;
        private readonly SemaphoreSlim? _gate;
        private FileStream? _file;

        private FileLock(string path, FileLockMode mode, FileStream file, SemaphoreSlim? gate)
        {
            _path = path;
            _mode = mode;
            _file = file;
            _gate = gate;
        }

        /// <summary>
        /// True when file locks exclude other processes. False on Mono (its share modes are per process) and
        /// when .NET's file locking is switched off (<c>DOTNET_SYSTEM_IO_DISABLEFILELOCKING</c>); locks then
        /// still exclude threads of this process, and nothing is treated as another process's stale file.
        /// </summary>
        public static bool CrossProcess { get; } = Type.GetType("Mono.Runtime") == null && (IsWindows || !LockingDisabled());

        /// <summary>The share mode that marks a file as in use by a live writer (see <see cref="StaleFiles"/>) and still lets the holder rename and delete it.</summary>
        public static FileShare InUseShare => IsWindows ? FileShare.Delete : FileShare.None;

        /// <summary>
        /// Takes the lock on <paramref name="path"/> (created when missing; its directory must exist), waiting
        /// as long as another holder has it. <paramref name="subject"/> names what is locked in the log
        /// ("bundle 'x'"). The caller disposes the lock to release it.
        /// </summary>
        /// <exception cref="IOException">The lock file cannot be created or opened (other than being locked).</exception>
        /// <exception cref="UnauthorizedAccessException">The directory is not writable.</exception>
        /// <exception cref="OperationCanceledException">Cancelled while waiting; nothing is held.</exception>
        public static async Task<FileLock> AcquireAsync(string path, FileLockMode mode, string subject, ILogSink? log, CancellationToken cancellationToken)
        {
            var waiting = new WaitLog(path, subject, log);
            SemaphoreSlim? gate = null;
            if (mode == FileLockMode.Exclusive)
            {
                gate = Gates.GetOrAdd(path, _ => new SemaphoreSlim(1, 1));
                if (!gate.Wait(0))
                {
                    waiting.Started();
                    await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
                }
            }

            try
            {
                TimeSpan delay = TimeSpan.FromMilliseconds(2);
                DateTime? deniedSince = null;
                while (true)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    FileStream? file;
                    try
                    {
                        file = TryOpen(path, mode);
                        deniedSince = null;
                    }
                    catch (UnauthorizedAccessException) when (IsWindows && (DateTime.UtcNow - (deniedSince ??= DateTime.UtcNow)) < DeletePendingTolerance)
                    {
                        file = null; // the previous holder's delete is pending
                    }

                    if (file != null)
                    {
                        return new FileLock(path, mode, file, gate);
                    }

                    waiting.Started();
                    await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
                    delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 50));
                }
            }
            catch
            {
                gate?.Release();
                throw;
            }
        }

        /// <summary>Takes the lock when nobody holds it, else returns null at once.</summary>
        /// <exception cref="IOException">The lock file cannot be created or opened (other than being locked).</exception>
        /// <exception cref="UnauthorizedAccessException">The directory is not writable.</exception>
        public static FileLock? TryAcquire(string path, FileLockMode mode)
        {
            SemaphoreSlim? gate = null;
            if (mode == FileLockMode.Exclusive)
            {
                gate = Gates.GetOrAdd(path, _ => new SemaphoreSlim(1, 1));
                if (!gate.Wait(0))
                {
                    return null;
                }
            }

            try
            {
                FileStream? file = TryOpen(path, mode);
                if (file != null)
                {
                    return new FileLock(path, mode, file, gate);
                }
            }
            catch (UnauthorizedAccessException) when (IsWindows)
            {
                // A delete is pending: someone just released it; treat as taken.
            }
            catch
            {
                gate?.Release();
                throw;
            }

            gate?.Release();
            return null;
        }

        /// <summary>
        /// Releases the lock. An exclusive holder removes the lock file first; a shared holder removes it
        /// when it turns out to be the last holder. Failures to remove it are ignored (a lock file left
        /// behind is empty and harmless).
        /// </summary>
        public void Dispose()
        {
            FileStream? file = Interlocked.Exchange(ref _file, null);
            if (file == null)
            {
                return;
            }

            try
            {
                if (_mode == FileLockMode.Exclusive && TryDeletePath())
                {
                    MarkStale(file);
                }
            }
            finally
            {
                file.Dispose();
                _gate?.Release();
            }

            if (_mode == FileLockMode.Shared)
            {
                try
                {
                    TryAcquire(_path, FileLockMode.Exclusive)?.Dispose();
                }
                catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
                {
                }
            }
        }

        /// <summary>Opens and locks the file; null when another holder has it, or when it is a released (stale) lock file.</summary>
        private static FileStream? TryOpen(string path, FileLockMode mode)
        {
            FileStream file;
            try
            {
                file = mode == FileLockMode.Exclusive
                    ? new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, IsWindows ? FileShare.Delete : FileShare.None, 1, FileOptions.None)
                    : new FileStream(path, FileMode.OpenOrCreate, FileAccess.Read, IsWindows ? FileShare.ReadWrite | FileShare.Delete : FileShare.Read, 1, FileOptions.None);
            }
            catch (IOException e) when (IsLocked(e))
            {
                return null;
            }

            if (file.Length != 0)
            {
                if (NamesNonEmptyFile(path))
                {
                    // A valid lock file is empty and a released one is unlinked: a non-empty file still at
                    // the path was written by someone else. An exclusive holder makes it a lock file again.
                    if (mode == FileLockMode.Exclusive)
                    {
                        file.SetLength(0);
                        return file;
                    }

                    file.Dispose();
                    TryAcquire(path, FileLockMode.Exclusive)?.Dispose();
                    return null;
                }

                // Locked after its holder deleted it: the path may already name a new lock file.
                file.Dispose();
                return null;
            }

            return file;
        }

        private static bool NamesNonEmptyFile(string path)
        {
            try
            {
                var info = new FileInfo(path);
                return info.Exists && info.Length != 0;
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                return false;
            }
        }

        /// <summary>Deletes the lock file; true when it did (only then is the released file marked stale: a file still at the path must stay a valid, empty lock file).</summary>
        private bool TryDeletePath()
        {
            try
            {
                File.Delete(_path);
                return true;
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                return false;
            }
        }

        private static void MarkStale(FileStream file)
        {
            try
            {
                file.WriteByte((byte)'x');
                file.Flush();
            }
            catch (Exception e) when (e is IOException || e is NotSupportedException || e is ObjectDisposedException)
            {
            }
        }

        /// <summary>
        /// A lock conflict rather than a real failure: EWOULDBLOCK from flock (11 on Linux, 35 on macOS and
        /// BSD, which .NET reports as the HResult) or ERROR_SHARING_VIOLATION / ERROR_LOCK_VIOLATION on
        /// Windows and Mono.
        /// </summary>
        private static bool IsLocked(IOException e)
        {
            if (e is FileNotFoundException || e is DirectoryNotFoundException || e is PathTooLongException)
            {
                return false;
            }

            int code = e.HResult & 0xFFFF;
            return e.HResult == 11 || e.HResult == 35 || ((e.HResult & unchecked((int)0xFFFF0000)) == unchecked((int)0x80070000) && (code == 32 || code == 33));
        }

        private static bool LockingDisabled()
        {
            if (AppContext.TryGetSwitch("System.IO.DisableFileLocking", out bool disabled) && disabled)
            {
                return true;
            }

            string? value = Environment.GetEnvironmentVariable("DOTNET_SYSTEM_IO_DISABLEFILELOCKING");
            return value == "1" || string.Equals(value, "true", StringComparison.OrdinalIgnoreCase);
        }

        /// <summary>Logs a wait once when it starts and once more when it has lasted <see cref="WarnAfter"/>.</summary>
        private sealed class WaitLog
        {
            private readonly string _path;
            private readonly string _subject;
            private readonly ILogSink? _log;
            private DateTime? _since;
            private bool _warned;

            public WaitLog(string path, string subject, ILogSink? log)
            {
                _path = path;
                _subject = subject;
                _log = log;
            }

            public void Started()
            {
                if (_since == null)
                {
                    _since = DateTime.UtcNow;
                    _log?.Log(LogLevel.Verbose, $"Waiting for another writer of {_subject} (lock file '{_path}').");
                }
                else if (!_warned && DateTime.UtcNow - _since.Value > WarnAfter)
                {
                    _warned = true;
                    _log?.Log(LogLevel.Warning, $"Still waiting for another writer of {_subject} after {WarnAfter.TotalSeconds:0} s: another export is writing it (lock file '{_path}').");
                }
            }
        }
    }
}
