using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Bundles;
using OciMirror.Core.Content;
using OciMirror.Core.Diagnostics;
using OciMirror.Core.Errors;
using OciMirror.Core.Layout;

namespace OciMirror.Core.Operations
{
    /// <summary>
    /// Lists the named roots of a bundle: a layout directory, a .tar, a .tgz, or a stream (tar or tgz by
    /// magic bytes). The bundle is read once, in order (index.json may come last): blobs are recorded
    /// with their sizes, manifests and indexes (each ≤ 4 MiB, 64 MiB in all) kept in memory, and each
    /// root is described at the end. Large blobs of a .tar file are skipped by seeking. Nothing is written.
    /// </summary>
    public sealed class BundleListOperation
    {
        public BundleListOperation(BundleRequest request)
        {
            Request = request ?? throw new ArgumentNullException(nameof(request));
        }

        public BundleRequest Request { get; }

        /// <summary>
        /// One <see cref="BundleArtifactInfo"/> per index.json root, in index order. Skipped archive
        /// entries (docker save's extras) are warnings to <paramref name="log"/>.
        /// </summary>
        /// <exception cref="OciException">InvalidLayout naming the path or entry: not a bundle, missing or
        /// invalid oci-layout or index.json, a hostile or duplicate entry, a truncated or corrupt archive;
        /// ContentTooLarge for an oversized index.json or manifest total; IOFailed.</exception>
        public async Task<IReadOnlyList<BundleArtifactInfo>> RunAsync(ILogSink log, CancellationToken cancellationToken)
        {
            BundleScan scan = await BundlePass.RunAsync(Request, lenient: false, new HashingBlobSink(hashLarge: false, null), log ?? NullLogSink.Instance, null, cancellationToken).ConfigureAwait(false);
            if (scan.StreamError != null)
            {
                throw scan.StreamError;
            }

            LayoutIndex index = ScannedLayout.ReadIndex(scan)!;
            IReadOnlyList<BundleEntry> entries = index.DescribeEntries();
            string indexName = ScannedLayout.FileName(scan, LayoutPaths.IndexFileName);
            IReadOnlyList<string> names = BundleEntryNames.Of(entries);
            var list = new List<BundleArtifactInfo>(entries.Count);
            for (int i = 0; i < entries.Count; i++)
            {
                BundleEntry entry = entries[i];
                RootWalk walk = BundleWalker.Walk(scan, entry.Descriptor, indexName);
                list.Add(new BundleArtifactInfo
                {
                    FullName = entry.FullName,
                    Tag = entry.Tag,
                    Reference = names[i],
                    Digest = entry.Descriptor.Digest.ToString(),
                    MediaType = walk.MediaType,
                    ArtifactType = walk.RootInfo?.ArtifactType ?? entry.Descriptor.ArtifactType,
                    Platforms = walk.RootInfo?.IsIndex == true || entry.Descriptor.Platform == null
                        ? walk.RootInfo?.Platforms.Select(p => p.ToString()).ToList() ?? new List<string>()
                        : new List<string> { entry.Descriptor.Platform.ToString() }, // one platform exported from an index
                    Size = walk.HeldBytes,
                });
            }

            return list;
        }
    }
}
