using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Archive;
using OciMirror.Core.Content;
using OciMirror.Core.Diagnostics;
using OciMirror.Core.Errors;
using OciMirror.Core.Model;

namespace OciMirror.Core.Layout
{
    /// <summary>
    /// A seekable <c>.tar</c> of an OCI image layout (ours, skopeo <c>oci-archive:</c>, docker save from
    /// Docker 25+, crane/oras layouts packed with tar) read in place as a copy source and bundle catalog.
    /// <see cref="OpenAsync"/> scans the headers once (any entry order, pax/GNU headers, <c>./</c>
    /// prefixes) and records where each blob's data lies; nothing is ever extracted. Fetches open the
    /// file again (shared read) and return a bounded window, so many fetches may run at once. Names and
    /// resolution follow the same rules as a layout directory (DESIGN §4). Holds no open handle between
    /// calls; thread-safe after opening.
    /// </summary>
    public sealed class TarLayoutReader : IReadOnlyTarget, IBundleCatalog
    {
        private readonly IReadOnlyDictionary<Digest, TarBlobLocation> _blobs;
        private readonly IReadOnlyList<BundleEntry> _entries;
        private readonly LayoutResolver _resolver;

        private TarLayoutReader(string path, IReadOnlyDictionary<Digest, TarBlobLocation> blobs, LayoutIndex index)
        {
            Path = path;
            _blobs = blobs;
            _entries = index.DescribeEntries();
            _resolver = new LayoutResolver(path, TarLayoutIndexer.IndexDisplayName(path), this, BlobSize);
        }

        /// <summary>The archive file (full path).</summary>
        public string Path { get; }

        /// <summary>Blobs the archive holds.</summary>
        public int BlobCount => _blobs.Count;

        /// <summary>
        /// Indexes the archive at <paramref name="path"/>. Entries outside the layout (docker save's
        /// <c>manifest.json</c> and <c>repositories</c>) are skipped with a warning to <paramref name="log"/>.
        /// </summary>
        /// <exception cref="OciException">InvalidLayout naming the entry: a hostile entry (absolute path,
        /// <c>..</c>, link, device…), a duplicate, a truncated or corrupt archive, a missing or invalid
        /// <c>oci-layout</c> or <c>index.json</c>; ContentTooLarge for an index.json over 4 MiB;
        /// IOFailed when the file cannot be read.</exception>
        public static async Task<TarLayoutReader> OpenAsync(string path, ILogSink? log, CancellationToken cancellationToken)
        {
            string full = System.IO.Path.GetFullPath(path);
            // Indexed under the name the caller gave, so that its messages read like those of ls and verify.
            (Dictionary<Digest, TarBlobLocation> blobs, LayoutIndex index) =
                await TarLayoutIndexer.IndexAsync(path, log ?? NullLogSink.Instance, cancellationToken).ConfigureAwait(false);
            return new TarLayoutReader(full, blobs, index);
        }

        /// <summary>
        /// Opens the blob's bytes in place: a new shared-read file handle positioned at the entry's data,
        /// limited to its size. Not verified here (the copy engine verifies). The caller disposes the stream.
        /// </summary>
        /// <exception cref="OciException">NotFound naming the digest and archive; IOFailed.</exception>
        public Task<Stream> FetchAsync(Descriptor target, CancellationToken cancellationToken)
        {
            if (!_blobs.TryGetValue(target.Digest, out TarBlobLocation location))
            {
                throw new OciException(OciErrorKind.NotFound, $"Blob {target.Digest} is not in archive '{Path}'.") { Digest = target.Digest, Path = Path };
            }

            Stream? file = null;
            try
            {
                file = Volumes.ArchiveFile.OpenRead(Path);
                file.Seek(location.DataOffset, SeekOrigin.Begin);
                return Task.FromResult<Stream>(new FileWindowStream(file, location.Size));
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                file?.Dispose();
                throw new OciException(OciErrorKind.IOFailed, $"Cannot read blob {target.Digest} (entry '{LayoutPaths.BlobEntry(target.Digest)}') from archive '{Path}': {e.Message}", e) { Digest = target.Digest, Path = Path };
            }
        }

        /// <summary>True when the archive holds the blob with the descriptor's size.</summary>
        public Task<bool> ExistsAsync(Descriptor target, CancellationToken cancellationToken) =>
            Task.FromResult(_blobs.TryGetValue(target.Digest, out TarBlobLocation location) && location.Size == target.Size);

        /// <summary>Resolves a name like <see cref="OciLayoutStore.ResolveAsync"/> does.</summary>
        /// <exception cref="OciException">NotFound listing the entries; AmbiguousReference listing the candidates.</exception>
        public Task<Descriptor> ResolveAsync(string reference, CancellationToken cancellationToken) =>
            _resolver.ResolveAsync(_entries, reference, cancellationToken);

        /// <summary>One entry per index.json manifest, in file order, with names resolved from every peer convention.</summary>
        public Task<IReadOnlyList<BundleEntry>> ListEntriesAsync(CancellationToken cancellationToken) => Task.FromResult(_entries);

        /// <summary>The size of a blob held by the archive, or null.</summary>
        internal long? BlobSize(Digest digest) => _blobs.TryGetValue(digest, out TarBlobLocation location) ? location.Size : (long?)null;
    }
}
