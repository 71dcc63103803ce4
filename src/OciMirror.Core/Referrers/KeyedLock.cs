using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace OciMirror.Core.Referrers
{
    /// <summary>
    /// Mutual exclusion per string key, asynchronous, with entries removed when nobody holds or waits for
    /// them (memory stays flat however many keys pass). <see cref="Process"/> is shared by every operation
    /// of the process, so that two imports running side by side never read-modify-write one referrers tag
    /// at the same time.
    /// </summary>
    internal sealed class KeyedLock
    {
        /// <summary>The lock every operation of this process uses for referrers tags.</summary>
        public static readonly KeyedLock Process = new KeyedLock();

        private readonly Dictionary<string, Entry> _entries = new Dictionary<string, Entry>(StringComparer.Ordinal);

        /// <summary>Waits for <paramref name="key"/>; dispose the result to release it.</summary>
        public async Task<IDisposable> AcquireAsync(string key, CancellationToken cancellationToken)
        {
            Entry entry;
            lock (_entries)
            {
                if (!_entries.TryGetValue(key, out entry!))
                {
                    entry = new Entry();
                    _entries.Add(key, entry);
                }

                entry.Users++;
            }

            try
            {
                await entry.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                Leave(key, entry);
                throw;
            }

            return new Holder(this, key, entry);
        }

        /// <summary>Keys currently held or awaited (for tests: zero once every holder released).</summary>
        internal int Count
        {
            get
            {
                lock (_entries)
                {
                    return _entries.Count;
                }
            }
        }

        private void Leave(string key, Entry entry)
        {
            lock (_entries)
            {
                if (--entry.Users == 0)
                {
                    _entries.Remove(key);
                    entry.Gate.Dispose();
                }
            }
        }

        private sealed class Entry
        {
            public SemaphoreSlim Gate { get; } = new SemaphoreSlim(1, 1);

            public int Users { get; set; }
        }

        private sealed class Holder : IDisposable
        {
            private readonly KeyedLock _owner;
            private readonly string _key;
            private Entry? _entry;

            public Holder(KeyedLock owner, string key, Entry entry)
            {
                _owner = owner;
                _key = key;
                _entry = entry;
            }

            public void Dispose()
            {
                Entry? entry = Interlocked.Exchange(ref _entry, null);
                if (entry != null)
                {
                    entry.Gate.Release();
                    _owner.Leave(_key, entry);
                }
            }
        }
    }
}
