using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Content;
using OciMirror.Core.Copy;
using OciMirror.Core.Model;
using OciMirror.Core.Referrers;

namespace OciMirror.Core.Operations
{
    /// <summary>
    /// What an import learns about referrers while it runs: which roots (and platform manifests) it put in
    /// the destination, so that with a platform selection only referrers of those follow; and, after each
    /// root with a subject is in, that it is discoverable from its subject (<see cref="ReferrerPublisher"/>).
    /// Thread-safe.
    /// </summary>
    internal sealed class ReferrerImportState
    {
        private readonly ReferrerPublisher _publisher;
        private readonly ConcurrentDictionary<Digest, byte> _imported = new ConcurrentDictionary<Digest, byte>();

        public ReferrerImportState(ReferrerPublisher publisher)
        {
            _publisher = publisher;
        }

        /// <summary>True when the import put <paramref name="digest"/> (a root, or a manifest of an imported index) in the destination.</summary>
        public bool Imported(Digest digest) => _imported.ContainsKey(digest);

        /// <summary>Called once <paramref name="plan"/>'s root is in <paramref name="repository"/> (copied, or found there).</summary>
        public async Task AfterImportAsync(CopyPlan plan, IReadOnlyStorage source, ITarget repository, CopySession session, CancellationToken cancellationToken)
        {
            _imported.TryAdd(plan.Root.Digest, 0);
            if (plan.RootInfo.IsIndex)
            {
                foreach (Descriptor child in plan.RootInfo.Children)
                {
                    _imported.TryAdd(child.Digest, 0);
                }
            }

            if (plan.RootInfo.Subject != null)
            {
                byte[] content = await session.GetManifestAsync(source, plan.Root, cancellationToken).ConfigureAwait(false);
                await _publisher.PublishAsync(repository, plan.Root, content, cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
