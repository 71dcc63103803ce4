using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace OciMirror.Core.Layout
{
    /// <summary>
    /// File operations that never leave a half-written file under its final name: write to a temporary
    /// name in the same directory, flush to disk, then rename (DESIGN §4 "Writes are atomic").
    /// </summary>
    internal static class AtomicFile
    {
        /// <summary>
        /// How often a rename is retried. On Windows, antivirus and indexers open new files for a moment
        /// and make MoveFile/ReplaceFile fail with a sharing violation; a short backoff rides that out.
        /// </summary>
        private const int RenameAttempts = 5;

        /// <summary>
        /// Writes <paramref name="content"/> to <paramref name="path"/> atomically, replacing an existing
        /// file (File.Replace, because File.Move with overwrite does not exist on netstandard2.0).
        /// Readers see the old or the new content, never a mix. The temporary file is removed on failure.
        /// </summary>
        /// <exception cref="IOException">The write or the rename failed after retries.</exception>
        /// <exception cref="UnauthorizedAccessException">The directory is not writable.</exception>
        public static async Task WriteAllBytesAsync(string path, byte[] content, CancellationToken cancellationToken)
        {
            string temp = TemporaryName.For(path);
            try
            {
                using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, FileOptions.Asynchronous))
                {
                    await stream.WriteAsync(content, 0, content.Length, cancellationToken).ConfigureAwait(false);
                    await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
                    stream.Flush(flushToDisk: true);
                }

                await ReplaceAsync(temp, path, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                TryDelete(temp);
            }
        }

        /// <summary>
        /// Renames the finished file <paramref name="source"/> (in the same directory) to
        /// <paramref name="target"/>, replacing an existing target atomically (File.Replace, because
        /// File.Move with overwrite does not exist on netstandard2.0). Readers see the old or the new file.
        /// </summary>
        /// <exception cref="IOException">The rename failed after retries.</exception>
        /// <exception cref="UnauthorizedAccessException">The rename was refused after retries.</exception>
        public static Task ReplaceAsync(string source, string target, CancellationToken cancellationToken) =>
            RetryAsync(
                () =>
                {
                    if (File.Exists(target))
                    {
                        File.Replace(source, target, destinationBackupFileName: null);
                    }
                    else
                    {
                        File.Move(source, target);
                    }

                    return true;
                },
                cancellationToken);

        /// <summary>
        /// Renames the finished file <paramref name="source"/> to <paramref name="target"/> unless the
        /// target exists. Returns true when this call moved it, false when the target already existed
        /// (another writer won; the caller drops its copy). The source is left in place when false.
        /// </summary>
        /// <exception cref="IOException">The rename failed after retries.</exception>
        /// <exception cref="UnauthorizedAccessException">The rename was refused after retries.</exception>
        public static Task<bool> MoveNoOverwriteAsync(string source, string target, CancellationToken cancellationToken) =>
            RetryAsync(
                () =>
                {
                    if (File.Exists(target))
                    {
                        return false;
                    }

                    try
                    {
                        // Fails rather than overwrites when the target exists (rename-without-replace on
                        // Unix, MoveFile on Windows), so two writers cannot clobber each other.
                        File.Move(source, target);
                        return true;
                    }
                    catch (IOException) when (File.Exists(target))
                    {
                        return false;
                    }
                },
                cancellationToken);

        /// <summary>Deletes a file if it exists, ignoring failures (cleanup must not hide the real error).</summary>
        public static void TryDelete(string path)
        {
            try
            {
                File.Delete(path);
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }

        private static async Task<T> RetryAsync<T>(Func<T> action, CancellationToken cancellationToken)
        {
            for (int attempt = 1; ; attempt++)
            {
                try
                {
                    return action();
                }
                catch (Exception e) when (attempt < RenameAttempts && (e is IOException || e is UnauthorizedAccessException))
                {
                    await Task.Delay(25 << attempt, cancellationToken).ConfigureAwait(false);
                }
            }
        }
    }
}
