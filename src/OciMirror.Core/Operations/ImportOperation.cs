using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Bundles;
using OciMirror.Core.Content;
using OciMirror.Core.Copy;
using OciMirror.Core.Diagnostics;
using OciMirror.Core.Errors;
using OciMirror.Core.Model;
using OciMirror.Core.Platforms;
using OciMirror.Core.References;
using OciMirror.Core.Registry;

namespace OciMirror.Core.Operations
{
    /// <summary>
    /// Imports the entries of a bundle into a registry with identical digests: children first, blobs
    /// shared between repositories mounted, and the tag set only after the whole graph is in, so no tag
    /// ever points at missing content. One <see cref="CopySession"/> serves the whole batch. The bundle
    /// is a layout directory (read in place), a seekable .tar (indexed once, read in place), or a .tgz
    /// file or <see cref="ImportRequest.InputStream"/> (read once, blobs staged on the destination
    /// registry as they stream; see <see cref="ImportRequest.StagingRepository"/>), detected by content.
    /// </summary>
    public sealed partial class ImportOperation
    {
        private readonly IReadOnlyTarget? _bundle;
        private readonly IBundleCatalog? _catalog;
        private readonly IRepositoryProvider? _destination;

        public ImportOperation(ImportRequest request)
        {
            Request = request ?? throw new ArgumentNullException(nameof(request));
        }

        /// <summary>For tests and other compositions: reads <paramref name="bundle"/> (entries from <paramref name="catalog"/>, usually the same object) into <paramref name="destination"/>. Nothing is disposed.</summary>
        internal ImportOperation(ImportRequest request, IReadOnlyTarget bundle, IBundleCatalog catalog, IRepositoryProvider destination)
            : this(request)
        {
            _bundle = bundle ?? throw new ArgumentNullException(nameof(bundle));
            _catalog = catalog ?? throw new ArgumentNullException(nameof(catalog));
            _destination = destination ?? throw new ArgumentNullException(nameof(destination));
        }

        /// <summary>For tests: reads the bundle named by the request (path or stream) into <paramref name="destination"/> instead of a registry client. Nothing is disposed.</summary>
        internal ImportOperation(ImportRequest request, IRepositoryProvider destination)
            : this(request)
        {
            _destination = destination ?? throw new ArgumentNullException(nameof(destination));
        }

        public ImportRequest Request { get; }

        /// <summary>
        /// Runs the request. Per-artifact outcomes go to <paramref name="observer"/> as they finish and are
        /// also in the summary. Throws <see cref="OciException"/> only for failures that stop
        /// everything: an invalid destination or staging repository (InvalidReference), a path that is not a
        /// bundle, a hostile or duplicate archive entry, an invalid index.json, a stream that broke before
        /// index.json arrived (InvalidLayout, naming the entry); more than 64 MiB of manifests in a stream
        /// (ContentTooLarge). An artifact whose content is bad or incomplete fails alone, untagged.
        /// </summary>
        /// <exception cref="OperationCanceledException">The token was cancelled; finished artifacts were reported.</exception>
        public async Task<OperationSummary> RunAsync(IOperationObserver observer, CancellationToken cancellationToken)
        {
            if (observer == null)
            {
                throw new ArgumentNullException(nameof(observer));
            }

            RegistryDestination destination = RegistryDestination.Parse(Request.Destination);
            if (_bundle != null)
            {
                return await RunCoreAsync(_bundle, _catalog!, _destination!, destination, observer, null, cancellationToken).ConfigureAwait(false);
            }

            using RegistryClient? client = _destination == null ? new RegistryClient(Request.Target, observer) : null;
            return await RunFromRequestAsync(_destination ?? client!, destination, observer, cancellationToken).ConfigureAwait(false);
        }

