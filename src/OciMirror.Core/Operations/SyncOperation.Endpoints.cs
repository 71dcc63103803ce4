using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Errors;
using OciMirror.Core.Platforms;
using OciMirror.Core.References;
using OciMirror.Core.Sync;

namespace OciMirror.Core.Operations
{
    public sealed partial class SyncOperation
    {
        /// <summary>The entries to sync: those of the sync file, or one for the repository (or reference) of the command line.</summary>
        /// <exception cref="OciException">InvalidConfiguration from the sync file; InvalidReference for a repository that does not parse.</exception>
        private async Task<(IReadOnlyList<SyncEntry> Entries, IReadOnlyList<SyncRegistry> Registries)> EntriesAsync(SyncSourceKind source, CancellationToken cancellationToken)
        {
            if (source == SyncSourceKind.File)
            {
                SyncFile file = await SyncFile.LoadAsync(Request.Source, cancellationToken).ConfigureAwait(false);
                return (file.Entries.ToList(), file.Registries);
            }

            Reference reference = Reference.ParseRepository(Request.Source.Trim());
            var entry = new SyncEntry(reference.Registry, reference.Repository, Request.Source, 0);
            if (reference.Digest != null || reference.Tag != null)
            {
                // One reference (skopeo: "a tagged image"): copy just it.
                entry.References = new[] { reference.Digest?.ToString() ?? reference.Tag! };
            }
            else if (Request.Selection != null)
            {
                entry.Selection = Request.Selection;
            }

            return (new[] { entry }, new SyncRegistry[0]);
        }

        /// <summary>
        /// A bundle keeps the source names, and one export takes one platform filter: the entries must not name a
        /// destination, and all must ask for the same platforms. Returns that filter.
        /// </summary>
        /// <exception cref="OciException">InvalidConfiguration naming the first entry that breaks either rule.</exception>
        private PlatformFilter CheckBundleEntries(IReadOnlyList<SyncEntry> entries)
        {
            PlatformFilter? common = null;
            foreach (SyncEntry entry in entries)
            {
                if (entry.Destination != null || entry.DestinationRepository != null)
                {
                    throw Invalid($"{entry.Origin} (line {entry.Line}) names a destination registry, but this sync writes a bundle, which keeps the source names.");
                }

                PlatformFilter filter = PlatformsOf(entry);
                if (common != null && common.Describe() != filter.Describe())
                {
                    throw Invalid($"{entry.Origin} (line {entry.Line}) asks for the platforms '{filter.Describe()}' where other entries ask for '{common.Describe()}'; a sync into one bundle takes one platform selection.");
                }

                common = filter;
            }

            return common ?? Request.Platforms;
        }

        /// <summary>Registry → bundle: the selected references exported into one bundle (blobs stored once).</summary>
        private async Task<OperationSummary> ExportAsync(IReadOnlyList<SyncEntry> entries, Registry.RegistryAccessOptions sourceAccess, IOperationObserver observer, CancellationToken cancellationToken)
        {
            var request = new ExportRequest
            {
                BundlePath = Request.Destination,
                Format = Request.Format,
                Platforms = CheckBundleEntries(entries),
                Source = sourceAccess,
                Concurrency = Request.Concurrency,
            };
            using var client = _source == null ? new Registry.RegistryClient(sourceAccess, observer) : null;
            var (references, failures) = await new SyncPlanner(_source ?? client!, observer).PlanAsync(entries, cancellationToken).ConfigureAwait(false);
            request.References = references.Select(r => r.Source.ToString()).Distinct().ToList();
            if (request.References.Count == 0)
            {
                return new OperationSummary(failures);
            }

            OperationSummary exported = await (_source == null ? new ExportOperation(request) : new ExportOperation(request, _source))
                .RunAsync(observer, cancellationToken).ConfigureAwait(false);
            return new OperationSummary(failures.Concat(exported.Results).ToList());
        }

        /// <summary>Bundle → registry: the import of the whole bundle, each entry keeping its path under the destination.</summary>
        private Task<OperationSummary> ImportAsync(IOperationObserver observer, CancellationToken cancellationToken)
        {
            var request = new ImportRequest
            {
                Platforms = Request.Platforms,
                BundlePath = Request.Source,
                Destination = Request.Destination,
                Scoped = Request.Scoped,
                Target = Request.TargetAccess,
                Concurrency = Request.Concurrency,
            };
            return _destination == null ? new ImportOperation(request).RunAsync(observer, cancellationToken) : new ImportOperation(request, _destination).RunAsync(observer, cancellationToken);
        }
    }
}
