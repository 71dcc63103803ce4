using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Runtime.ExceptionServices;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Content;
using OciMirror.Core.Errors;
using OciMirror.Core.Model;

namespace OciMirror.Core.Copy
{
    /// <summary>
    /// The copy engine (DESIGN §6): copies the DAG under a root from a source storage to a destination
    /// storage, children before parents. One session serves every artifact of an operation so that a
    /// node shared by several parents or artifacts is copied once per destination while every other
    /// visitor awaits that copy; manifests are read once (4 MiB cap) and pushed from the same bytes;
    /// content present at the destination is skipped with its subtree; blobs shared between
    /// repositories of one destination registry are mounted. A manifest the destination refuses because a
    /// child it reported present is missing gets its children copied again and is retried once
    /// (CopySession.Repair.cs). Safe for concurrent calls. The session
    /// does not own the storages passed to it; dispose the session when the operation ends.
    /// </summary>
    public sealed partial class CopySession : IDisposable
    {
        private readonly SemaphoreSlim _limiter;
        private readonly SharedWork<(string Destination, Digest Digest), bool> _nodes = new SharedWork<(string, Digest), bool>();
        private readonly SharedWork<Digest, byte[]> _manifests = new SharedWork<Digest, byte[]>();
        private readonly SharedWork<(string Registry, Digest Digest), string> _registryBlobs = new SharedWork<(string, Digest), string>();
        private readonly ConcurrentDictionary<(string Destination, Digest Digest), bool> _existence = new ConcurrentDictionary<(string, Digest), bool>();
        private readonly WriteGate _gate = new WriteGate();
        private static readonly Digest[] NoDigests = new Digest[0];

        /// <summary>Creates a session; <paramref name="options"/> null means the defaults. The options must not change afterwards.</summary>
        public CopySession(CopyOptions? options = null)
        {
            Options = options ?? new CopyOptions();
            _limiter = new SemaphoreSlim(Options.Concurrency, Options.Concurrency);
        }

        public CopyOptions Options { get; }

        /// <inheritdoc cref="CopyAsync(IReadOnlyStorage, Descriptor, IStorage, string, CancellationToken)"/>
        public Task<CopyStats> CopyAsync(IReadOnlyStorage source, Descriptor root, IStorage destination, CancellationToken cancellationToken) =>
            CopyAsync(source, root, destination, null, cancellationToken);

        /// <summary>
        /// Copies <paramref name="root"/> and everything under it from <paramref name="source"/> to
        /// <paramref name="destination"/>; it does not tag. When it returns, the destination has the whole
        /// graph. The first failure cancels the rest of this call (not other calls of the session) and is
        /// the exception thrown. <paramref name="reference"/> only names the artifact in errors.
        /// </summary>
        /// <exception cref="OciException">The first failure, with Side, Digest and Reference set (DigestMismatch, ContentTooLarge, UnsupportedMediaType for schema 1, NotFound, IOFailed…).</exception>
        /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
        public async Task<CopyStats> CopyAsync(IReadOnlyStorage source, Descriptor root, IStorage destination, string? reference, CancellationToken cancellationToken)
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

            using var context = new CopyContext(source, destination, reference, cancellationToken);
            try
            {
                await CopyNodeAsync(context, root, isRoot: true).ConfigureAwait(false);
            }
            catch (Exception) when (context.FirstError != null)
            {
                ExceptionDispatchInfo.Capture(context.FirstError).Throw();
            }

            return context.ToStats();
        }

        public void Dispose() => _limiter.Dispose();

        private static bool IsManifest(Descriptor node, bool isRoot) => isRoot || MediaTypes.IsManifestOrIndex(node.MediaType)
            || node.MediaType == MediaTypes.DockerSchema1 || node.MediaType == MediaTypes.DockerSchema1Signed;

