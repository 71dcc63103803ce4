using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Content;
using OciMirror.Core.Copy;
using OciMirror.Core.Diagnostics;
using OciMirror.Core.Errors;
using OciMirror.Core.Model;
using OciMirror.Core.References;
using OciMirror.Core.Sync;

namespace OciMirror.Core.Operations
{
    /// <summary>
    /// The first phase of a sync (DESIGN §13): turns the entries of a sync file (or the one repository of the
    /// command line) into source references, listing and selecting tags where an entry names none. A
    /// repository that cannot be listed (not found, denied, registry unreachable) becomes one failed result,
    /// reported at once; the other repositories go on. Nothing is written.
    /// </summary>
    internal sealed class SyncPlanner
    {
        /// <summary>Repositories listed at once.</summary>
        private const int ListConcurrency = 4;

        private readonly IRepositoryProvider _source;
        private readonly IOperationObserver _observer;

        public SyncPlanner(IRepositoryProvider source, IOperationObserver observer)
        {
            _source = source;
            _observer = observer;
        }

        /// <summary>The references to copy, in entry order, each once per (source, entry destination); and the failed repositories.</summary>
        public async Task<(IReadOnlyList<(Reference Source, SyncEntry Entry)> References, IReadOnlyList<ArtifactResult> Failures)> PlanAsync(IReadOnlyList<SyncEntry> entries, CancellationToken cancellationToken)
        {
            var perEntry = new IReadOnlyList<Reference>?[entries.Count];
            var failures = new ConcurrentQueue<ArtifactResult>();
            using var gate = new SemaphoreSlim(ListConcurrency, ListConcurrency);
            await Task.WhenAll(entries.Select(async (entry, i) =>
            {
                await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
                try
                {
                    perEntry[i] = await ReferencesOfAsync(entry, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception e) when (CopyErrors.IsExpected(e) && !cancellationToken.IsCancellationRequested)
                {
                    string name = entry.ToString();
                    ArtifactResult failed = ArtifactResults.Failed(name, name, null, CopyErrors.Wrap(e, ErrorSide.Source, null, name));
                    failures.Enqueue(failed);
                    _observer.OnArtifactCompleted(failed);
                }
                finally
                {
                    gate.Release();
                }
            })).ConfigureAwait(false);

            var seen = new HashSet<string>(StringComparer.Ordinal);
            var references = new List<(Reference, SyncEntry)>();
            for (int i = 0; i < entries.Count; i++)
            {
                foreach (Reference reference in perEntry[i] ?? Array.Empty<Reference>())
                {
                    if (seen.Add(reference + "\n" + entries[i].Destination + "\n" + entries[i].DestinationRepository))
                    {
                        references.Add((reference, entries[i]));
                    }
                }
            }

            return (references, failures.ToList());
        }

        private async Task<IReadOnlyList<Reference>> ReferencesOfAsync(SyncEntry entry, CancellationToken cancellationToken)
        {
            Reference repository = Reference.ParseRepository(entry.Registry + "/" + entry.Repository);
            if (entry.References.Count > 0)
            {
                return entry.References.Select(r => Digest.TryParse(r, out Digest digest) ? repository.WithDigest(digest) : repository.WithTag(r)).ToList();
            }

            ITarget target = _source.GetRepository(repository);
            IReadOnlyList<(string Tag, Digest? Digest)> tags = await SelectedTags.ListAsync(target, repository, entry.Selection.Compile(), resolveDigests: false, _observer, cancellationToken).ConfigureAwait(false);
            if (tags.Count == 0)
            {
                _observer.Log(LogLevel.Warning, $"{repository.Name}: no tag selected ({entry.Origin}).");
            }

            return tags.Select(t => repository.WithTag(t.Tag)).ToList();
        }
    }
}
