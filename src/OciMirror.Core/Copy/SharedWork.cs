using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace OciMirror.Core.Copy
{
    /// <summary>
    /// Runs a piece of work once per key and lets every other caller await the same task (oras-go's
    /// status tracker, but awaiting instead of "already started, return"). A failed or cancelled run is
    /// removed so that a later caller runs it again; a caller whose owner was cancelled (another
    /// artifact gave up) while it was not retries the work itself.
    /// </summary>
    internal sealed class SharedWork<TKey, T>
    {
        private readonly ConcurrentDictionary<TKey, Task<T>> _entries;

        public SharedWork(IEqualityComparer<TKey>? comparer = null)
        {
            _entries = new ConcurrentDictionary<TKey, Task<T>>(comparer ?? EqualityComparer<TKey>.Default);
        }

        /// <summary>Records <paramref name="value"/> as done for <paramref name="key"/> unless an entry exists.</summary>
        public bool TrySeed(TKey key, T value) => _entries.TryAdd(key, Task.FromResult(value));

        /// <summary>Runs <paramref name="work"/> unless another caller runs or ran it; Owner says which.</summary>
        public async Task<(T Value, bool Owner)> RunAsync(TKey key, Func<CancellationToken, Task<T>> work, CancellationToken cancellationToken)
        {
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var mine = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
                Task<T> entry = _entries.GetOrAdd(key, mine.Task);
                if (entry != mine.Task)
                {
                    try
                    {
                        return (await entry.WaitOrCancelAsync(cancellationToken).ConfigureAwait(false), false);
                    }
                    catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                    {
                        // The owner was cancelled (its artifact failed elsewhere) and has removed its
                        // entry before completing it: take the work over.
                        continue;
                    }
                }

                try
                {
                    T value = await work(cancellationToken).ConfigureAwait(false);
                    mine.SetResult(value);
                    return (value, true);
                }
                catch (Exception e)
                {
                    // Remove before completing, so that a waiter that retries finds no stale entry.
                    ((ICollection<KeyValuePair<TKey, Task<T>>>)_entries).Remove(new KeyValuePair<TKey, Task<T>>(key, mine.Task));
                    if (e is OperationCanceledException)
                    {
                        mine.TrySetCanceled();
                    }
                    else
                    {
                        mine.TrySetException(e);
                        _ = mine.Task.Exception; // observed: the error is reported by the owner
                    }

                    throw;
                }
            }
        }
    }
}
