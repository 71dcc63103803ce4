using System;
using System.Collections.Concurrent;
using System.Threading;
using OciMirror.Core.Content;

namespace OciMirror.Core.Copy
{
    /// <summary>
    /// State of one <see cref="CopySession.CopyAsync(IReadOnlyStorage, Model.Descriptor, IStorage, string, CancellationToken)"/>
    /// call (one artifact): its ends, counters, the first fatal error and the token source that error
    /// cancels (DESIGN §6.5: the rest of this artifact stops, other artifacts continue).
    /// </summary>
    internal sealed class CopyContext : IDisposable
    {
        private readonly CancellationTokenSource _cts;
        private readonly ConcurrentDictionary<Model.Digest, byte> _visited = new ConcurrentDictionary<Model.Digest, byte>();
        private readonly ConcurrentDictionary<Model.Digest, byte> _skippedNodes = new ConcurrentDictionary<Model.Digest, byte>();
        private Exception? _firstError;
        private int _copied;
        private int _skipped;
        private int _mounted;
        private long _bytes;

        public CopyContext(IReadOnlyStorage source, IStorage destination, string? reference, CancellationToken cancellationToken)
        {
            Source = source;
            Destination = destination;
            DestinationKey = TargetIdentity.Of(destination);
            SourceKey = TargetIdentity.Of(source);
            Reference = reference;
            _cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        }

        public IReadOnlyStorage Source { get; }

        public IStorage Destination { get; }

        /// <summary>Identity of the destination for the session's node tracker.</summary>
        public string DestinationKey { get; }

        /// <summary>Identity of the source for the session's record of verified nodes.</summary>
        public string SourceKey { get; }

        /// <summary>The reference being copied, for error messages; may be null.</summary>
        public string? Reference { get; }

        /// <summary>Cancelled by the caller or by the first fatal error of this artifact.</summary>
        public CancellationToken Token => _cts.Token;

        /// <summary>The first error that is not a cancellation, or null.</summary>
        public Exception? FirstError => Volatile.Read(ref _firstError);

        /// <summary>Records the first fatal error and cancels the rest of the artifact; cancellations are ignored.</summary>
        public void Fail(Exception error)
        {
            if (error is OperationCanceledException)
            {
                return;
            }

            if (Interlocked.CompareExchange(ref _firstError, error, null) == null)
            {
                try
                {
                    _cts.Cancel();
                }
                catch (ObjectDisposedException)
                {
                }
            }
        }

        /// <summary>True the first time this artifact visits <paramref name="digest"/> (a node shared inside one graph is counted once).</summary>
        public bool Visit(Model.Digest digest) => _visited.TryAdd(digest, 0);

        public void AddCopied() => Interlocked.Increment(ref _copied);

        /// <summary>Counts <paramref name="digest"/> as skipped (present, or copied by another artifact), once.</summary>
        public void AddSkipped(Model.Digest digest)
        {
            if (_skippedNodes.TryAdd(digest, 0))
            {
                Interlocked.Increment(ref _skipped);
            }
        }

        /// <summary>
        /// A node pushed again to repair the destination: counted as copied instead of skipped when this
        /// artifact counted it skipped; a node it already counted as copied is not counted twice.
        /// </summary>
        public void AddRepaired(Model.Digest digest)
        {
            if (_skippedNodes.TryRemove(digest, out _))
            {
                Interlocked.Decrement(ref _skipped);
                Interlocked.Increment(ref _copied);
            }
        }

        public void AddMounted()
        {
            Interlocked.Increment(ref _mounted);
            Interlocked.Increment(ref _copied);
        }

        public void AddBytes(long count) => Interlocked.Add(ref _bytes, count);

        public CopyStats ToStats() => new CopyStats(Volatile.Read(ref _copied), Volatile.Read(ref _skipped), Volatile.Read(ref _mounted), Interlocked.Read(ref _bytes));

        public void Dispose() => _cts.Dispose();
    }
}
