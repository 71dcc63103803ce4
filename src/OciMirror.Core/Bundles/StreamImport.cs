using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Content;
using OciMirror.Core.Diagnostics;
using OciMirror.Core.Errors;
using OciMirror.Core.Layout;

namespace OciMirror.Core.Bundles
{
    /// <summary>
    /// The reading half of a one-pass import (a .tgz, stdin): reads the archive in order, uploads each
    /// verified blob as it streams where a <see cref="BlobPlacement"/> says (or only verifies it when
    /// uploading was declined), keeps manifests and indexes in memory, and returns the
    /// <see cref="StagedBundle"/> the copy engine imports from once index.json — usually the last entry — has arrived.
    /// </summary>
    internal static class StreamImport
    {
        /// <param name="placement">Makes the placement of the pass's blobs; null when nothing may be uploaded (blobs are only verified).</param>
        /// <exception cref="OciException">InvalidLayout naming the entry: a hostile or duplicate entry, an
        /// archive that is not a layout, an invalid index.json or oci-layout, or a stream that ended or
        /// broke before index.json arrived (nothing is tagged then); ContentTooLarge for an index.json over
        /// 4 MiB or more than 64 MiB of manifests.</exception>
        public static async Task<StagedBundle> ReadAsync(Stream tar, string bundleName, Func<BundleScan, BlobPlacement>? placement, ILogSink log, Action<long>? onBytes, CancellationToken cancellationToken)
        {
            var scan = new BundleScan(bundleName, lenient: false, log);
            BlobPlacement? placed = placement?.Invoke(scan);
            IBlobSink sink = placed != null ? new StagingBlobSink(placed, onBytes) : new HashingBlobSink(hashLarge: true, onBytes);
            await ArchiveScanner.ScanAsync(tar, scan, sink, onBytes, cancellationToken).ConfigureAwait(false);
            string uploaded = placed == null ? "nothing was uploaded"
                : placed.UsedStaging ? $"blobs already uploaded to staging repository '{placed.Staging}' stay untagged until the registry's garbage collector removes them"
                : "blobs already uploaded stay untagged until the registry's garbage collector removes them";
            if (scan.StreamError != null)
            {
                if (scan.Index == null)
                {
                    throw new OciException(
                        OciErrorKind.InvalidLayout,
                        $"{scan.StreamError.Message.TrimEnd('.')}. index.json never arrived, so nothing was imported or tagged; {uploaded}.",
                        scan.StreamError)
                    {
                        Path = bundleName,
                        RecommendedAction = "Transfer the bundle again and repeat the import.",
                    };
                }

                log.Log(LogLevel.Warning, $"Reading '{bundleName}' stopped early: {scan.StreamError.Message} Artifacts whose content arrived complete are imported; the others fail.");
            }

            LayoutIndex index = ScannedLayout.ReadIndex(scan)!;
            return new StagedBundle(scan, index.DescribeEntries(), placed);
        }
    }
}
