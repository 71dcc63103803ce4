using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Content;
using OciMirror.Core.Diagnostics;
using OciMirror.Core.Errors;
using OciMirror.Core.Layout;
using OciMirror.Core.Model;
using OciMirror.Core.References;
using OciMirror.Core.Volumes;

namespace OciMirror.Core.Archive
{
    /// <summary>
    /// A copy destination that writes a bundle as one tar, tgz or tar.zst (DESIGN §4), to a file or a stream,
    /// in one pass: <c>oci-layout</c> first, then each blob as soon as it is pushed (downloaded and
    /// verified; the copy engine pushes children before parents, so the archive has that order too),
    /// then <c>index.json</c>, with the names recorded by <see cref="TagAsync"/>, when
    /// <see cref="CompleteAsync"/> is called.
    /// <para>
    /// Pushes may run concurrently; the archive is written by one of them at a time. A push first
    /// spools its content, verified, into memory (manifests up to 4 MiB, other blobs up to 1 MiB) or a
    /// temporary file next to the destination, then appends it under a lock and deletes the file, so
    /// temporary space is at most concurrency × the largest blob and memory stays bounded whatever the
    /// blob sizes. A tgz or tar.zst puts every entry in its own gzip member or zstd frame: stored for
    /// compressed layers, fastest otherwise (<see cref="GzipMemberWriter.LevelFor"/>).
    /// </para>
    /// <para>
    /// A file is written to a temporary name next to it and renamed over it by CompleteAsync; until
    /// then the destination is untouched, and <see cref="Dispose"/> deletes the temporary file, so an
    /// interrupted export never leaves a truncated archive under the final name. Nothing is created
    /// until the first push. When the file exists, <see cref="OpenFileAsync(string, ArchiveFormat, ILogSink, CancellationToken)"/>
    /// reads it once and the export is incremental: its blobs count as present, its names resolve, and
    /// the new archive holds its blobs (streamed, in their order) followed by the new ones and the merged
    /// index.json.
    /// </para>
    /// <para>
    /// Writers of one archive file exclude each other across threads and processes with a lock file next
    /// to it (<see cref="ArchiveSiblings"/>): CompleteAsync renames under the exclusive lock and, when
    /// another writer replaced the archive since it was read, first adds that archive's blobs and names
    /// (theirs are kept, ours are added), so no writer's references are lost. Readers of the destination
    /// hold the lock shared. A temporary archive left by a killed export is reused (its verified blobs are
    /// not downloaded again, <see cref="ArchiveSalvage"/>) and stale spools are removed.
    /// </para>
    /// <para>
    /// Blobs of an artifact that fails halfway stay in the archive (content-addressed and harmless);
    /// they are never named in index.json because only a complete copy is tagged. Safe for concurrent
    /// Exists/Fetch/Push/Tag calls; CompleteAsync and Dispose come after every other call finished.
    /// </para>
    /// </summary>
    public sealed partial class ArchiveBundleWriter : ITarget, IBundleCatalog, IOriginAware, IDisposable
    {
        private readonly ArchiveOutput _output;
        private readonly ExistingArchive? _existing;
        private readonly ArchiveBase _base;
        private readonly CancellationTokenSource _abort;
        private readonly LayoutResolver _resolver;
        private readonly ConcurrentDictionary<Digest, long> _present = new ConcurrentDictionary<Digest, long>();
        private readonly ConcurrentDictionary<Digest, byte[]> _manifests = new ConcurrentDictionary<Digest, byte[]>();
        private readonly ConcurrentDictionary<Digest, string> _origins = new ConcurrentDictionary<Digest, string>();
        private readonly object _indexLock = new object();
        private readonly LayoutIndex _index;
        private readonly List<LayoutIndexEntry> _recorded = new List<LayoutIndexEntry>();
        private readonly List<LayoutIndexEntry> _started;
        private ILogSink? _log;
        private bool _indexChanged;

