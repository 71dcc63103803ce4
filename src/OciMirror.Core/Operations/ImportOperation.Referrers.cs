using System;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Content;
using OciMirror.Core.Copy;
using OciMirror.Core.Errors;
using OciMirror.Core.Model;
using OciMirror.Core.References;
using OciMirror.Core.Referrers;

namespace OciMirror.Core.Operations
{
    public sealed partial class ImportOperation
    {
        /// <summary>
        /// Imports a referrer carried with its subject. Its subject must be in the bundle (it is copied with
        /// it) or already in the destination repository (issue 7 item 7: signatures and SBOMs travel without
        /// their images); otherwise it fails alone, saying so, and nothing is written for it.
        /// </summary>
        private async Task<ArtifactResult> ImportReferrerAsync(ReferrerImportItem item, IReadOnlyTarget bundle, IRepositoryProvider provider, RegistryDestination destination, CopySession session, IOperationObserver observer, OperationProgress progress, Func<BundleEntry, OciException?>? checkComplete, ReferrerPublisher publisher, CancellationToken cancellationToken)
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
                if (!await HoldsAsync(bundle, item.Subject, ErrorSide.Source, cancellationToken).ConfigureAwait(false)
                    && !await HoldsAsync(provider.GetRepository(naming.Repository), item.Subject, ErrorSide.Destination, cancellationToken).ConfigureAwait(false))
                {
                    return ArtifactResults.Failed(input, input, naming.Display, SubjectMissing(input, item.Subject, naming), subject);
                }
            }
            catch (OciException e)
            {
                return ArtifactResults.Failed(input, input, naming.Display, e, subject);
            }

            return await ImportOneAsync(item.Entry, bundle, provider, destination, session, observer, progress, checkComplete, publisher, subject, cancellationToken).ConfigureAwait(false);
        }

        /// <summary>Makes an imported root that has a subject discoverable from it (see <see cref="ReferrerPublisher"/>).</summary>
        private static async Task PublishAsync(ReferrerPublisher publisher, CopyPlan plan, IReadOnlyTarget bundle, ITarget repository, CopySession session, CancellationToken cancellationToken)
        {
            if (plan.RootInfo.Subject == null)
            {
                return;
            }

            byte[] content = await session.GetManifestAsync(bundle, plan.Root, cancellationToken).ConfigureAwait(false);
            await publisher.PublishAsync(repository, plan.Root, content, cancellationToken).ConfigureAwait(false);
        }

        /// <summary>True when <paramref name="storage"/> has manifest <paramref name="digest"/>.</summary>
        private static async Task<bool> HoldsAsync(IResolvable storage, Digest digest, ErrorSide side, CancellationToken cancellationToken)
        {
            try
            {
                await storage.ResolveAsync(digest.ToString(), cancellationToken).ConfigureAwait(false);
                return true;
            }
            catch (OciException e) when (e.Kind == OciErrorKind.NotFound)
            {
                return false;
            }
            catch (Exception e) when (CopyErrors.IsExpected(e))
            {
                throw CopyErrors.Wrap(e, side, null, digest.ToString());
            }
        }

        private OciException SubjectMissing(string input, Digest subject, ImportNaming naming) =>
            new OciException(OciErrorKind.NotFound, $"'{input}' was not imported: it refers to {subject}, which is neither in bundle '{BundleName}' nor in {naming.Repository.Name}.")
            {
                Side = ErrorSide.Destination,
                Digest = subject,
                Reference = naming.Display,
                RecommendedAction = $"Import the image {subject} into {naming.Repository.Name} first (or a bundle that holds it), then import this bundle again; the other artifacts were imported.",
            };
    }
}
