using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Content;
using OciMirror.Core.Copy;
using OciMirror.Core.Diagnostics;
using OciMirror.Core.Errors;
using OciMirror.Core.Model;
using OciMirror.Core.References;
using OciMirror.Core.Referrers;

namespace OciMirror.Core.Operations
{
    public sealed partial class ImportOperation
    {
        /// <summary>
        /// The second phase of an import: the referrers carried with the artifacts, shallow ones first, each
        /// reported with its subject. With a platform selection, a referrer whose subject the bundle holds
        /// but the import left out (another platform, the whole index) is left out too.
        /// </summary>
        private async Task<IReadOnlyList<ArtifactResult>> ImportReferrersAsync(IReadOnlyList<ReferrerImportItem> referrers, IReadOnlyTarget bundle, IRepositoryProvider provider, RegistryDestination destination, CopySession session, IOperationObserver observer, ProgressRelay relay, Func<BundleEntry, OciException?>? checkComplete, ReferrerImportState carried, CancellationToken cancellationToken)
        {
            var items = new List<ReferrerImportItem>();
            foreach (ReferrerImportItem item in referrers)
            {
                if (Request.Platforms.IsEmpty || await FollowsImportedAsync(bundle, item.Subject, carried, session, cancellationToken).ConfigureAwait(false))
                {
                    items.Add(item);
                }
                else
                {
                    observer.Log(LogLevel.Verbose, $"{item.Entry} is left out: it refers to {item.Subject}, which the platform selection left out.");
                }
            }

            if (items.Count == 0)
            {
                return Array.Empty<ArtifactResult>();
            }

            return await ReferrerLevels.RunAsync(
                items,
                item => item.Depth,
                count => $"Importing {count} referrers from {BundleName} to {destination}",
                Request.Concurrency,
                (item, progress, token) => ImportReferrerAsync(item, bundle, provider, destination, session, observer, progress, checkComplete, carried, token),
                item => item.Entry.ToString(),
                observer,
                progress => relay.Current = progress,
                cancellationToken).ConfigureAwait(false);
        }

        /// <summary>True when the subject chain reaches something this import put in the destination, or leaves the bundle (then the destination decides).</summary>
        private static async Task<bool> FollowsImportedAsync(IReadOnlyTarget bundle, Digest subject, ReferrerImportState carried, CopySession session, CancellationToken cancellationToken)
        {
            for (int depth = 0; depth < ReferrerDiscovery.MaxDepth; depth++)
            {
                if (carried.Imported(subject))
                {
                    return true;
                }

                Descriptor? held = await FindAsync(bundle, subject, ErrorSide.Source, cancellationToken).ConfigureAwait(false);
                if (held == null)
                {
                    return true;
                }

                Descriptor? next = ReferrerManifest.Parse(held, await session.GetManifestAsync(bundle, held, cancellationToken).ConfigureAwait(false)).Subject;
                if (next == null)
                {
                    return false;
                }

                subject = next.Digest;
            }

            return false;
        }

        /// <summary>
        /// Imports a referrer carried with its subject. Its subject must be in the bundle (it is copied with
        /// it) or already in the destination repository (issue 7 item 7: signatures and SBOMs travel without
        /// their images); otherwise it fails alone, saying so, and nothing is written for it.
        /// </summary>
        private async Task<ArtifactResult> ImportReferrerAsync(ReferrerImportItem item, IReadOnlyTarget bundle, IRepositoryProvider provider, RegistryDestination destination, CopySession session, IOperationObserver observer, OperationProgress progress, Func<BundleEntry, OciException?>? checkComplete, ReferrerImportState carried, CancellationToken cancellationToken)
        {
            string input = item.Entry.ToString();
            string subject = item.Subject.ToString();
            ImportNaming naming;
            try
            {
                naming = ImportNaming.For(item.Entry, destination, Request.Scoped);
            }
            catch (OciException e)
            {
                return ArtifactResults.Failed(input, input, null, e, subject);
            }

            try
            {
                Digest? missing = await MissingSubjectAsync(bundle, provider.GetRepository(naming.Repository), item.Subject, session, cancellationToken).ConfigureAwait(false);
                if (missing != null)
                {
                    return ArtifactResults.Failed(input, input, naming.Display, SubjectMissing(input, item.Subject, missing.Value, naming), subject);
                }
            }
            catch (OciException e)
            {
                return ArtifactResults.Failed(input, input, naming.Display, e, subject);
            }

            return await ImportOneAsync(item.Entry, input, bundle, provider, destination, session, observer, progress, checkComplete, carried, subject, cancellationToken).ConfigureAwait(false);
        }

        /// <summary>
        /// The first subject along the chain from <paramref name="subject"/> (a referrer of a referrer refers
        /// on) that is neither in the bundle nor in <paramref name="repository"/>; null when the chain ends in
        /// content that is somewhere.
        /// </summary>
        private static async Task<Digest?> MissingSubjectAsync(IReadOnlyTarget bundle, ITarget repository, Digest subject, CopySession session, CancellationToken cancellationToken)
        {
            for (int depth = 0; depth < ReferrerDiscovery.MaxDepth; depth++)
            {
                Descriptor? held = await FindAsync(bundle, subject, ErrorSide.Source, cancellationToken).ConfigureAwait(false);
                if (held == null)
                {
                    return await FindAsync(repository, subject, ErrorSide.Destination, cancellationToken).ConfigureAwait(false) == null ? subject : (Digest?)null;
                }

                Descriptor? next = ReferrerManifest.Parse(held, await session.GetManifestAsync(bundle, held, cancellationToken).ConfigureAwait(false)).Subject;
                if (next == null)
                {
                    return null;
                }

                subject = next.Digest;
            }

            return null;
        }

        /// <summary>The manifest <paramref name="digest"/> of <paramref name="storage"/>, or null.</summary>
        private static async Task<Descriptor?> FindAsync(IResolvable storage, Digest digest, ErrorSide side, CancellationToken cancellationToken)
        {
            try
            {
                return await storage.ResolveAsync(digest.ToString(), cancellationToken).ConfigureAwait(false);
            }
            catch (OciException e) when (e.Kind == OciErrorKind.NotFound)
            {
                return null;
            }
            catch (Exception e) when (CopyErrors.IsExpected(e))
            {
                throw CopyErrors.Wrap(e, side, null, digest.ToString());
            }
        }

        private OciException SubjectMissing(string input, Digest subject, Digest missing, ImportNaming naming) =>
            new OciException(OciErrorKind.NotFound, $"'{input}' was not imported: it refers to {subject}{(missing == subject ? string.Empty : ", which in the end refers to " + missing)}, which is neither in bundle '{BundleName}' nor in {naming.Repository.Name}.")
            {
                Side = ErrorSide.Destination,
                Digest = missing,
                Reference = naming.Display,
                RecommendedAction = $"Import the image {missing} into {naming.Repository.Name} first (or a bundle that holds it), then import this bundle again; the other artifacts were imported.",
            };
    }
}