        private ArchiveBundleWriter(ArchiveOutput output, ArchiveFormat format, ArchiveBase archiveBase, CancellationToken abort)
        {
            if (!ArchiveFormatDetection.IsWritableArchive(format))
            {
                throw new ArgumentException($"An archive bundle is written as Tar, TarGzip or TarZstd, not {format}.", nameof(format));
            }

            _output = output;
            Format = format;
            _base = archiveBase;
            _existing = archiveBase.Existing;
            _abort = CancellationTokenSource.CreateLinkedTokenSource(abort);
            _index = _existing?.Index ?? LayoutIndex.CreateEmpty();
            _started = _index.Entries.ToList();
            Remember(_existing?.Blobs, _existing?.Manifests);
            Remember(archiveBase.Salvage?.Blobs, archiveBase.Salvage?.Manifests);

            _resolver = new LayoutResolver(output.DisplayName, output.DisplayName + ": index.json", this, digest => _manifests.TryGetValue(digest, out byte[]? bytes) ? bytes.LongLength : (long?)null);
        }

        /// <summary>The destination file (full path) or the stream's display name.</summary>
        public string Name => _output.DisplayName;

        /// <summary>Tar, TarGzip or TarZstd.</summary>
        public ArchiveFormat Format { get; }

        /// <summary>True when an existing archive is being extended (its blobs and names are kept).</summary>
        public bool IsIncremental => _existing != null;

        /// <summary>
        /// Prepares to write the archive <paramref name="path"/> (nothing is created yet). When a non-empty
        /// file is there it is read once, whatever its extension says (gzip is recognised by its magic
        /// bytes), and the export becomes incremental; the temporary archive of a killed export of the same
        /// file is claimed for reuse, and stale spools are removed. <paramref name="cancellationToken"/>
        /// cancels the opening only; the writer stops as a whole when it is disposed. Waiting for another
        /// writer is logged to <paramref name="log"/>. The caller disposes the writer.
        /// </summary>
        /// <exception cref="OciException">InvalidDestination naming the path: it is a directory, or an existing file that is not a readable OCI layout archive.</exception>
        /// <exception cref="ArgumentException"><paramref name="format"/> is Directory.</exception>
        /// <exception cref="IOException">The lock file next to the archive cannot be created.</exception>
        /// <exception cref="UnauthorizedAccessException">The archive's directory is not writable.</exception>
        public static Task<ArchiveBundleWriter> OpenFileAsync(string path, ArchiveFormat format, ILogSink? log, CancellationToken cancellationToken) =>
            OpenFileAsync(path, format, null, log, cancellationToken);

        /// <summary>As <see cref="OpenFileAsync(string, ArchiveFormat, long?, ILogSink, CancellationToken)"/> without a log.</summary>
        public static Task<ArchiveBundleWriter> OpenFileAsync(string path, ArchiveFormat format, long? splitSize, CancellationToken cancellationToken) =>
            OpenFileAsync(path, format, splitSize, null, cancellationToken);

        /// <summary>
        /// Like <see cref="OpenFileAsync(string, ArchiveFormat, ILogSink, CancellationToken)"/>; with
        /// <paramref name="splitSize"/> the archive is written as the parts <c>path.001</c>, <c>path.002</c>, …
        /// of at most that many bytes (a part number on <paramref name="path"/> is dropped), and an existing
        /// split set of that name, or an unsplit file, is extended and replaced by the new set. Without it,
        /// an existing split set of that name is refused rather than left beside a new unsplit file. The lock,
        /// the merge with another writer's commit and the debris cleanup work on the set's name; the temporary
        /// parts of a killed split export are removed, not reused (<see cref="ArchiveSiblings"/>).
        /// </summary>
        /// <exception cref="OciException">InvalidDestination as for the other overload, or an existing split set without <paramref name="splitSize"/>.</exception>
        public static async Task<ArchiveBundleWriter> OpenFileAsync(string path, ArchiveFormat format, long? splitSize, ILogSink? log, CancellationToken cancellationToken)
        {
            if (string.IsNullOrWhiteSpace(path))
            {
                throw new OciException(OciErrorKind.InvalidDestination, "No archive path was given.");
            }

            string full = Path.GetFullPath(path);
            full = splitSize != null ? SplitVolumeNames.WithoutPartNumber(full) : full;
            if (Directory.Exists(full))
            {
                throw new OciException(OciErrorKind.InvalidDestination, $"'{full}' is a directory; a {format} bundle is a file. Give a file name, or a directory with -Format Directory.") { Path = full };
            }

            ArchiveBase archiveBase = await ArchiveBase.ReadAsync(full, splitSize != null, log, cancellationToken).ConfigureAwait(false);
            try
            {
                ArchiveOutput output = splitSize != null ? ArchiveOutput.ForSplitFile(full, splitSize.Value) : ArchiveOutput.ForFile(full);
                return new ArchiveBundleWriter(output, format, archiveBase, CancellationToken.None) { _log = log };
            }
            catch
            {
                archiveBase.Dispose();
                throw;
            }
        }

