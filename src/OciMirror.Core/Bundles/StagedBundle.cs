using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Content;
using OciMirror.Core.Errors;
using OciMirror.Core.Layout;
using OciMirror.Core.Model;
using OciMirror.Core.Operations;

namespace OciMirror.Core.Bundles
{
    /// <summary>
    /// A bundle read in one pass, as the copy source of the import that follows: manifests and indexes
    /// come from memory, blobs from the repository of the destination registry they were uploaded to
    /// while they streamed (<see cref="Homes"/>: the import tells the copy engine, which then mounts each
    /// blob from there into every other repository that needs it and, when a mount is declined, fetches
    /// it from there and pushes it: a registry-side copy with no local spool). Thread-safe for reading.
    /// </summary>
    internal sealed class StagedBundle : IReadOnlyTarget, IBundleCatalog
    {
        private const int MaxProblemsInMessage = 5;
        private readonly BundleScan _scan;
        private readonly IReadOnlyList<BundleEntry> _entries;
        private readonly BlobPlacement? _placement;
        private readonly LayoutResolver _resolver;

        public StagedBundle(BundleScan scan, IReadOnlyList<BundleEntry> entries, BlobPlacement? placement)
        {
            _scan = scan;
            _entries = entries;
            _placement = placement;
            _resolver = new LayoutResolver(scan.BundleName, IndexName, this, d => scan.Blobs.TryGetValue(d, out BlobRecord? r) ? r.Size : (long?)null);
        }

        /// <summary>Bytes uploaded while the stream was read.</summary>
        public long BytesUploaded => _placement?.BytesUploaded ?? 0;

        /// <summary>The staging repository, when some blob was uploaded to it (a foreign archive); else null.</summary>
        public string? StagingUsed => _placement != null && _placement.UsedStaging ? _placement.Staging.ToString() : null;

        /// <summary>Every uploaded blob with the repository that holds it.</summary>
        public IEnumerable<(Digest Digest, StagingTarget Home)> Homes
        {
            get
            {
                foreach (BlobRecord record in _scan.Blobs.Values)
                {
                    if (record.Staged && record.StagedAt != null)
                    {
                        yield return (record.Digest, record.StagedAt);
                    }
                }
            }
        }

        private string IndexName => _scan.BundleName + "!index.json";

        public Task<Stream> FetchAsync(Descriptor target, CancellationToken cancellationToken)
        {
            if (_scan.Manifests.TryGetValue(target.Digest, out byte[]? content))
            {
                return Task.FromResult<Stream>(new MemoryStream(content, writable: false));
            }

            if (_scan.Blobs.TryGetValue(target.Digest, out BlobRecord? record) && record.Staged && record.StagedAt != null)
            {
                // Always the blob endpoint: staged content was uploaded as a blob.
                return record.StagedAt.Storage.FetchAsync(new Descriptor(StagingBlobSink.StagedMediaType, target.Digest, record.Size), cancellationToken);
            }

            string why = record == null ? "did not arrive in the stream"
                : record.IsBad ? record.ProblemMessage!
                : record.NotStagedReason ?? "was not uploaded while the stream was read";
            throw new OciException(record?.Error?.Kind ?? OciErrorKind.NotFound, $"Blob {target.Digest} of '{_scan.BundleName}' {why.TrimEnd('.')}.")
            {
                Digest = target.Digest,
                Path = _scan.BundleName,
                RecommendedAction = record?.NotStagedReason != null
                    ? "Raise the staging limit (--staging-limit, -StagingLimit), or import the bundle from a directory or an uncompressed .tar, which are read in place without staging."
                    : null,
            };
        }

        public Task<bool> ExistsAsync(Descriptor target, CancellationToken cancellationToken) =>
            Task.FromResult(_scan.Manifests.ContainsKey(target.Digest) || (_scan.Blobs.TryGetValue(target.Digest, out BlobRecord? r) && r.Staged && r.Size == target.Size));

        public Task<Descriptor> ResolveAsync(string reference, CancellationToken cancellationToken) =>
            _resolver.ResolveAsync(_entries, reference, cancellationToken);

        public Task<IReadOnlyList<BundleEntry>> ListEntriesAsync(CancellationToken cancellationToken) => Task.FromResult(_entries);

        /// <summary>
        /// Null when everything under <paramref name="entry"/> arrived complete and verified; otherwise the
        /// error for its Failed result, naming the bad, missing or unreadable blobs (nothing is copied or tagged).
        /// </summary>
        public OciException? CheckComplete(BundleEntry entry)
        {
            RootWalk walk = BundleWalker.Walk(_scan, entry.Descriptor, IndexName);
            if (walk.IsComplete)
            {
                return null;
            }

            BlobProblem first = walk.Problems[0];
            OciErrorKind kind = first.Kind switch
            {
                BlobProblemKind.Missing => OciErrorKind.NotFound,
                BlobProblemKind.Unreadable => _scan.Blobs.TryGetValue(Digest.Parse(first.Digest), out BlobRecord? r) && r.Error != null ? r.Error.Kind : OciErrorKind.InvalidLayout,
                _ => OciErrorKind.DigestMismatch,
            };
            string details = string.Join(" ", walk.Problems.Take(MaxProblemsInMessage).Select(p => p.Message))
                + (walk.Problems.Count > MaxProblemsInMessage ? $" And {walk.Problems.Count - MaxProblemsInMessage} more." : string.Empty);
            return new OciException(kind, $"'{entry}' was not imported and not tagged: its content did not arrive complete and verified. {details}")
            {
                Digest = Digest.Parse(first.Digest),
                Reference = entry.ToString(),
                Path = _scan.BundleName,
                RecommendedAction = "Write the bundle again from its source and repeat the import; the other artifacts were imported.",
            };
        }
    }
}
