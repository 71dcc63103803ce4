using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Content;
using OciMirror.Core.Copy;
using OciMirror.Core.Diagnostics;
using OciMirror.Core.Errors;
using OciMirror.Core.Model;
using OciMirror.Core.Platforms;

namespace OciMirror.Core.Operations
{
    public sealed partial class ImportOperation
    {
        /// <summary>
        /// What to import of an entry when no platform was asked for. An index of which the bundle holds
        /// only one platform's manifest (Docker 25+ <c>docker save</c>) becomes that manifest, with its own
        /// digest (nothing is rewritten), and the observer is told that the tag will point at it; otherwise
        /// the entry's root, unfiltered.
        /// </summary>
        /// <exception cref="OciException">NotFound: the bundle holds several of the index's platforms but not all, or none.</exception>
        private async Task<PlatformChoice> PresentPlatformAsync(BundleEntry entry, IReadOnlyTarget bundle, CopySession session, string display, ILogSink log, CancellationToken cancellationToken)
        {
            Descriptor root = entry.Descriptor;
            if (MediaTypes.IsManifest(root.MediaType))
            {
                return PlatformChoice.Unfiltered(root);
            }

            byte[] content = await session.GetManifestAsync(bundle, root, cancellationToken).ConfigureAwait(false);
            ManifestInfo info = ManifestInfo.Parse(root, content);
            PartialIndex partial = await PartialIndex.InspectAsync(bundle, info, cancellationToken).ConfigureAwait(false);
            if (!partial.IsPartial)
            {
                return PlatformChoice.Unfiltered(root);
            }

            string listed = string.Join(", ", info.Children.Where(c => !PartialIndex.IsAttestation(c)).Select(PartialIndex.Describe));
            if (partial.Platforms.Count == 1)
            {
                Descriptor child = partial.Platforms[0];
                log.Log(LogLevel.Warning, $"'{entry}' is an index of {listed}, of which bundle '{BundleName}' holds only {PartialIndex.Describe(child)} (docker save of Docker 25+ writes such bundles). Importing that platform's manifest {child.Digest}: {display} will point at it, not at the index {root.Digest}.");
                return new PlatformChoice(
                    PlatformChoiceKind.Child,
                    root,
                    new Descriptor(child.MediaType, child.Digest, child.Size, null, child.Platform, child.ArtifactType, child.Urls),
                    child.Platform == null ? Array.Empty<Platform>() : new[] { child.Platform },
                    $"the bundle holds only {PartialIndex.Describe(child)} of the index {root.Digest}: that platform's manifest is imported, and the tag points at it");
            }

            string held = partial.Platforms.Count == 0 ? "none of them" : "only " + string.Join(", ", partial.Platforms.Select(PartialIndex.Describe));
            throw new OciException(OciErrorKind.NotFound, $"'{entry}' is an index of {listed}, and bundle '{BundleName}' holds {held}; the index cannot be imported without its other manifests.")
            {
                Digest = root.Digest,
                Reference = entry.ToString(),
                Path = BundleName,
                RecommendedAction = partial.Platforms.Count == 0
                    ? "Export the image again with its platforms' manifests, or import another entry."
                    : "Import one of the platforms the bundle holds (--platform, -Platform), or export the image again with all its platforms.",
            };
        }

        /// <summary>
        /// A platform asked for (<c>--platform</c>) of an index the bundle holds only partly: fails clearly,
        /// listing the platforms it holds, when the chosen manifest is not in the bundle.
        /// </summary>
        /// <exception cref="OciException">NotFound naming the platform and what the bundle holds.</exception>
        private async Task CheckChosenPresentAsync(PlatformChoice choice, BundleEntry entry, IReadOnlyTarget bundle, CopySession session, CancellationToken cancellationToken)
        {
            if (choice.Kind != PlatformChoiceKind.Child || await bundle.ExistsAsync(choice.Root, cancellationToken).ConfigureAwait(false))
            {
                return;
            }

            ManifestInfo info = ManifestInfo.Parse(choice.Resolved, await session.GetManifestAsync(bundle, choice.Resolved, cancellationToken).ConfigureAwait(false));
            PartialIndex partial = await PartialIndex.InspectAsync(bundle, info, cancellationToken).ConfigureAwait(false);
            string held = partial.Platforms.Count == 0 ? "none of its platforms" : "only " + string.Join(", ", partial.Platforms.Select(PartialIndex.Describe));
            throw new OciException(OciErrorKind.NotFound, $"'{entry}': the manifest of platform {PartialIndex.Describe(choice.Root)} ({choice.Root.Digest}) is not in bundle '{BundleName}', which holds {held} of the index {choice.Resolved.Digest}.")
            {
                Digest = choice.Root.Digest,
                Reference = entry.ToString(),
                Path = BundleName,
                RecommendedAction = "Ask for a platform the bundle holds, or export the image again with that platform.",
            };
        }
    }
}