        /// <summary>As <see cref="OpenFileAsync(string, ArchiveFormat, ILogSink, CancellationToken)"/> without a log.</summary>
        public static Task<ArchiveBundleWriter> OpenFileAsync(string path, ArchiveFormat format, CancellationToken cancellationToken) =>
            OpenFileAsync(path, format, (ILogSink?)null, cancellationToken);

        /// <summary>
        /// A writer into <paramref name="output"/> (stdout), never incremental; the archive starts with the
        /// first push and ends with <see cref="CompleteAsync"/>. The caller keeps ownership of the stream;
        /// <paramref name="displayName"/> names it in messages; <paramref name="abort"/> stops the writer as a whole
        /// (an append in progress is abandoned and the writer becomes unusable), like <see cref="Dispose"/>. Stale
        /// spools of killed stream exports are removed from the system temp directory.
        /// </summary>
        /// <exception cref="ArgumentException"><paramref name="format"/> is Directory.</exception>
        public static ArchiveBundleWriter ForStream(Stream output, ArchiveFormat format, string displayName, CancellationToken abort)
        {
            // Spools of a stream export live in the system temp directory: remove those of killed exports.
            ArchiveSiblings.RemoveStaleSpools(Path.GetTempPath(), DateTime.UtcNow, null);
            return new ArchiveBundleWriter(ArchiveOutput.ForStream(output ?? throw new ArgumentNullException(nameof(output)), displayName ?? "stream"), format, ArchiveBase.None, abort);
        }

        /// <summary>True for a blob already appended, or present in the archive being extended, with this size.</summary>
        public Task<bool> ExistsAsync(Descriptor target, CancellationToken cancellationToken) =>
            Task.FromResult(Has(target ?? throw new ArgumentNullException(nameof(target))));

        /// <summary>
        /// Reads back a manifest or index written (or found in the archive being extended): the archive
        /// itself is write-only, so only those, which plans and name resolution need, are kept in memory.
        /// The caller disposes the stream.
        /// </summary>
        /// <exception cref="OciException">NotFound for any other content.</exception>
        public Task<Stream> FetchAsync(Descriptor target, CancellationToken cancellationToken)
        {
            if (_manifests.TryGetValue(target.Digest, out byte[]? bytes))
            {
                return Task.FromResult<Stream>(new MemoryStream(bytes, writable: false));
            }

            return Task.FromException<Stream>(new OciException(OciErrorKind.NotFound, $"Content {target.Digest} cannot be read back from archive '{Name}' while it is written (only manifests and indexes can).") { Digest = target.Digest, Path = Name });
        }

        /// <summary>Resolves a name like <see cref="OciLayoutStore.ResolveAsync"/> does, over the names recorded so far (and the old archive's).</summary>
        /// <exception cref="OciException">NotFound listing the entries; AmbiguousReference listing the candidates.</exception>
        public Task<Descriptor> ResolveAsync(string reference, CancellationToken cancellationToken) =>
            _resolver.ResolveAsync(Snapshot(), reference, cancellationToken);

