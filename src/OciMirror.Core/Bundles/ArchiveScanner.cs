using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Archive;
using OciMirror.Core.Diagnostics;
using OciMirror.Core.Errors;
using OciMirror.Core.Layout;
using OciMirror.Core.Model;

namespace OciMirror.Core.Bundles
{
    /// <summary>
    /// One forward pass over an uncompressed tar (a file, stdin, a gzip decoder): each entry is checked
    /// against the path policy and for duplicates, oci-layout and index.json are read (capped), and each
    /// blob goes through <see cref="BlobIngest"/>. Nothing is written anywhere. A truncated or corrupt
    /// archive stops the pass with <see cref="BundleScan.StreamError"/> set; hostile entries throw in
    /// strict mode and are recorded in lenient mode.
    /// </summary>
    internal static class ArchiveScanner
    {
        /// <summary>Reads <paramref name="tar"/> (not disposed) to its end or to the first archive error.</summary>
        /// <exception cref="OciException">Strict mode: InvalidLayout for a hostile or duplicate entry, ContentTooLarge for an oversized index.json, oci-layout or manifest total.</exception>
        public static async Task ScanAsync(Stream tar, BundleScan scan, IBlobSink sink, Action<long>? onBytes, CancellationToken cancellationToken)
        {
            scan.IsArchive = true;
            string archive = scan.BundleName;
            using var reader = new TarReader(tar, leaveOpen: true, archiveName: archive);
            var names = new BundleEntryNameSet(archive);
            while (true)
            {
                TarEntry? entry;
                try
                {
                    entry = await reader.GetNextEntryAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (OciException e) when (e.Kind == OciErrorKind.InvalidLayout)
                {
                    scan.StreamError = e;
                    return;
                }

                if (entry == null)
                {
                    scan.EndMarkerFound = reader.EndMarkerFound;
                    return;
                }

                BundleEntryName name;
                try
                {
                    name = BundleEntryName.Classify(entry, archive);
                    names.Add(name);
                }
                catch (OciException e) when (scan.Lenient && e.Kind == OciErrorKind.InvalidLayout)
                {
                    scan.Problems.Add(e.Message);
                    continue;
                }

                try
                {
                    await ProcessAsync(scan, sink, entry, name, onBytes, cancellationToken).ConfigureAwait(false);
                }
                catch (OciException e) when (e.Kind == OciErrorKind.InvalidLayout)
                {
                    scan.StreamError = e;
                    return;
                }
            }
        }

        private static async Task ProcessAsync(BundleScan scan, IBlobSink sink, TarEntry entry, BundleEntryName name, Action<long>? onBytes, CancellationToken cancellationToken)
        {
            string archive = scan.BundleName;
            switch (name.Kind)
            {
                case BundleEntryKind.Blob:
                    await BlobIngest.ProcessAsync(scan, sink, name.Digest!.Value, entry.Size, name.Name, entry.DataStream, onBytes, cancellationToken, origin: OriginRecord.Of(entry)).ConfigureAwait(false);
                    break;
                case BundleEntryKind.LayoutMarker:
                    scan.HasMarker = true;
                    scan.Marker = await ReadCappedAsync(scan, entry, name, LayoutMarker.MaxBytes, cancellationToken).ConfigureAwait(false);
                    break;
                case BundleEntryKind.Index:
                    scan.HasIndex = true;
                    scan.Index = await ReadCappedAsync(scan, entry, name, OciLimits.MaxManifestBytes, cancellationToken).ConfigureAwait(false);
                    break;
                case BundleEntryKind.Unrecognized:
                    // Reported once at the end (ScannedLayout), with what the archive is if it is no layout at all.
                    scan.Skipped.Add(name);
                    break;
            }
        }

        private static async Task<byte[]?> ReadCappedAsync(BundleScan scan, TarEntry entry, BundleEntryName name, long max, CancellationToken cancellationToken)
        {
            try
            {
                return await TarEntryContent.ReadAllAsync(entry, name.Name, max, scan.BundleName, cancellationToken).ConfigureAwait(false);
            }
            catch (OciException e) when (e.Kind == OciErrorKind.ContentTooLarge)
            {
                scan.Problem(e);
                return null;
            }
        }
    }
}
