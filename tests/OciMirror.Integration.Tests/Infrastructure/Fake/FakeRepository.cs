using System;
using System.Collections.Generic;

namespace OciMirror.Integration.Tests.Infrastructure.Fake
{
    /// <summary>One repository of a <see cref="FakeRegistry"/>: the blobs linked into it, its manifests and its tags. Guarded by the registry's lock.</summary>
    internal sealed class FakeRepository
    {
        public HashSet<string> Blobs { get; } = new HashSet<string>(StringComparer.Ordinal);

        public Dictionary<string, FakeManifest> Manifests { get; } = new Dictionary<string, FakeManifest>(StringComparer.Ordinal);

        public SortedDictionary<string, string> Tags { get; } = new SortedDictionary<string, string>(StringComparer.Ordinal);
    }
}
