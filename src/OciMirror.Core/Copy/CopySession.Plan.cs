using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Content;
using OciMirror.Core.Errors;
using OciMirror.Core.Model;

namespace OciMirror.Core.Copy
{
    public sealed partial class CopySession
    {
        /// <summary>
        /// Walks the graph under <paramref name="root"/> without writing anything: counts its unique nodes
        /// and bytes and what <paramref name="destination"/> lacks. Children of a node the destination has
        /// are taken as present (post-order pushing). Manifests are read through the session cache, from
        /// the destination when it has them and <paramref name="readPresentFromDestination"/> (a bundle:
        /// a re-export fetches nothing from the registry), else from the source. Existence answers are
        /// remembered for the copy that follows.
        /// </summary>
        /// <exception cref="OciException">A manifest could not be read or parsed (schema 1, over 4 MiB, corrupt).</exception>
        public async Task<CopyPlan> PlanAsync(IReadOnlyStorage source, Descriptor root, IReadOnlyStorage destination, bool readPresentFromDestination, CancellationToken cancellationToken)
        {
            if (source == null)
            {
                throw new ArgumentNullException(nameof(source));
            }

            if (root == null)
            {
                throw new ArgumentNullException(nameof(root));
            }

            if (destination == null)
            {
                throw new ArgumentNullException(nameof(destination));
            }

            var state = new PlanState(source, destination, TargetIdentity.Of(destination), readPresentFromDestination);
            ManifestInfo? info = await PlanNodeAsync(state, root, isRoot: true, parentPresent: false, cancellationToken).ConfigureAwait(false);
            return new CopyPlan(root, info!, state.TotalNodes, state.TotalBytes, state.MissingNodes, state.MissingBytes);
        }

        private async Task<ManifestInfo?> PlanNodeAsync(PlanState state, Descriptor node, bool isRoot, bool parentPresent, CancellationToken cancellationToken)
        {
            if (!state.Visited.TryAdd(node.Digest, 0))
            {
                return null;
            }

            bool present = parentPresent
                || await ExistsAsync(state.Destination, state.DestinationKey, node, null, consume: false, cancellationToken).ConfigureAwait(false);
            state.Add(node.Size, present);
            if (!IsManifest(node, isRoot))
            {
                return null;
            }

            bool fromDestination = present && state.ReadPresentFromDestination;
            IFetchable from = fromDestination ? state.Destination : state.Source;
            ErrorSide side = fromDestination ? ErrorSide.Destination : ErrorSide.Source;
            byte[] content;
            try
            {
                content = await GetManifestCoreAsync(from, node, null, side, cancellationToken).ConfigureAwait(false);
            }
            catch (OciException e) when (present && !fromDestination && e.Kind == OciErrorKind.NotFound)
            {
                // The source lacks a node the destination has: the subject of a referrer that travels without
                // its image (issue 7 item 7). The copy will skip it; count it from the destination's copy.
                side = ErrorSide.Destination;
                content = await GetManifestCoreAsync(state.Destination, node, null, side, cancellationToken).ConfigureAwait(false);
            }

            ManifestInfo info = Parse(node, content, null, side);
            var children = new Task[info.Children.Count];
            for (int i = 0; i < children.Length; i++)
            {
                children[i] = PlanNodeAsync(state, info.Children[i], isRoot: false, present, cancellationToken);
            }

            await Task.WhenAll(children).ConfigureAwait(false);
            return info;
        }

        private sealed class PlanState
        {
            private int _totalNodes;
            private long _totalBytes;
            private int _missingNodes;
            private long _missingBytes;

            public PlanState(IReadOnlyStorage source, IReadOnlyStorage destination, string destinationKey, bool readPresentFromDestination)
            {
                Source = source;
                Destination = destination;
                DestinationKey = destinationKey;
                ReadPresentFromDestination = readPresentFromDestination;
            }

            public IReadOnlyStorage Source { get; }

            public IReadOnlyStorage Destination { get; }

            public string DestinationKey { get; }

            public bool ReadPresentFromDestination { get; }

            public ConcurrentDictionary<Digest, byte> Visited { get; } = new ConcurrentDictionary<Digest, byte>();

            public int TotalNodes => Volatile.Read(ref _totalNodes);

            public long TotalBytes => Interlocked.Read(ref _totalBytes);

            public int MissingNodes => Volatile.Read(ref _missingNodes);

            public long MissingBytes => Interlocked.Read(ref _missingBytes);

            public void Add(long size, bool present)
            {
                Interlocked.Increment(ref _totalNodes);
                Interlocked.Add(ref _totalBytes, size);
                if (!present)
                {
                    Interlocked.Increment(ref _missingNodes);
                    Interlocked.Add(ref _missingBytes, size);
                }
            }
        }
    }
}