        private async Task CopyNodeAsync(CopyContext context, Descriptor node, bool isRoot)
        {
            bool firstVisit = context.Visit(node.Digest);
            try
            {
                (bool _, bool owner) = await _nodes.RunAsync(
                    (context.DestinationKey, node.Digest),
                    token => CopyOwnedNodeAsync(context, node, isRoot, token),
                    context.Token).ConfigureAwait(false);
                if (!owner && firstVisit)
                {
                    // Another artifact (or an earlier visit) copied it; this one only waited for it.
                    context.AddSkipped(node.Digest);
                }
            }
            catch (Exception e)
            {
                context.Fail(e);
                throw;
            }
        }

        private async Task<bool> CopyOwnedNodeAsync(CopyContext context, Descriptor node, bool isRoot, CancellationToken cancellationToken)
        {
            if (await ExistsAsync(context.Destination, context.DestinationKey, node, context.Reference, consume: true, cancellationToken).ConfigureAwait(false))
            {
                // The destination's copy says nothing about the source's: a damaged bundle must not be tagged.
                await VerifySourceNodeAsync(context, node, isRoot, cancellationToken).ConfigureAwait(false);

                // Post-order pushing means a present manifest has all its children: skip the subtree.
                context.AddSkipped(node.Digest);
                Options.NodeSkipped?.Invoke(node);
                if (context.Destination is IBlobMounter repository && !IsManifest(node, isRoot))
                {
                    _registryBlobs.TrySeed((repository.RegistryName, node.Digest), repository.RepositoryName);
                }

                return true;
            }

            if (!IsManifest(node, isRoot))
            {
                await CopyBlobAsync(context, node, cancellationToken).ConfigureAwait(false);
                // A no-op when the blob was pushed (verified while it streamed); a mounted one was not read.
                await VerifySourceNodeAsync(context, node, isRoot, cancellationToken).ConfigureAwait(false);

                return true;
            }

            byte[] content = await GetManifestCoreAsync(context.Source, node, context.Reference, ErrorSide.Source, cancellationToken).ConfigureAwait(false);
            ManifestInfo info = Parse(node, content, context.Reference, ErrorSide.Source);
            if (info.Children.Count > 0)
            {
                var children = new Task[info.Children.Count];
                for (int i = 0; i < children.Length; i++)
                {
                    children[i] = CopyNodeAsync(context, info.Children[i], isRoot: false);
                }

                // No concurrency slot is held here: waiting children cannot starve the limiter.
                await AwaitChildrenAsync(children, cancellationToken).ConfigureAwait(false);
            }

            // With the media type its own bytes declare: a registry refuses a Docker manifest sent as OCI (DESIGN §4).
            await PushManifestHealingAsync(context, AsDeclared(node, info), content, info.Children, repair: false, cancellationToken).ConfigureAwait(false);
            MarkVerified(context, node); // its bytes were verified when read, its children by their own nodes
            return true;
        }

        /// <summary>
        /// Awaits every child. On failure it reports this subtree's own cause, not a sibling's cancellation,
        /// to artifacts awaiting this node; when only cancellations came back, the artifact failed elsewhere
        /// (or was cancelled): it cancels this node too, so that a waiter from another artifact takes the
        /// work over instead of inheriting an error from outside its graph.
        /// </summary>
        private static async Task AwaitChildrenAsync(Task[] children, CancellationToken cancellationToken)
        {
            try
            {
                await Task.WhenAll(children).ConfigureAwait(false);
            }
            catch (Exception)
            {
                Exception? cause = FirstChildError(children);
                if (cause != null)
                {
                    ExceptionDispatchInfo.Capture(cause).Throw();
                }

                cancellationToken.ThrowIfCancellationRequested();
                throw;
            }
        }

        private static Exception? FirstChildError(Task[] children)
        {
            foreach (Task child in children)
            {
                if (child.IsFaulted && child.Exception != null)
                {
                    foreach (Exception e in child.Exception.InnerExceptions)
                    {
                        if (!(e is OperationCanceledException))
                        {
                            return e;
                        }
                    }
                }
            }

            return null;
        }

        private static ManifestInfo Parse(Descriptor node, byte[] content, string? reference, ErrorSide side)
        {
            try
            {
                return ManifestInfo.Parse(node, content);
            }
            catch (OciException e)
            {
                throw CopyErrors.Wrap(e, side, node, reference);
            }
        }
    }
}
