using System;
using System.Threading;
using System.Threading.Tasks;

namespace OciMirror.Core.Copy
{
    /// <summary>netstandard2.0 has no Task.WaitAsync(CancellationToken): await a shared task but stop waiting on cancel.</summary>
    internal static class TaskCancellation
    {
        /// <summary>The task's result, or OperationCanceledException when <paramref name="cancellationToken"/> fires first (the task keeps running).</summary>
        public static async Task<T> WaitOrCancelAsync<T>(this Task<T> task, CancellationToken cancellationToken)
        {
            if (task.IsCompleted || !cancellationToken.CanBeCanceled)
            {
                return await task.ConfigureAwait(false);
            }

            var cancelled = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            using (cancellationToken.Register(state => ((TaskCompletionSource<bool>)state!).TrySetResult(true), cancelled))
            {
                if (await Task.WhenAny(task, cancelled.Task).ConfigureAwait(false) != task)
                {
                    throw new OperationCanceledException(cancellationToken);
                }
            }

            return await task.ConfigureAwait(false);
        }
    }
}
