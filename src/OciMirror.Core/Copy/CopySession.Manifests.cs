using System;
using System.Collections.Generic;
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
        /// The verified bytes of a manifest or index, read once per session (later calls for the same
        /// digest get the cached bytes, whichever storage they name). Refuses content over
        /// <see cref="CopyOptions.MaxManifestBytes"/> before reading it.
        /// </summary>
        /// <exception cref="OciException">ContentTooLarge, DigestMismatch, NotFound… with Side Source.</exception>
        public Task<byte[]> GetManifestAsync(IFetchable source, Descriptor descriptor, CancellationToken cancellationToken) =>
            GetManifestCoreAsync(source ?? throw new ArgumentNullException(nameof(source)), descriptor ?? throw new ArgumentNullException(nameof(descriptor)), null, ErrorSide.Source, cancellationToken);

        private async Task<byte[]> GetManifestCoreAsync(IFetchable source, Descriptor node, string? reference, ErrorSide side, CancellationToken cancellationToken)
        {
            if (node.Size > Options.MaxManifestBytes)
            {
                throw new OciException(OciErrorKind.ContentTooLarge, $"Manifest {node.Digest} is {node.Size} bytes, over the {Options.MaxManifestBytes}-byte limit for manifests; it is refused rather than buffered.")
                {
                    Side = side,
                    Digest = node.Digest,
                    Reference = reference,
                };
            }

            (byte[] content, bool _) = await _manifests.RunAsync(
                node.Digest,
                async token =>
                {
                    await _limiter.WaitAsync(token).ConfigureAwait(false);
                    try
                    {
                        return await source.FetchAllAsync(node, token, Options.MaxManifestBytes).ConfigureAwait(false);
                    }
                    catch (Exception e) when (CopyErrors.IsExpected(e))
                    {
                        throw CopyErrors.Wrap(e, side, node, reference);
                    }
                    finally
                    {
                        _limiter.Release();
                    }
                },
                cancellationToken).ConfigureAwait(false);
            return content;
        }

        /// <summary>
        /// Existence at a destination, using what a plan of this session learnt. A remembered "missing"
        /// is used once when <paramref name="consume"/> (the copy then pushes, so it is stale afterwards).
        /// </summary>
        private async Task<bool> ExistsAsync(IReadOnlyStorage destination, string destinationKey, Descriptor node, string? reference, bool consume, CancellationToken cancellationToken)
        {
            var key = (destinationKey, node.Digest);
            if (_existence.TryGetValue(key, out bool known))
            {
                if (!known && consume)
                {
                    ((ICollection<KeyValuePair<(string, Digest), bool>>)_existence).Remove(new KeyValuePair<(string, Digest), bool>(key, false));
                }

                return known;
            }

            // Not while this session writes the node there: a registry may answer 404 for content being rewritten.
            using IDisposable reading = await _gate.EnterAsync(destinationKey, null, new[] { node.Digest }, cancellationToken).ConfigureAwait(false);
            await _limiter.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                bool exists = await destination.ExistsAsync(node, cancellationToken).ConfigureAwait(false);
                if (!consume)
                {
                    _existence.TryAdd(key, exists);
                }

                return exists;
            }
            catch (Exception e) when (CopyErrors.IsExpected(e))
            {
                throw CopyErrors.Wrap(e, ErrorSide.Destination, node, reference);
            }
            finally
            {
                _limiter.Release();
            }
        }
    }
}
