using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
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
        /// Copies one blob. To a registry repository (an <see cref="IBlobMounter"/>) it first looks for a
        /// repository of the same registry that has the blob — the source repository, one where it was
        /// found present, or one this session uploads it to (awaiting that upload) — and mounts from it,
        /// falling back to fetch+push when the registry declines.
        /// </summary>
        private async Task CopyBlobAsync(CopyContext context, Descriptor node, CancellationToken cancellationToken)
        {
            if (context.Destination is IBlobMounter repository)
            {
                string? from = null;
                if (context.Source is IBlobMounter sourceRepository && sourceRepository.RegistryName == repository.RegistryName
                    && sourceRepository.RepositoryName != repository.RepositoryName)
                {
                    from = sourceRepository.RepositoryName;
                }
                else
                {
                    bool uploaded = false;
                    try
                    {
                        (string home, bool owner) = await _registryBlobs.RunAsync(
                            (repository.RegistryName, node.Digest),
                            async token =>
                            {
                                uploaded = true;
                                await PushBlobAsync(context, node, repair: false, token).ConfigureAwait(false);
                                return repository.RepositoryName;
                            },
                            cancellationToken).ConfigureAwait(false);
                        if (owner)
                        {
                            return;
                        }

                        from = home;
                    }
                    catch (Exception e) when (!uploaded && !(e is OperationCanceledException))
                    {
                        // The upload to another repository failed; this repository tries on its own.
                        from = null;
                    }
                }

                if (from != null && from != repository.RepositoryName && await MountAsync(context, repository, node, from, cancellationToken).ConfigureAwait(false))
                {
                    return;
                }
            }

            await PushBlobAsync(context, node, repair: false, cancellationToken).ConfigureAwait(false);
        }

        /// <summary>
        /// Records that <paramref name="repository"/> of <paramref name="registry"/> holds <paramref name="digest"/>
        /// (uploaded before the copy, for example while a stream was read), so that copies of it to other
        /// repositories of that registry mount it from there.
        /// </summary>
        internal void SeedBlobHome(string registry, Digest digest, string repository) => _registryBlobs.TrySeed((registry, digest), repository);

        private async Task<bool> MountAsync(CopyContext context, IBlobMounter repository, Descriptor node, string from, CancellationToken cancellationToken)
        {
            bool mounted;
            using IDisposable writing = await _gate.EnterAsync(context.DestinationKey, node.Digest, NoDigests, cancellationToken).ConfigureAwait(false);
            await _limiter.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                mounted = await repository.MountAsync(node, from, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (CopyErrors.IsExpected(e))
            {
                // A refused mount (no pull right on the other repository…) is not fatal: upload instead.
                mounted = false;
            }
            finally
            {
                _limiter.Release();
            }

            if (mounted)
            {
                context.AddMounted();
                Options.NodeMounted?.Invoke(node, from);
            }

            return mounted;
        }

        /// <summary>
        /// Streams one blob from source to destination through verification; never buffers it.
        /// <paramref name="repair"/>: a push that repairs a node counted skipped (see <see cref="CopyContext.AddRepaired"/>).
        /// </summary>
        private async Task PushBlobAsync(CopyContext context, Descriptor node, bool repair, CancellationToken cancellationToken)
        {
            using (await _gate.EnterAsync(context.DestinationKey, node.Digest, NoDigests, cancellationToken).ConfigureAwait(false))
            {
                await PushBlobCoreAsync(context, node, cancellationToken).ConfigureAwait(false);
            }

            MarkVerified(context, node);
            CountPushed(context, node, repair);
        }

        private async Task PushBlobCoreAsync(CopyContext context, Descriptor node, CancellationToken cancellationToken)
        {
            if (context.Destination is IOriginAware origins && context.Source is IBlobMounter from)
            {
                origins.NoteOrigin(node.Digest, from.RegistryName + "/" + from.RepositoryName);
            }

            await _limiter.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                Stream raw;
                try
                {
                    raw = await context.Source.FetchAsync(node, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception e) when (CopyErrors.IsExpected(e))
                {
                    throw CopyErrors.Wrap(e, ErrorSide.Source, node, context.Reference);
                }

                using var content = new CopyReadStream(raw, node, context.Reference, count =>
                {
                    context.AddBytes(count);
                    Options.BytesTransferred?.Invoke(count);
                });
                try
                {
                    await context.Destination.PushAsync(node, content, cancellationToken).ConfigureAwait(false);
                    await content.EnsureVerifiedAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (Exception e) when (CopyErrors.IsExpected(e))
                {
                    throw content.SourceError ?? CopyErrors.Wrap(e, ErrorSide.Destination, node, context.Reference);
                }
            }
            finally
            {
                _limiter.Release();
            }
        }

        /// <summary>
        /// Pushes the cached bytes of a manifest whose <paramref name="children"/> are at the destination,
        /// while no write of one of them runs there (see <see cref="WriteGate"/>); <paramref name="repair"/>
        /// as for <see cref="PushBlobAsync"/>.
        /// </summary>
        private async Task PushManifestAsync(CopyContext context, Descriptor node, byte[] content, IReadOnlyList<Descriptor> children, bool repair, CancellationToken cancellationToken)
        {
            using IDisposable writing = await _gate.EnterAsync(context.DestinationKey, node.Digest, children.Select(c => c.Digest), cancellationToken).ConfigureAwait(false);
            await _limiter.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                // The cached bytes, byte-identical: a manifest is never re-serialized (DESIGN §4).
                using var stream = new MemoryStream(content, writable: false);
                await context.Destination.PushAsync(node, stream, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (CopyErrors.IsExpected(e))
            {
                throw CopyErrors.Wrap(e, ErrorSide.Destination, node, context.Reference);
            }
            finally
            {
                _limiter.Release();
            }

            context.AddBytes(node.Size);
            Options.BytesTransferred?.Invoke(node.Size);
            CountPushed(context, node, repair);
        }

        private void CountPushed(CopyContext context, Descriptor node, bool repair)
        {
            if (repair)
            {
                context.AddRepaired(node.Digest);
            }
            else
            {
                context.AddCopied();
            }

            Options.NodeCopied?.Invoke(node);
        }
    }
}
