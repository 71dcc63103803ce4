using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Bundles;
using OciMirror.Core.Content;
using OciMirror.Core.Errors;
using OciMirror.Core.Layout;

namespace OciMirror.Core.Operations
{
    /// <summary>
    /// Verifies a bundle (a layout directory, a .tar, a .tgz, or a stream): hashes every blob, checks
    /// that every manifest's and index's children exist with the declared sizes, that manifests parse,
    /// and that oci-layout and index.json are valid. Hostile, duplicate and unexpected archive entries,
    /// a truncated or corrupt archive and a missing end-of-archive marker are layout problems. The
    /// bundle is read once, in order; nothing is written. Damage is reported, never thrown.
    /// </summary>
    public sealed class BundleVerifyOperation
    {
        public BundleVerifyOperation(BundleRequest request)
        {
            Request = request ?? throw new ArgumentNullException(nameof(request));
        }

        public BundleRequest Request { get; }

        /// <summary>
        /// The report; progress (bytes hashed) goes to <paramref name="observer"/>, throttled, with a
        /// final Completed snapshot. The observer's ShouldProcess is never called.
        /// </summary>
        /// <exception cref="OciException">Only for an unusable bundle: no path, a path that does not exist,
        /// a file that is neither a tar nor gzip (InvalidLayout); a directory that cannot be read (IOFailed).</exception>
        /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
        public async Task<BundleVerifyReport> RunAsync(IOperationObserver observer, CancellationToken cancellationToken)
        {
            if (observer == null)
            {
                throw new ArgumentNullException(nameof(observer));
            }

            string name = BundlePass.NameOf(Request);
            var progress = new OperationProgress(observer, $"Verifying {name}", 0);
            BundleScan scan;
            try
            {
                scan = await BundlePass.RunAsync(Request, lenient: true, new HashingBlobSink(hashLarge: true, progress.AddBytes), observer, progress.AddBytes, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                progress.Complete();
            }

            LayoutIndex? index = ScannedLayout.ReadIndex(scan);
            var layoutProblems = new List<string>(scan.Problems);
            if (scan.StreamError != null)
            {
                layoutProblems.Add(scan.StreamError.Message);
            }
            else if (scan.IsArchive && !scan.EndMarkerFound)
            {
                layoutProblems.Add($"Archive '{name}' ends without the end-of-archive marker: it may be truncated at an entry boundary.");
            }

            var badBlobs = new Dictionary<string, BlobProblem>(StringComparer.Ordinal);
            foreach (BlobRecord record in scan.Blobs.Values.Where(r => r.IsBad))
            {
                badBlobs[record.Digest.ToString()] = record.ToProblem();
            }

            var artifacts = new List<BundleArtifactCheck>();
            string indexName = ScannedLayout.FileName(scan, LayoutPaths.IndexFileName);
            IReadOnlyList<BundleEntry> entries = index?.DescribeEntries() ?? Array.Empty<BundleEntry>();
            IReadOnlyList<string> names = BundleEntryNames.Of(entries);
            for (int i = 0; i < entries.Count; i++)
            {
                BundleEntry entry = entries[i];
                RootWalk walk = BundleWalker.Walk(scan, entry.Descriptor, indexName);
                foreach (BlobProblem problem in walk.Problems)
                {
                    if (!badBlobs.ContainsKey(problem.Digest))
                    {
                        badBlobs.Add(problem.Digest, problem);
                    }
                }

                artifacts.Add(new BundleArtifactCheck
                {
                    Reference = names[i],
                    Digest = entry.Descriptor.Digest.ToString(),
                    IsValid = walk.IsComplete,
                    Note = walk.IsOtherType ? OtherTypeEntries.Note(entry, walk.IsAbsent) : null,
                    BadBlobs = walk.Problems.Select(p => p.Digest).Distinct().ToList(),
                    AbsentPlatforms = walk.AbsentChildren.Select(c => c.Platform?.ToString() ?? c.Digest.ToString()).ToList(),
                });
            }

            List<BlobRecord> hashed = scan.Blobs.Values.Where(r => r.Verified || r.Problem == BlobProblemKind.DigestMismatch).ToList();
            return new BundleVerifyReport
            {
                BundlePath = name,
                LayoutProblems = layoutProblems,
                Artifacts = artifacts,
                BadBlobs = badBlobs.Values.ToList(),
                BlobsChecked = hashed.Count,
                BytesChecked = hashed.Sum(r => r.Size),
            };
        }
    }
}
