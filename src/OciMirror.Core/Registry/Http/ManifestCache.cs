using System.Collections.Generic;
using OciMirror.Core.Model;

namespace OciMirror.Core.Registry.Http
{
    /// <summary>
    /// Manifest bytes a repository recently resolved, fetched or pushed, so that the FetchAsync after a
    /// GET-based resolve and the TagAsync after a push cost no extra request. Bounded (8 MiB per
    /// repository, oldest evicted first) so a long sync keeps flat memory.
    /// </summary>
    internal sealed class ManifestCache
    {
        private const long Capacity = 8L * 1024 * 1024;
        private readonly object _gate = new object();
        private readonly Dictionary<Digest, byte[]> _entries = new Dictionary<Digest, byte[]>();
        private readonly Queue<Digest> _order = new Queue<Digest>();
        private long _bytes;

        /// <summary>Remembers <paramref name="content"/> (at most <see cref="OciLimits.MaxManifestBytes"/>).</summary>
        public void Add(Digest digest, byte[] content)
        {
            if (content.LongLength > OciLimits.MaxManifestBytes)
            {
                return;
            }

            lock (_gate)
            {
                if (_entries.ContainsKey(digest))
                {
                    return;
                }

                _entries[digest] = content;
                _order.Enqueue(digest);
                _bytes += content.LongLength;
                while (_bytes > Capacity && _order.Count > 1)
                {
                    Digest oldest = _order.Dequeue();
                    _bytes -= _entries[oldest].LongLength;
                    _entries.Remove(oldest);
                }
            }
        }

        /// <summary>The cached bytes of <paramref name="digest"/>, or null.</summary>
        public byte[]? TryGet(Digest digest)
        {
            lock (_gate)
            {
                return _entries.TryGetValue(digest, out byte[]? content) ? content : null;
            }
        }
    }
}
