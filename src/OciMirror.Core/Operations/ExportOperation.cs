using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Content;
using OciMirror.Core.Copy;
using OciMirror.Core.Errors;
using OciMirror.Core.Layout;
using OciMirror.Core.Model;
using OciMirror.Core.Platforms;
using OciMirror.Core.References;
using OciMirror.Core.Registry;

namespace OciMirror.Core.Operations
{
    /// <summary>
    /// Exports references from registries into one bundle (an OCI layout), sharing one
    /// <see cref="CopySession"/> across the batch so a blob used by several references is fetched once.
    /// A reference whose name and digest the bundle already has is Skipped without fetching anything.
    /// </summary>
    public sealed class ExportOperation
    {
        private readonly IRepositoryProvider? _source;
        private readonly ITarget? _bundle;

        public ExportOperation(ExportRequest request)
        {
            Request = request ?? throw new ArgumentNullException(nameof(request));
        }

        /// <summary>For tests and other compositions: reads from <paramref name="source"/> (not disposed) and writes the bundle the request names.</summary>
        internal ExportOperation(ExportRequest request, IRepositoryProvider source)
            : this(request)
        {
            _source = source ?? throw new ArgumentNullException(nameof(source));
        }

        /// <summary>For tests and other compositions: reads from <paramref name="source"/>, writes to <paramref name="bundle"/> (neither is disposed).</summary>
        internal ExportOperation(ExportRequest request, IRepositoryProvider source, ITarget bundle)
            : this(request, source)
        {
            _bundle = bundle ?? throw new ArgumentNullException(nameof(bundle));
        }

        public ExportRequest Request { get; }

