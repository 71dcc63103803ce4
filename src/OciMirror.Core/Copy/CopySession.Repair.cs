using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.ExceptionServices;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Diagnostics;
using OciMirror.Core.Errors;
using OciMirror.Core.Model;

namespace OciMirror.Core.Copy
{
    /// <summary>
    /// Self-healing (oras-go copy.go): the engine skips a node the destination reports present and trusts
    /// that its children are there too. A registry left half-written, or one whose garbage collector
    /// removed blobs, breaks that trust; the manifest push then fails with MANIFEST_BLOB_UNKNOWN,
    /// BLOB_UNKNOWN or MANIFEST_UNKNOWN. The node's children are then copied again without asking the
    /// destination (blobs re-pushed; child manifests re-pushed, repairing their own children only when
    /// their push fails the same way) and the push is retried once.
    /// </summary>
    public sealed partial class CopySession
    {
        private static readonly string[] RepairableCodes = { "MANIFEST_BLOB_UNKNOWN", "BLOB_UNKNOWN", "MANIFEST_UNKNOWN" };

        /// <summary>Forced re-copies, once per destination and node for the session: artifacts sharing a lost node await one repair.</summary>
        private readonly SharedWork<(string Destination, Digest Digest), bool> _repairs = new SharedWork<(string, Digest), bool>();

        /// <summary>True for a destination error saying that content a manifest references is missing.</summary>
        private static bool IsRepairable(OciException error) =>
            error.Side == ErrorSide.Destination && error.RegistryErrorCodes.Any(c => RepairableCodes.Contains(c, StringComparer.OrdinalIgnoreCase));

        /// <summary>
        /// Pushes a manifest whose <paramref name="children"/> are at the destination (copied, or reported
        /// present); when the destination refuses it for a missing child, repairs the children and retries
        /// once. Holds no concurrency slot while the children are repaired.
        /// </summary>
        /// <exception cref="OciException">The push failed; after a repair, the first refusal with a sentence saying so.</exception>
        private async Task PushManifestHealingAsync(CopyContext context, Descriptor node, byte[] content, IReadOnlyList<Descriptor> children, bool repair, CancellationToken cancellationToken)
        {
            OciException refused;
            try
            {
                await PushManifestAsync(context, node, content, children, repair, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (OciException e) when (children.Count > 0 && IsRepairable(e))
            {
                refused = e;
            }

            // The children's regular copies completed before the push (the caller awaited them), so a
            // forced copy never overlaps one; concurrent repairs of a shared child share one run.
            Task[] repairs = children.Select(child => RepairNodeAsync(context, child, cancellationToken)).ToArray();
            try
            {
                await Task.WhenAll(repairs).ConfigureAwait(false);
            }
            catch (Exception)
            {
                Exception? cause = FirstChildError(repairs);
                if (cause == null)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    throw;
                }

                if (!CopyErrors.IsExpected(cause))
                {
                    ExceptionDispatchInfo.Capture(cause).Throw();
                }

                throw RepairFailed(refused, $"A repair was attempted (copying its {children.Count} children again), but it failed: {cause.Message}", cause);
            }

            try
            {
                await PushManifestAsync(context, node, content, children, repair, cancellationToken).ConfigureAwait(false);
            }
            catch (OciException e)
            {
                throw RepairFailed(refused, $"A repair was attempted: its {children.Count} children were copied again and the push was retried once, but it failed again{(e.Message == refused.Message ? "." : ": " + e.Message)}", e);
            }

            Options.Log?.Log(LogLevel.Verbose, $"Repaired {node.Digest}{Of(context)}: the destination refused it ({string.Join(", ", refused.RegistryErrorCodes)}) although it reported its children present; after copying its {children.Count} children again the push succeeded.");
        }

        /// <summary>Copies <paramref name="node"/> again without asking the destination, once per session; other callers await that run.</summary>
        private async Task RepairNodeAsync(CopyContext context, Descriptor node, CancellationToken cancellationToken)
        {
            await _repairs.RunAsync(
                (context.DestinationKey, node.Digest),
                token => ForceCopyAsync(context, node, token),
                cancellationToken).ConfigureAwait(false);
        }

        private async Task<bool> ForceCopyAsync(CopyContext context, Descriptor node, CancellationToken cancellationToken)
        {
            if (!IsManifest(node, isRoot: false))
            {
                await PushBlobAsync(context, node, repair: true, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                byte[] content = await GetManifestCoreAsync(context.Source, node, context.Reference, ErrorSide.Source, cancellationToken).ConfigureAwait(false);
                ManifestInfo info = Parse(node, content, context.Reference, ErrorSide.Source);
                await PushManifestHealingAsync(context, AsDeclared(node, info), content, info.Children, repair: true, cancellationToken).ConfigureAwait(false);
            }

            Options.Log?.Log(LogLevel.Verbose, $"Repair{Of(context)}: pushed {node.Digest} ({node.Size} bytes) again without trusting the destination's existence check.");
            return true;
        }

        private static string Of(CopyContext context) => context.Reference == null ? string.Empty : " of " + context.Reference;

        /// <summary>The first refusal, its message extended by <paramref name="sentence"/>; <paramref name="cause"/> is the inner exception.</summary>
        private static OciException RepairFailed(OciException refused, string sentence, Exception cause) =>
            new OciException(refused.Kind, refused.Message + " " + sentence, cause)
            {
                Side = refused.Side,
                Reference = refused.Reference,
                Path = refused.Path,
                Digest = refused.Digest,
                Registry = refused.Registry,
                StatusCode = refused.StatusCode,
                RegistryErrorCodes = refused.RegistryErrorCodes,
                RecommendedAction = refused.RecommendedAction
                    ?? "The destination reports content present that it does not serve; ask its administrator to check its storage (or garbage collection), or delete the repository and copy again.",
            };
    }
}
