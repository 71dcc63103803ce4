using System;
using System.Collections.Concurrent;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;

namespace OciMirror.PowerShell.Common
{
    /// <summary>
    /// Runs one asynchronous engine call on the thread pool and executes everything it wants written, on
    /// the thread that called <see cref="Run{T}"/> — the pipeline thread (jborean93's AsyncPSCmdlet pattern).
    /// Other threads <see cref="Post"/> work items into a blocking queue; <see cref="InvokeAsync{T}"/> also
    /// hands back the item's result (ShouldProcess) through a <see cref="TaskCompletionSource{TResult}"/>.
    /// Single use: one pump per engine call.
    /// </summary>
    internal sealed class CmdletPump
    {
        private readonly BlockingCollection<Action<ICmdletSink>> _queue = new BlockingCollection<Action<ICmdletSink>>();

        // Cancelled when the pump loop has exited: outstanding InvokeAsync calls fail instead of hanging.
        private readonly CancellationTokenSource _closed = new CancellationTokenSource();

        /// <summary>
        /// Queues <paramref name="item"/> for the pipeline thread. Safe from any thread. Dropped when the
        /// pump has stopped (the pipeline was stopped or failed), because nothing can be written any more.
        /// </summary>
        public void Post(Action<ICmdletSink> item)
        {
            if (item == null)
            {
                throw new ArgumentNullException(nameof(item));
            }

            try
            {
                _queue.Add(item);
            }
            catch (InvalidOperationException) when (_queue.IsAddingCompleted)
            {
                // The pipeline thread stopped pumping (Ctrl+C, terminating error): drop the write.
            }
        }

        /// <summary>
        /// Runs <paramref name="call"/> on the pipeline thread and completes with its result. The task is
        /// cancelled when <paramref name="cancellationToken"/> is, or when the pump stops before the call ran;
        /// it faults with whatever the call threw (which also propagates on the pipeline thread).
        /// </summary>
        public Task<T> InvokeAsync<T>(Func<ICmdletSink, T> call, CancellationToken cancellationToken)
        {
            if (call == null)
            {
                throw new ArgumentNullException(nameof(call));
            }

            var completion = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
            CancellationTokenRegistration onCancel = cancellationToken.Register(() => completion.TrySetCanceled());
            CancellationTokenRegistration onClosed = _closed.Token.Register(() => completion.TrySetCanceled());
            completion.Task.ContinueWith(
                _ =>
                {
                    onCancel.Dispose();
                    onClosed.Dispose();
                },
                CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);

            Post(sink =>
            {
                if (completion.Task.IsCompleted)
                {
                    return; // cancelled while queued
                }

                T result;
                try
                {
                    result = call(sink);
                }
                catch (Exception e)
                {
                    // Fail the waiting engine call, then let PowerShell's exception (pipeline stopped,
                    // "halt command" at a -Confirm prompt) end the pump as usual.
                    completion.TrySetException(e);
                    throw;
                }

                completion.TrySetResult(result);
            });
            return completion.Task;
        }

        /// <summary>
        /// Starts <paramref name="work"/> on the thread pool and executes queued items on the calling thread
        /// until the work has finished, then returns its result or rethrows its exception (the one
        /// synchronous wait of the module: the task is complete by then). When <paramref name="stop"/> is
        /// cancelled (StopProcessing) the loop ends with <see cref="PipelineStoppedException"/>; when an item
        /// throws, the work is cancelled and the exception propagates. Either way the work's later writes are
        /// dropped and Run returns only once the cancelled work has ended (what finished is on disk).
        /// </summary>
        public T Run<T>(ICmdletSink sink, Func<CancellationToken, Task<T>> work, CancellationTokenSource stop)
        {
            if (sink == null)
            {
                throw new ArgumentNullException(nameof(sink));
            }

            if (work == null)
            {
                throw new ArgumentNullException(nameof(work));
            }

            if (stop == null)
            {
                throw new ArgumentNullException(nameof(stop));
            }

            CancellationToken token = stop.Token;
            Task<T> task = Task.Run(() => work(token), token);
            task.ContinueWith(_ => _queue.CompleteAdding(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

            try
            {
                foreach (Action<ICmdletSink> item in _queue.GetConsumingEnumerable(token))
                {
                    item(sink);
                }
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }
            finally
            {
                bool abandoned = !task.IsCompleted;
                if (abandoned)
                {
                    // Stopped (Ctrl+C) or failed on this thread (-ErrorAction Stop turned a WriteError into
                    // an exception): cancel the engine; its writes from now on are dropped.
                    stop.Cancel();
                }

                _queue.CompleteAdding();
                _closed.Cancel();
                if (abandoned)
                {
                    // Wait until it has wound down (index.json of what finished written, an archive closed,
                    // temporary files removed): returning earlier let the next command meet a bundle that a
                    // writer was still changing. The engine observes the token everywhere, so this is short.
                    WaitQuietly(task);
                }
            }

            try
            {
                return task.GetAwaiter().GetResult();
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }
        }

        /// <summary>Blocks until <paramref name="task"/> has ended, whatever its outcome; its exception is observed, not thrown.</summary>
        private static void WaitQuietly(Task task) =>
            task.ContinueWith(t => t.Exception, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default)
                .GetAwaiter().GetResult();
    }
}
