using System;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Archive;
using OciMirror.Core.Diagnostics;
using OciMirror.Core.DockerArchive;
using OciMirror.Core.Errors;
using OciMirror.Core.Layout;
using OciMirror.Core.Model;

namespace OciMirror.Core.Bundles
{
    /// <summary>
    /// The pass of list and verify over a classic docker save archive (a seekable tar): it fills the
    /// <see cref="BundleScan"/> with the OCI layout the archive would be, the one import builds
    /// (<see cref="DockerSaveIndex"/>), so the same walk lists its images under their new digests and
    /// checks every layer against its diff_id, and says, as a warning, what the archive is.
    /// </summary>
    internal static class DockerSaveScanner
    {
        /// <summary>Scans <paramref name="tar"/> (seekable, not disposed).</summary>
        /// <exception cref="OciException">Strict mode: InvalidLayout when the archive is not a readable docker save archive.</exception>
        public static async Task ScanAsync(Stream tar, BundleScan scan, IBlobSink sink, Action<long>? onBytes, CancellationToken cancellationToken)
        {
            scan.IsArchive = true;
            DockerSaveIndex index;
            try
            {
                index = await DockerSaveIndex.LoadAsync(tar, scan.BundleName, cancellationToken).ConfigureAwait(false);
            }
            catch (OciException e) when (scan.Lenient && e.Kind == OciErrorKind.InvalidLayout)
            {
                scan.StreamError = e;
                return;
            }

            scan.Log.Log(LogLevel.Warning, DockerSaveNotice.Describe(scan.BundleName, index.Images));
            scan.Marker = Encoding.UTF8.GetBytes(LayoutMarker.Content);
            scan.HasMarker = true;
            scan.Index = index.IndexJson;
            scan.HasIndex = true;
            scan.EndMarkerFound = index.EndMarkerFound;
            foreach (var blob in index.Blobs)
            {
                Stream data;
                if (blob.Value.Bytes != null)
                {
                    data = new MemoryStream(blob.Value.Bytes, writable: false);
                }
                else
                {
                    tar.Seek(blob.Value.Offset, SeekOrigin.Begin);
                    data = new FileWindowStream(new LeaveOpenStream(tar), blob.Value.Size);
                }

                string location = blob.Value.Entry != null ? scan.BundleName + "!" + blob.Value.Entry : $"the manifest built for {scan.BundleName}";
                using (data)
                {
                    try
                    {
                        await BlobIngest.ProcessAsync(scan, sink, blob.Key, blob.Value.Size, location, data, onBytes, cancellationToken, blob.Value.Entry != null ? location : null).ConfigureAwait(false);
                    }
                    catch (OciException e) when (e.Kind == OciErrorKind.InvalidLayout)
                    {
                        scan.StreamError = e;
                        return;
                    }
                }
            }
        }
    }
}
