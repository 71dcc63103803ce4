using System.Collections.Concurrent;
using System.Linq;
using OciMirror.Core.Model;

namespace OciMirror.Core.Tests.TestDoubles
{
    /// <summary>Thread-safe per-digest counters of storage calls.</summary>
    public sealed class AccessCounts
    {
        public ConcurrentDictionary<Digest, int> Fetches { get; } = new ConcurrentDictionary<Digest, int>();

        public ConcurrentDictionary<Digest, int> Pushes { get; } = new ConcurrentDictionary<Digest, int>();

        public ConcurrentDictionary<Digest, int> Exists { get; } = new ConcurrentDictionary<Digest, int>();

        public ConcurrentDictionary<Digest, int> Mounts { get; } = new ConcurrentDictionary<Digest, int>();

        public ConcurrentDictionary<Digest, int> MountAttempts { get; } = new ConcurrentDictionary<Digest, int>();

        public int TotalFetches => Fetches.Values.Sum();

        public int TotalPushes => Pushes.Values.Sum();

        public static int Get(ConcurrentDictionary<Digest, int> map, Digest digest) => map.TryGetValue(digest, out int n) ? n : 0;

        public static void Add(ConcurrentDictionary<Digest, int> map, Digest digest) => map.AddOrUpdate(digest, 1, (_, n) => n + 1);

        public void Reset()
        {
            Fetches.Clear();
            Pushes.Clear();
            Exists.Clear();
            Mounts.Clear();
            MountAttempts.Clear();
        }
    }
}