        private async Task<OperationSummary> RunCoreAsync(IReadOnlyTarget bundle, IBundleCatalog catalog, IRepositoryProvider provider, RegistryDestination destination, IOperationObserver observer, StagedBundle? staged, CancellationToken cancellationToken)
        {
            Func<BundleEntry, OciException?>? checkComplete = staged == null ? null : staged.CheckComplete;
            IReadOnlyList<BundleEntry> entries = await catalog.ListEntriesAsync(cancellationToken).ConfigureAwait(false);
            var (chosen, unmatched) = BundleSelection.Select(entries, Request.References, BundleName);
            ImportNaming.CheckTag(Request.Tag, chosen, BundleName);
            var (selected, ambiguous) = AmbiguousTags.Check(chosen, destination, Request.Scoped, Request.Tag, BundleName);
            var items = new List<(BundleEntry? Entry, string Input, OciException? Error)>();
            IReadOnlyList<string> names = BundleEntryNames.Of(entries);
            var nameOf = new Dictionary<BundleEntry, string>(entries.Count);
            for (int i = 0; i < entries.Count; i++)
            {
                nameOf[entries[i]] = names[i]; // the name ls prints and --ref selects
            }

            bool named = Request.References.Any(r => !string.IsNullOrWhiteSpace(r));
            foreach (BundleEntry entry in selected)
            {
                if (entry.IsImageOrIndex)
                {
                    items.Add((entry, nameOf[entry], ambiguous.TryGetValue(entry, out OciException? refused) ? refused : null));
                }
                else if (named)
                {
                    items.Add((null, nameOf[entry], OtherTypeEntries.NotImported(nameOf[entry], entry, BundleName)));
                }
                else
                {
                    observer.Log(LogLevel.Warning, OtherTypeEntries.Skipped(nameOf[entry], entry, BundleName));
                }
            }

            foreach ((string filter, OciException error) in unmatched)
            {
                items.Add((null, filter, error));
            }

            var progress = new OperationProgress(observer, $"Importing {items.Count(i => i.Error == null)} artifacts from {BundleName} to {destination}", items.Count);
            // A bundle read in place is checked even where the registry has the content (issue 7.2); a
            // one-pass stream was verified as it streamed (checkComplete says what was bad).
            bool verifySource = checkComplete == null;
            using var session = new CopySession(new CopyOptions { Concurrency = Request.Concurrency, BytesTransferred = progress.AddBytes, Log = observer, VerifySourceContent = verifySource });
            foreach ((Digest digest, StagingTarget home) in staged?.Homes ?? Enumerable.Empty<(Digest, StagingTarget)>())
            {
                // Uploaded while the stream was read: other repositories mount it from there.
                session.SeedBlobHome(home.Registry, digest, home.Repository);
            }

            IReadOnlyList<ArtifactResult> results = await ArtifactBatch.RunAsync(
                items,
                Request.Concurrency,
                (item, token) => item.Error != null
                    ? Task.FromResult(ArtifactResults.Failed(item.Input, item.Entry == null ? null : item.Input, item.Entry == null ? null : item.Error.Reference, item.Error))
                    : ImportOneAsync(item.Entry!, item.Input, bundle, provider, destination, session, observer, progress, checkComplete, token),
                item => item.Input,
                observer,
                progress,
                cancellationToken).ConfigureAwait(false);
            // Every byte that crossed the wire once: the copy's, and the uploads while a stream was read.
            return new OperationSummary(results, progress.BytesDone + (staged?.BytesUploaded ?? 0)) { StagingRepository = staged?.StagingUsed };
        }

        private async Task<ArtifactResult> ImportOneAsync(BundleEntry entry, string input, IReadOnlyTarget bundle, IRepositoryProvider provider, RegistryDestination destination, CopySession session, IOperationObserver observer, OperationProgress progress, Func<BundleEntry, OciException?>? checkComplete, CancellationToken cancellationToken)
        {
            ImportNaming naming;
            try
            {
                naming = ImportNaming.For(entry, destination, Request.Scoped, Request.Tag);
            }
            catch (OciException e)
            {
                return ArtifactResults.Failed(input, input, null, e);
            }

            OciException? incomplete = checkComplete?.Invoke(entry);
            if (incomplete != null)
            {
                // A one-pass import: something under this root was bad or never arrived. Copy nothing, tag nothing.
                return ArtifactResults.Failed(input, input, naming.Display, incomplete);
            }

            try
            {
                PlatformChoice choice = await PlatformStep.SelectAsync(Request.Platforms, bundle, entry.Descriptor, input, ErrorSide.Source, observer, cancellationToken).ConfigureAwait(false);
                if (choice.Kind == PlatformChoiceKind.Unfiltered)
                {
                    // No platform asked for: an index of which the bundle holds one platform imports that one.
                    choice = await PresentPlatformAsync(entry, bundle, session, naming.Display, observer, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    await CheckChosenPresentAsync(choice, entry, bundle, session, cancellationToken).ConfigureAwait(false);
                }

                Descriptor root = choice.Root;
                IReadOnlyStorage from = choice.SourceFor(bundle);
                naming = naming.WithRoot(root);
                ITarget repository = provider.GetRepository(naming.Repository);
                bool named = naming.Tag == null || await RootTags.PointsAtAsync(repository, naming.Tag, root, naming.Display, cancellationToken).ConfigureAwait(false);
                CopyPlan plan = await session.PlanAsync(from, root, repository, readPresentFromDestination: false, cancellationToken).ConfigureAwait(false);
                if (named && plan.MissingNodes == 0)
                {
                    if (session.Options.VerifySourceContent)
                    {
                        await session.VerifySourceAsync(from, root, naming.Display, cancellationToken).ConfigureAwait(false);
                    }

                    return ArtifactResults.FromPlan(input, input, naming.Display, plan, ArtifactStatus.Skipped, null, choice);
                }

                string action = $"Import {ArtifactResults.DescribeTransfer(plan)} from {BundleName}";
                if (!await observer.ShouldProcessAsync(naming.Display, action, cancellationToken).ConfigureAwait(false))
                {
                    return ArtifactResults.FromPlan(input, input, naming.Display, plan, ArtifactStatus.Declined, null, choice);
                }

                progress.AddTotalBytes(plan.MissingBytes);
                CopyStats stats = await session.CopyAsync(from, root, repository, naming.Display, cancellationToken).ConfigureAwait(false);
                if (naming.Tag != null)
                {
                    // Only now: every child is in, so the tag never points at missing content.
                    await session.TagAsync(from, root, repository, naming.Tag, naming.Display, cancellationToken).ConfigureAwait(false);
                }

                return ArtifactResults.FromPlan(input, input, naming.Display, plan, ArtifactStatus.Copied, stats, choice);
            }
            catch (Exception e) when (CopyErrors.IsExpected(e))
            {
                OciException error = BundleSourceHints.Explain(CopyErrors.Wrap(e, ErrorSide.None, null, naming.Display), BundleName);
                return ArtifactResults.Failed(input, input, naming.Display, error);
            }
        }
    }
}
