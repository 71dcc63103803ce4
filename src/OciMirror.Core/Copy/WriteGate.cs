using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Model;

namespace OciMirror.Core.Copy
{
    /// <summary>
    /// Per destination and digest, keeps a write of a node apart from everything that reads it there: a
    /// push of a manifest (by digest or by tag), of a blob, or a mount is exclusive on its own digest; a
    /// manifest push (which makes the registry look up each child) and an existence check are shared on
    /// the digests they read. Needed because registries write non-atomically: distribution 2.8 rewrites
    /// a repository's link file in place (truncate, then write) on every push of the same content, so a
    /// parent pushed meanwhile reads an empty link and is refused (400 DIGEST_INVALID /
    /// MANIFEST_BLOB_UNKNOWN; distribution/distribution#4489, fixed upstream by write-then-rename).
    /// A caller takes all its digests at once or waits holding none, so callers never deadlock. Thread-safe.
    /// </summary>
    internal sealed class WriteGate
    {
        private readonly object _sync = new object();
        private readonly Dictionary<(string, Digest), int> _holders = new Dictionary<(string, Digest), int>();
        private TaskCompletionSource<bool> _changed = NewSignal();

        /// <summary>
        /// Waits until <paramref name="exclusive"/> (may be null) is held by nobody and no digest of
        /// <paramref name="shared"/> is held exclusively, then holds them all. Dispose the result to release.
        /// </summary>
        /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> fired while waiting; nothing is held.</exception>
        public async Task<IDisposable> EnterAsync(string destination, Digest? exclusive, IEnumerable<Digest> shared, CancellationToken cancellationToken)
        {
            var keys = new List<(string, Digest)>();
            foreach (Digest digest in shared)
            {
                if (digest != exclusive && !keys.Contains((destination, digest)))
                {
                    keys.Add((destination, digest));
                }
            }

            var held = new Held(this, destination, exclusive, keys);
            while (true)
            {
                Task<bool> changed;
                lock (_sync)
                {
                    if (CanEnter(held))
                    {
                        if (exclusive != null)
                        {
                            _holders[(destination, exclusive.Value)] = -1;
                        }

                        foreach ((string, Digest) key in keys)
                        {
                            _holders[key] = _holders.TryGetValue(key, out int readers) ? readers + 1 : 1;
                        }

                        return held;
                    }

                    changed = _changed.Task;
                }

                await changed.WaitOrCancelAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        private static TaskCompletionSource<bool> NewSignal() => new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);

        private bool CanEnter(Held held)
        {
            if (held.Exclusive != null && _holders.ContainsKey((held.Destination, held.Exclusive.Value)))
            {
                return false;
            }

            foreach ((string, Digest) key in held.Shared)
            {
                if (_holders.TryGetValue(key, out int state) && state < 0)
                {
                    return false;
                }
            }

            return true;
        }

        private void Exit(Held held)
        {
            TaskCompletionSource<bool> waiters;
            lock (_sync)
            {
                if (held.Exclusive != null)
                {
                    _holders.Remove((held.Destination, held.Exclusive.Value));
                }

                foreach ((string, Digest) key in held.Shared)
                {
                    int readers = _holders[key] - 1;
                    if (readers == 0)
                    {
                        _holders.Remove(key);
                    }
                    else
                    {
                        _holders[key] = readers;
                    }
                }

                waiters = _changed;
                _changed = NewSignal();
            }

            waiters.TrySetResult(true);
        }

        private sealed class Held : IDisposable
        {
            private readonly WriteGate _gate;
            private int _disposed;

            public Held(WriteGate gate, string destination, Digest? exclusive, List<(string, Digest)> shared)
            {
                _gate = gate;
                Destination = destination;
                Exclusive = exclusive;
                Shared = shared;
            }

            public string Destination { get; }

            public Digest? Exclusive { get; }

            public List<(string, Digest)> Shared { get; }

            public void Dispose()
            {
                if (Interlocked.Exchange(ref _disposed, 1) == 0)
                {
                    _gate.Exit(this);
                }
            }
        }
    }
}