        /// <summary>
        /// Records <paramref name="target"/> under <paramref name="reference"/> for index.json, with the
        /// naming of <see cref="OciLayoutStore.TagAsync"/> (an entry with the same full name is replaced;
        /// foreign entries are kept). Nothing is written until <see cref="CompleteAsync"/>.
        /// </summary>
        /// <exception cref="OciException">InvalidReference; NotFound when the target is not in the archive.</exception>
        public async Task TagAsync(Descriptor target, string reference, CancellationToken cancellationToken)
        {
            ThrowIfUnusable();
            Reference parsed = Reference.Parse(reference);
            if (!Has(target))
            {
                throw new OciException(OciErrorKind.NotFound, $"Cannot tag {target.Digest} as '{parsed}': it is not in archive '{Name}'.") { Digest = target.Digest, Reference = reference, Path = Name };
            }

            Descriptor root = await _resolver.CompleteAsync(target, cancellationToken).ConfigureAwait(false);
            string fullName = LayoutNameResolver.FullNameOf(parsed);
            var entry = LayoutIndexEntry.FromDescriptor(root.WithAnnotations(LayoutNameResolver.AnnotationsFor(root, parsed)));
            lock (_indexLock)
            {
                _index.Upsert(entry, existing => LayoutNameResolver.Describe(existing.Descriptor).FullName == fullName);
                _recorded.Add(entry);
                _indexChanged = true;
            }
        }

        /// <summary>Records the repository <paramref name="digest"/> is exported for in its tar entry (<see cref="OriginRecord"/>); the first one noted wins.</summary>
        public void NoteOrigin(Digest digest, string repository) => _origins.TryAdd(digest, repository);

        /// <summary>The entries index.json will have, in order.</summary>
        public Task<IReadOnlyList<BundleEntry>> ListEntriesAsync(CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<BundleEntry>>(Snapshot());

        /// <summary>The tar entry name of a blob: <c>blobs/&lt;alg&gt;/&lt;encoded&gt;</c> (ustar-safe).</summary>
        internal static string BlobEntryName(Digest digest) => "blobs/" + digest.Algorithm + "/" + digest.Encoded;

        internal static async Task<ArchiveFormat> DetectAsync(string path, CancellationToken cancellationToken)
        {
            var prefix = new byte[TarHeader.BlockSize];
            int got = 0;
            using (Stream stream = ArchiveFile.OpenRead(path))
            {
                int n;
                while (got < prefix.Length && (n = await stream.ReadAsync(prefix, got, prefix.Length - got, cancellationToken).ConfigureAwait(false)) > 0)
                {
                    got += n;
                }
            }

            return ArchiveFormatDetection.FromHeader(new ArraySegment<byte>(prefix, 0, got)) ?? throw new OciException(
                OciErrorKind.InvalidDestination,
                $"'{path}' exists and is not a tar or compressed tar (gzip, zstd, xz, bzip2); refusing to overwrite it.")
            { Path = path, RecommendedAction = "Choose a new file name, or remove the file." };
        }

        private bool Has(Descriptor target) => _present.TryGetValue(target.Digest, out long size) && size == target.Size;

        private void Remember(Dictionary<Digest, (long Size, System.IO.Compression.CompressionLevel Level)>? blobs, Dictionary<Digest, byte[]>? manifests)
        {
            foreach (KeyValuePair<Digest, (long Size, System.IO.Compression.CompressionLevel Level)> blob in blobs ?? new Dictionary<Digest, (long, System.IO.Compression.CompressionLevel)>())
            {
                _present[blob.Key] = blob.Value.Size;
            }

            foreach (KeyValuePair<Digest, byte[]> manifest in manifests ?? new Dictionary<Digest, byte[]>())
            {
                _manifests[manifest.Key] = manifest.Value;
            }
        }

        private List<BundleEntry> Snapshot()
        {
            lock (_indexLock)
            {
                return _index.Entries.Select(e => LayoutNameResolver.Describe(e.Descriptor)).ToList();
            }
        }
    }
}
