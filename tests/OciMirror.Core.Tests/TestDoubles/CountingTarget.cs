using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Content;
using OciMirror.Core.Model;

namespace OciMirror.Core.Tests.TestDoubles
{
    /// <summary>Decorator counting Fetch/Push/Exists per digest on any target (oras-go's storageTracker).</summary>
    public sealed class CountingTarget : ITarget, ITagLister, IBundleCatalog
    {
        private readonly ITarget _inner;

        public CountingTarget(ITarget inner, AccessCounts? counts = null)
        {
            _inner = inner;
            Counts = counts ?? new AccessCounts();
        }

        public AccessCounts Counts { get; }

        public Task<Stream> FetchAsync(Descriptor target, CancellationToken cancellationToken)
        {
            AccessCounts.Add(Counts.Fetches, target.Digest);
            return _inner.FetchAsync(target, cancellationToken);
        }

        public Task<bool> ExistsAsync(Descriptor target, CancellationToken cancellationToken)
        {
            AccessCounts.Add(Counts.Exists, target.Digest);
            return _inner.ExistsAsync(target, cancellationToken);
        }

        public async Task PushAsync(Descriptor expected, Stream content, CancellationToken cancellationToken)
        {
            await _inner.PushAsync(expected, content, cancellationToken).ConfigureAwait(false);
            AccessCounts.Add(Counts.Pushes, expected.Digest);
        }

        public Task<Descriptor> ResolveAsync(string reference, CancellationToken cancellationToken) => _inner.ResolveAsync(reference, cancellationToken);

        public Task TagAsync(Descriptor target, string reference, CancellationToken cancellationToken) => _inner.TagAsync(target, reference, cancellationToken);

        public Task<IReadOnlyList<string>> ListTagsAsync(CancellationToken cancellationToken) => ((ITagLister)_inner).ListTagsAsync(cancellationToken);

        public Task<IReadOnlyList<BundleEntry>> ListEntriesAsync(CancellationToken cancellationToken) => ((IBundleCatalog)_inner).ListEntriesAsync(cancellationToken);
    }
}
