using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Archive;
using OciMirror.Core.Diagnostics;
using OciMirror.Core.Errors;
using OciMirror.Core.Model;

namespace OciMirror.Core.Layout
{
    /// <summary>
    /// The one scan of a seekable tar behind <see cref="TarLayoutReader"/>: headers are read in order
    /// (data is skipped by seeking), every entry passes the path policy of <see cref="BundleEntryName"/>
    /// and the duplicate check of <see cref="BundleEntryNameSet"/>, and only oci-layout and index.json
    /// are read.
    /// </summary>
    internal static class TarLayoutIndexer
    {
        /// <summary>
        /// One warning for the entries outside the layout that were skipped (none for docker save's
        /// manifest.json and repositories, which a Docker 25+ save writes next to its layout).
        /// </summary>
        public static void ReportSkipped(string archive, SkippedEntries skipped, ILogSink log)
        {
            string? summary = skipped.Describe(archive);
            if (summary != null)
            {
                log.Log(LogLevel.Warning, summary);
            }
            else if (skipped.Count > 0)
            {
                log.Log(LogLevel.Verbose, $"Archive '{archive}': skipped docker save's manifest.json/repositories next to the OCI layout.");
            }
        }

        /// <summary>How index.json of an archive is named in messages.</summary>
        public static string IndexDisplayName(string archive) => archive + "!index.json";

        /// <exception cref="OciException">See <see cref="TarLayoutReader.OpenAsync"/>.</exception>
        public static async Task<(Dictionary<Digest, TarBlobLocation> Blobs, LayoutIndex Index)> IndexAsync(string path, ILogSink log, CancellationToken cancellationToken)
        {
            var blobs = new Dictionary<Digest, TarBlobLocation>();
            var names = new BundleEntryNameSet(path);
            var skipped = new SkippedEntries();
            byte[]? marker = null, index = null;
            try
            {
                using Stream file = Volumes.ArchiveFile.OpenRead(path);
                using var reader = new TarReader(file, leaveOpen: true, archiveName: path);
                TarEntry? entry;
                while ((entry = await NextAsync(reader, file, cancellationToken).ConfigureAwait(false)) != null)
                {
                    BundleEntryName name = BundleEntryName.Classify(entry, path);
                    names.Add(name);
                    switch (name.Kind)
                    {
                        case BundleEntryKind.Blob:
                            blobs.Add(name.Digest!.Value, new TarBlobLocation(entry.DataOffset, entry.Size));
                            break;
                        case BundleEntryKind.LayoutMarker:
                            marker = await TarEntryContent.ReadAllAsync(entry, name.Name, LayoutMarker.MaxBytes, path, cancellationToken).ConfigureAwait(false);
                            break;
                        case BundleEntryKind.Index:
                            index = await TarEntryContent.ReadAllAsync(entry, name.Name, OciLimits.MaxManifestBytes, path, cancellationToken).ConfigureAwait(false);
                            break;
                        case BundleEntryKind.Unrecognized:
                            skipped.Add(name);
                            break;
                    }
                }
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                throw new OciException(OciErrorKind.IOFailed, $"Cannot read archive '{path}': {e.Message}", e) { Path = path };
            }

            if (marker == null)
            {
                throw NotABundle.ForArchive(path, skipped);
            }

            if (index == null)
            {
                throw ArchiveErrors.Invalid(path, $"it is not a complete OCI layout archive: it has no '{LayoutPaths.IndexFileName}' entry.");
            }

            LayoutMarker.Check(path + "!" + LayoutPaths.LayoutFileName, marker);
            ReportSkipped(path, skipped, log);
            return (blobs, LayoutIndex.Parse(index, IndexDisplayName(path)));
        }

        /// <summary>The next entry; a cut or corrupt split set names the part where reading stood.</summary>
        private static async Task<TarEntry?> NextAsync(TarReader reader, Stream file, CancellationToken cancellationToken)
        {
            try
            {
                return await reader.GetNextEntryAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OciException e) when (e.Kind == OciErrorKind.InvalidLayout)
            {
                throw Volumes.ArchiveFile.Locate(file, e);
            }
        }
    }
}
