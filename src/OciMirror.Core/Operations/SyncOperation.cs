using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Content;
using OciMirror.Core.Errors;
using OciMirror.Core.Platforms;
using OciMirror.Core.References;
using OciMirror.Core.Registry;
using OciMirror.Core.Sync;

namespace OciMirror.Core.Operations
{
    /// <summary>
    /// A declarative sync (DESIGN §13). It plans first (reads the sync file, lists and selects tags), then
    /// copies with keep-going semantics: registry → registry through the copy engine, registry → bundle as an
    /// export of the selected references, bundle → registry as an import. A repository that cannot be listed
    /// and a reference that fails are reported and counted; the others go on. With an observer that declines
    /// every change (<c>--dry-run</c>, <c>-WhatIf</c>) the plan is reported and nothing is written.
    /// </summary>
    public sealed partial class SyncOperation
    {
        private readonly IRepositoryProvider? _source;
        private readonly IRepositoryProvider? _destination;

        public SyncOperation(SyncRequest request)
        {
            Request = request ?? throw new ArgumentNullException(nameof(request));
        }

        /// <summary>For tests: registry → registry through <paramref name="source"/> and <paramref name="destination"/> (neither is disposed).</summary>
        internal SyncOperation(SyncRequest request, IRepositoryProvider source, IRepositoryProvider destination)
            : this(request)
        {
            _source = source;
            _destination = destination;
        }

        public SyncRequest Request { get; }

        /// <summary>
        /// Runs the request. Throws <see cref="OciException"/> only when nothing can start: an invalid sync file
        /// (InvalidConfiguration naming file, line and key), an invalid source or destination, a selection given
        /// with a source other than a repository, a sync-file destination (or entries with different platforms) with a bundle destination,
        /// bundle → bundle (InvalidConfiguration), or what export and import throw before their first artifact.
        /// </summary>
        /// <exception cref="OperationCanceledException">The token was cancelled; finished references were reported.</exception>
        public async Task<OperationSummary> RunAsync(IOperationObserver observer, CancellationToken cancellationToken)
        {
            if (observer == null)
            {
                throw new ArgumentNullException(nameof(observer));
            }

            SyncSourceKind source = Request.SourceKind == SyncSourceKind.Auto ? SyncEndpoints.SourceKindOf(Request.Source) : Request.SourceKind;
            SyncDestinationKind destination = Request.DestinationKind == SyncDestinationKind.Auto ? SyncEndpoints.DestinationKindOf(Request.Destination) : Request.DestinationKind;
            if (Request.Selection != null && !Request.Selection.SelectsAll && source != SyncSourceKind.Repository)
            {
                throw Invalid($"A tag selection applies to a repository source; '{Request.Source}' is a {(source == SyncSourceKind.File ? "sync file (write the selection in it)" : "bundle")}.");
            }

            if (source == SyncSourceKind.Bundle)
            {
                return destination == SyncDestinationKind.Bundle
                    ? throw Invalid($"Sync from a bundle to a bundle ('{Request.Source}' → '{Request.Destination}') is not supported; copy the files, or export what you need from a registry.")
                    : await ImportAsync(observer, cancellationToken).ConfigureAwait(false);
            }

            (IReadOnlyList<SyncEntry> entries, IReadOnlyList<SyncRegistry> registries) = await EntriesAsync(source, cancellationToken).ConfigureAwait(false);
            var hostSettings = registries.Select(r => new KeyValuePair<string, RegistryHostSettings>(r.Host, r.Settings)).ToList();
            RegistryAccessOptions sourceAccess = Request.SourceAccess.WithHostSettings(hostSettings);
            RegistryAccessOptions targetAccess = Request.TargetAccess.WithHostSettings(hostSettings);
            if (destination == SyncDestinationKind.Bundle)
            {
                return await ExportAsync(entries, sourceAccess, observer, cancellationToken).ConfigureAwait(false);
            }

            RegistryDestination.Parse(Request.Destination);
            if (_source != null)
            {
                return await SyncRegistriesAsync(entries, _source, _destination!, observer, cancellationToken).ConfigureAwait(false);
            }

            using var sourceClient = new RegistryClient(sourceAccess, observer);
            using var targetClient = new RegistryClient(targetAccess, observer);
            return await SyncRegistriesAsync(entries, sourceClient, targetClient, observer, cancellationToken).ConfigureAwait(false);
        }

        private async Task<OperationSummary> SyncRegistriesAsync(IReadOnlyList<SyncEntry> entries, IRepositoryProvider source, IRepositoryProvider destination, IOperationObserver observer, CancellationToken cancellationToken)
        {
            var (references, failures) = await new SyncPlanner(source, observer).PlanAsync(entries, cancellationToken).ConfigureAwait(false);
            var items = references.Select(r => Item(r.Source, r.Entry)).ToList();
            IReadOnlyList<ArtifactResult> results = await new RegistryCopier(source, destination, Request.Concurrency)
                .RunAsync(items, $"Syncing {items.Count} artifacts to {Request.Destination}", observer, cancellationToken).ConfigureAwait(false);
            return new OperationSummary(failures.Concat(results).ToList());
        }

        /// <summary>Where one reference goes: the entry's exact repository, else its (or the run's) destination with the path kept.</summary>
        private CopyItem Item(Reference source, SyncEntry entry)
        {
            string input = source.ToString();
            try
            {
                Reference target = entry.DestinationRepository != null
                    ? Retarget(Reference.ParseRepository(entry.DestinationRepository), source)
                    : RegistryDestination.Parse(entry.Destination ?? Request.Destination).Map(source, Request.Scoped);
                return CopyItem.Of(input, source, target, PlatformsOf(entry));
            }
            catch (OciException e)
            {
                return CopyItem.Failed(input, source, e);
            }
        }

        /// <summary>The entry's own platforms (with the run's FilterIndex and PreserveDigests), else the run's.</summary>
        /// <exception cref="OciException">InvalidReference: a malformed platform.</exception>
        private PlatformFilter PlatformsOf(SyncEntry entry) => entry.Platforms.Count == 0
            ? Request.Platforms
            : PlatformFilter.Parse(entry.Platforms, Request.Platforms.FilterIndex, Request.Platforms.PreserveDigests);

        private static Reference Retarget(Reference repository, Reference source) =>
            source.Tag != null ? repository.WithTag(source.Tag) : repository.WithDigest(source.Digest!.Value);

        private static OciException Invalid(string message) =>
            new OciException(OciErrorKind.InvalidConfiguration, message) { RecommendedAction = "Nothing was copied; change the source, the destination or the options." };
    }
}