        /// <summary>
        /// Runs the request. Per-artifact outcomes go to <paramref name="observer"/> as they finish and are
        /// also in the summary. The bundle is a directory or an archive (<see cref="ExportRequest.Format"/>);
        /// a directory's index.json names each artifact as it finishes, an archive is finished (index.json
        /// written, temporary file renamed) after the last artifact. index.json is deterministic: entries
        /// sorted by name, then digest. Other exports writing the same bundle at the same time, in this
        /// process or another, are waited for (and logged), never overwritten: each bundle ends up naming
        /// the references of all of them. Throws <see cref="OciException"/> only for failures that stop
        /// everything (unusable bundle path or format: InvalidDestination). The results of an export into
        /// an archive are reported once the archive is complete; when it cannot be completed (a full disk, a
        /// broken pipe) the artifacts copied into it are reported failed with that error instead.
        /// </summary>
        /// <exception cref="OperationCanceledException">
        /// The token was cancelled (Ctrl+C, SIGTERM, a stopped pipeline). What finished before the stop is in
        /// the bundle and was reported: a directory names it already; an archive is finished with it (index.json
        /// written, temporary file renamed, its old content kept) before this is thrown. Artifacts in flight are
        /// not named; blobs they stored stay (content-addressed, harmless) and a rerun skips them.
        /// </exception>
        public async Task<OperationSummary> RunAsync(IOperationObserver observer, CancellationToken cancellationToken)
        {
            if (observer == null)
            {
                throw new ArgumentNullException(nameof(observer));
            }

            if (_source != null && _bundle != null)
            {
                return await RunCoreAsync(_source, _bundle, observer, cancellationToken).ConfigureAwait(false);
            }

            using ExportDestination destination = await ExportDestination.OpenAsync(Request, observer, cancellationToken).ConfigureAwait(false);
            using RegistryClient? client = _source == null ? new RegistryClient(Request.Source, observer) : null;
            HeldResults? held = destination.IsArchive ? new HeldResults(observer) : null;
            OperationSummary summary;
            try
            {
                summary = await RunCoreAsync(_source ?? client!, destination.Target, held ?? observer, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // Every artifact task has ended: keep what finished (issue 10: "what finished before the stop is
                // in the bundle"), and report exactly that once the archive names it.
                Task complete = destination.CompleteAsync(interrupted: true);
                if (held != null)
                {
                    await held.CompleteStoppedAsync(() => complete, Request.BundlePath).ConfigureAwait(false);
                }
                else
                {
                    await complete.ConfigureAwait(false);
                }

                throw;
            }

            if (held == null)
            {
                await destination.CompleteAsync(interrupted: false).ConfigureAwait(false);
                return summary;
            }

            // An archive holds nothing until it is complete: results are reported then, failed if it could not be.
            return await held.CompleteAsync(() => destination.CompleteAsync(interrupted: false), summary, Request.BundlePath, cancellationToken).ConfigureAwait(false);
        }

        private async Task<OperationSummary> RunCoreAsync(IRepositoryProvider source, ITarget bundle, IOperationObserver observer, CancellationToken cancellationToken)
        {
            var inputs = new List<string>(ReferenceLines.Filter(Request.References));

            var progress = new OperationProgress(observer, $"Exporting {inputs.Count} artifacts to {Request.BundlePath}", inputs.Count);
            var relay = new ProgressRelay(progress);
            using var session = new CopySession(new CopyOptions { Concurrency = Request.Concurrency, BytesTransferred = relay.AddBytes, Log = observer });
            var referrers = new ReferrerCarrier(Request.Referrers, session, observer);
            IReadOnlyList<ArtifactResult> results = await ArtifactBatch.RunAsync(
                inputs,
                Request.Concurrency,
                (input, token) => ExportOneAsync(input, source, bundle, session, observer, progress, referrers, token),
                input => input,
                observer,
                progress,
                cancellationToken).ConfigureAwait(false);
            IReadOnlyList<ArtifactResult> carried = await referrers.CopyAllAsync(
                count => $"Exporting {count} referrers to {Request.BundlePath}",
                Request.Concurrency,
                (item, token) => ExportRootAsync(item.Name, item.Name, item.Repository, item.Root.Referrer, item.Name, bundle, session, observer, relay.Current!, null, item.Root.Subject.ToString(), token),
                observer,
                phase => relay.Current = phase,
                cancellationToken).ConfigureAwait(false);
            return new OperationSummary(results.Concat(carried).ToList(), relay.Total);
        }

        private async Task<ArtifactResult> ExportOneAsync(string input, IRepositoryProvider provider, ITarget bundle, CopySession session, IOperationObserver observer, OperationProgress progress, ReferrerCarrier referrers, CancellationToken cancellationToken)
        {
            Reference reference;
            try
            {
                reference = Reference.Parse(input);
            }
            catch (OciException e)
            {
                return ArtifactResults.Failed(input, null, Request.BundlePath, e);
            }

            string source = reference.ToString();

            // name:tag@digest resolves by digest and is named with the tag; digest-only keeps name@digest.
            string bundleName = reference.Tag != null ? reference.Name + ":" + reference.Tag : source;
            ITarget repository;
            PlatformChoice choice;
            try
            {
                repository = provider.GetRepository(reference);
                Descriptor resolved = await RootTags.ResolveAsync(repository, reference, cancellationToken).ConfigureAwait(false);
                choice = await PlatformStep.SelectAsync(Request.Platforms, repository, resolved, source, ErrorSide.Source, observer, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (CopyErrors.IsExpected(e))
            {
                return ArtifactResults.Failed(input, source, Request.BundlePath, CopyErrors.Wrap(e, ErrorSide.None, null, source));
            }

            ArtifactResult result = await ExportRootAsync(input, source, choice.SourceFor(repository), choice.Root, bundleName, bundle, session, observer, progress, choice, null, cancellationToken).ConfigureAwait(false);
            if (result.Status == ArtifactStatus.Copied || result.Status == ArtifactStatus.Skipped)
            {
                // The chosen root: a selected platform's referrers, or (a filtered index, read from the session's
                // cache) the referrers of its platforms.
                await referrers.DiscoverAsync(repository, reference, choice.Root, null, Request.BundlePath, cancellationToken).ConfigureAwait(false);
            }

            return result;
        }

        /// <summary>Copies <paramref name="root"/> of <paramref name="from"/> into the bundle as <paramref name="bundleName"/>; Skipped when the bundle has both.</summary>
        private async Task<ArtifactResult> ExportRootAsync(string input, string source, IReadOnlyStorage from, Descriptor root, string bundleName, ITarget bundle, CopySession session, IOperationObserver observer, OperationProgress progress, PlatformChoice? choice, string? referrerOf, CancellationToken cancellationToken)
        {
            try
            {
                bool named = await BundleHasAsync(bundle, bundleName, root, cancellationToken).ConfigureAwait(false);
                CopyPlan plan = await session.PlanAsync(from, root, bundle, readPresentFromDestination: true, cancellationToken).ConfigureAwait(false);
                if (named && plan.MissingNodes == 0)
                {
                    return ArtifactResults.FromPlan(input, source, Request.BundlePath, plan, ArtifactStatus.Skipped, null, choice, referrerOf);
                }

                string action = $"Export {ArtifactResults.DescribeTransfer(plan)} to {Request.BundlePath}";
                if (!await observer.ShouldProcessAsync(source, action, cancellationToken).ConfigureAwait(false))
                {
                    return ArtifactResults.FromPlan(input, source, Request.BundlePath, plan, ArtifactStatus.Declined, null, choice, referrerOf);
                }

                progress.AddTotalBytes(plan.MissingBytes);
                CopyStats stats = await session.CopyAsync(from, root, bundle, source, cancellationToken).ConfigureAwait(false);
                await RootTags.TagAsync(bundle, root, bundleName, bundleName, cancellationToken).ConfigureAwait(false);
                return ArtifactResults.FromPlan(input, source, Request.BundlePath, plan, ArtifactStatus.Copied, stats, choice, referrerOf);
            }
            catch (Exception e) when (CopyErrors.IsExpected(e))
            {
                return ArtifactResults.Failed(input, source, Request.BundlePath, CopyErrors.Wrap(e, ErrorSide.None, null, source), referrerOf);
            }
        }

        private static async Task<bool> BundleHasAsync(ITarget bundle, string name, Descriptor root, CancellationToken cancellationToken)
        {
            try
            {
                Descriptor named = await bundle.ResolveAsync(name, cancellationToken).ConfigureAwait(false);
                return named.Digest == root.Digest;
            }
            catch (OciException e) when (e.Kind == OciErrorKind.NotFound || e.Kind == OciErrorKind.AmbiguousReference)
            {
                return false;
            }
        }
    }
}
