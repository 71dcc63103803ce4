using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

/// <summary>
/// .NET 6+ conveniences that the linked Core tests use and .NET Framework 4.7.2 lacks. Test code only:
/// Core itself must not need any of them (that is what this project proves under Mono).
/// </summary>
internal static class FrameworkPolyfills
{
    public static Task WaitAsync(this Task task, TimeSpan timeout) => task.WaitAsync(timeout, CancellationToken.None);

    public static Task WaitAsync(this Task task, CancellationToken cancellationToken) => task.WaitAsync(Timeout.InfiniteTimeSpan, cancellationToken);

    public static async Task WaitAsync(this Task task, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Task delay = Task.Delay(timeout, cts.Token);
        if (await Task.WhenAny(task, delay).ConfigureAwait(false) != task)
        {
            cancellationToken.ThrowIfCancellationRequested();
            throw new TimeoutException();
        }

        cts.Cancel();
        await task.ConfigureAwait(false);
    }

    public static Task<T> WaitAsync<T>(this Task<T> task, TimeSpan timeout) => task.WaitAsync(timeout, CancellationToken.None);

    public static Task<T> WaitAsync<T>(this Task<T> task, CancellationToken cancellationToken) => task.WaitAsync(Timeout.InfiniteTimeSpan, cancellationToken);

    public static async Task<T> WaitAsync<T>(this Task<T> task, TimeSpan timeout, CancellationToken cancellationToken)
    {
        await ((Task)task).WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
        return await task.ConfigureAwait(false);
    }

    public static IEnumerable<T> SkipLast<T>(this IEnumerable<T> source, int count)
    {
        List<T> all = source.ToList();
        return all.Take(Math.Max(0, all.Count - count));
    }

    public static Task<byte[]> ReadAsByteArrayAsync(this HttpContent content, CancellationToken cancellationToken) => content.ReadAsByteArrayAsync();

    extension(Path)
    {
        public static string GetRelativePath(string relativeTo, string path)
        {
            string from = Path.GetFullPath(relativeTo).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
            Uri relative = new Uri(from).MakeRelativeUri(new Uri(Path.GetFullPath(path)));
            return Uri.UnescapeDataString(relative.ToString()).Replace('/', Path.DirectorySeparatorChar);
        }
    }

    extension(OperatingSystem)
    {
        public static bool IsWindows() => Environment.OSVersion.Platform == PlatformID.Win32NT;
    }
}
