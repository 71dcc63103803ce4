using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Content;
using OciMirror.Core.Diagnostics;
using OciMirror.Core.Errors;
using OciMirror.Core.Model;
using OciMirror.Core.References;

namespace OciMirror.Core.Layout
{
    /// <summary>
    /// An OCI image layout directory (image-spec v1.1.0, image-layout.md) as a copy target and bundle
    /// catalog (DESIGN §4). Blobs live at <c>blobs/&lt;alg&gt;/&lt;encoded&gt;</c> and are written
    /// atomically through <c>ingest/</c>; roots are named in index.json with the docker/containerd
    /// convention and read with every peer's convention. Fetch, Exists and Push are safe to call from
    /// many tasks at once; index.json updates are serialized across threads and processes. Dispose removes an empty <c>ingest/</c>.
    /// </summary>
    public sealed class OciLayoutStore : ITarget, IBundleCatalog, IDisposable
    {
        private readonly LayoutPaths _paths;
        private readonly LayoutOpenMode _mode;
        private readonly BlobWriter _writer;
        private readonly LayoutResolver _resolver;
        private readonly LayoutIndexFile _indexFile;
        private volatile LayoutIndex _index;

        private OciLayoutStore(LayoutPaths paths, LayoutOpenMode mode, LayoutIndex index, ILogSink? log)
        {
            _paths = paths;
            _mode = mode;
            _index = index;
            _writer = new BlobWriter(paths);
            _resolver = new LayoutResolver(paths, this);
            _indexFile = new LayoutIndexFile(paths, log);
        }

        /// <summary>The layout root directory (full path).</summary>
        public string Root => _paths.Root;

        /// <summary>
        /// Opens the layout at <paramref name="path"/>. <see cref="LayoutOpenMode.CreateOrOpen"/> creates
        /// <c>oci-layout</c> and an empty <c>index.json</c> in a missing or empty directory and opens an
        /// existing layout; <see cref="LayoutOpenMode.ReadOnly"/> requires a valid layout and makes the
        /// store refuse writes. Writers in other threads and processes are excluded with a lock file
        /// (<c>.ocimirror.lock</c>, present only while a writer creates the layout or updates index.json):
        /// creating a new layout is safe when several exports start at once, index.json updates never
        /// lose another writer's entries, and debris of an interrupted writer (<c>ingest/</c> files,
        /// temporary index files) older than this call and held by no live writer is removed. Waiting
        /// for another writer is logged to <paramref name="log"/>. The caller disposes the store.
        /// </summary>
        /// <exception cref="OciException">
        /// InvalidDestination (CreateOrOpen: the path is a file, or a non-empty directory that is not a
        /// layout, or cannot be created); InvalidLayout (missing or malformed <c>oci-layout</c>/<c>index.json</c>,
        /// unsupported layout version). Messages name the path and the reason.
        /// </exception>
        public static async Task<OciLayoutStore> OpenAsync(string path, LayoutOpenMode mode, CancellationToken cancellationToken, ILogSink? log = null)
        {
            if (string.IsNullOrWhiteSpace(path))
            {
                throw new OciException(mode == LayoutOpenMode.ReadOnly ? OciErrorKind.InvalidLayout : OciErrorKind.InvalidDestination, "The layout path is empty.");
            }

            var paths = new LayoutPaths(path);
            LayoutIndex index = await LayoutOpener.OpenAsync(paths, mode, log, cancellationToken).ConfigureAwait(false);
            return new OciLayoutStore(paths, mode, index, log);
        }

        /// <summary>
        /// Opens the blob for reading (shared read and delete, asynchronous I/O). The caller disposes the
        /// stream. The bytes are not verified here; wrap the stream in <see cref="VerifyingReadStream"/>. The
        /// file is examined first and never read through a link (<see cref="LayoutFiles"/>).
        /// </summary>
        /// <exception cref="OciException">NotFound naming the digest and file; InvalidLayout when the entry is a
        /// link, a directory or a special file; IOFailed when it cannot be opened.</exception>
        public Task<Stream> FetchAsync(Descriptor target, CancellationToken cancellationToken)
        {
            string file = _paths.Blob(target.Digest);
            try
            {
                long length = LayoutFiles.Probe(Root, LayoutPaths.BlobEntry(target.Digest), file) ?? throw new FileNotFoundException(file);
                return Task.FromResult(LayoutFiles.OpenRead(file, length, FileOptions.Asynchronous | FileOptions.SequentialScan));
            }
            catch (Exception e) when (e is FileNotFoundException || e is DirectoryNotFoundException)
            {
                throw new OciException(OciErrorKind.NotFound, $"Blob {target.Digest} is not in layout '{Root}' (no file '{file}').", e) { Digest = target.Digest, Path = file };
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                throw new OciException(OciErrorKind.IOFailed, $"Cannot read blob {target.Digest} from '{file}': {e.Message}", e) { Digest = target.Digest, Path = file };
            }
        }

        /// <summary>
        /// True when the blob file exists with the descriptor's size. Cheap by design: blobs only appear
        /// after verification, and re-hashing belongs to a verify command. A link is never followed.
        /// </summary>
        /// <exception cref="OciException">InvalidLayout when the entry is a link, a directory or a special file.</exception>
        public Task<bool> ExistsAsync(Descriptor target, CancellationToken cancellationToken) =>
            Task.FromResult(LayoutFiles.Probe(Root, LayoutPaths.BlobEntry(target.Digest), _paths.Blob(target.Digest)) == target.Size);

        /// <summary>
        /// Stores <paramref name="content"/> as <paramref name="expected"/>: streamed through a verifier
        /// into <c>ingest/</c>, flushed, then renamed into <c>blobs/</c>. Content already present (another
        /// writer of the layout stored it since the caller looked) is still read and verified, then dropped:
        /// the copy engine requires a destination to consume and verify what it is given. Nothing partial
        /// stays behind on failure. The caller keeps ownership of the stream.
        /// </summary>
        /// <exception cref="OciException">DigestMismatch (wrong, short or long content); IOFailed.</exception>
        /// <exception cref="OperationCanceledException">Cancelled; nothing is left behind.</exception>
        /// <exception cref="InvalidOperationException">The store was opened read-only.</exception>
        public async Task PushAsync(Descriptor expected, Stream content, CancellationToken cancellationToken)
        {
            EnsureWritable();
            if (await ExistsAsync(expected, cancellationToken).ConfigureAwait(false))
            {
                await DrainVerifiedAsync(expected, content, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await _writer.WriteAsync(expected, content, cancellationToken).ConfigureAwait(false);
            }
        }

        /// <summary>
        /// Resolves, in this order: "" (the single root of an untagged layout); a sha256/sha512 digest (a root
        /// with that digest, else any manifest or index blob present, such as a child manifest); a tag or
        /// full name exactly as stored; a reference normalized like docker (<c>nginx:1.27</c> matches
        /// <c>docker.io/library/nginx:1.27</c>; <c>name@digest</c> matches that digest within the
        /// repository). Entries sharing one digest count once. The descriptor carries the root's media
        /// type (read from the blob when the entry omits it), digest, size and the entry's annotations.
        /// </summary>
        /// <exception cref="OciException">NotFound listing the bundle's entries; AmbiguousReference listing the candidates.</exception>
        public Task<Descriptor> ResolveAsync(string reference, CancellationToken cancellationToken) =>
            _resolver.ResolveAsync(_index.DescribeEntries(), reference, cancellationToken);

        /// <summary>
        /// Names <paramref name="target"/> in index.json as <paramref name="reference"/> (normalized:
        /// <c>nginx:1.27</c> is <c>docker.io/library/nginx:1.27</c>) with <c>io.containerd.image.name</c> =
        /// the full name and <c>org.opencontainers.image.ref.name</c> = the tag (none for a digest-only
        /// reference). An entry with the same full name is replaced (a moved tag); other entries and unknown
        /// fields are kept; entries are written sorted by name, then digest (<see cref="LayoutIndex.ToBytes"/>).
        /// index.json is re-read and replaced atomically under the layout's lock (threads and processes).
        /// </summary>
        /// <exception cref="OciException">InvalidReference; NotFound when the target is not stored; InvalidLayout; IOFailed.</exception>
        /// <exception cref="InvalidOperationException">The store was opened read-only.</exception>
        public async Task TagAsync(Descriptor target, string reference, CancellationToken cancellationToken)
        {
            EnsureWritable();
            Reference parsed = Reference.Parse(reference);
            if (!await ExistsAsync(target, cancellationToken).ConfigureAwait(false))
            {
                throw new OciException(OciErrorKind.NotFound, $"Cannot tag {target.Digest} as '{parsed}': it is not stored in layout '{Root}'.") { Digest = target.Digest, Reference = reference, Path = Root };
            }

            Descriptor root = await _resolver.CompleteAsync(target, cancellationToken).ConfigureAwait(false);
            string fullName = LayoutNameResolver.FullNameOf(parsed);
            var entry = LayoutIndexEntry.FromDescriptor(root.WithAnnotations(LayoutNameResolver.AnnotationsFor(root, parsed)));
            try
            {
                await _indexFile.UpdateAsync(
                    index => index.Upsert(entry, existing => LayoutNameResolver.Describe(existing.Descriptor).FullName == fullName),
                    index => _index = index,
                    cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                throw WriteFailures.Is(e) ? WriteFailures.Describe(e, _paths.IndexFile, $"the name '{parsed}'")
                    : new OciException(OciErrorKind.IOFailed, $"Cannot update '{_paths.IndexFile}': {e.Message}", e) { Path = _paths.IndexFile, Reference = reference };
            }
        }

        /// <summary>One entry per index.json manifest, in file order, with names resolved from every peer convention.</summary>
        public Task<IReadOnlyList<BundleEntry>> ListEntriesAsync(CancellationToken cancellationToken) =>
            Task.FromResult(_index.DescribeEntries());

        /// <summary>Removes <c>ingest/</c> when it is empty, so a finished bundle holds only layout files.</summary>
        public void Dispose()
        {
            try
            {
                if (Directory.Exists(_paths.IngestDirectory) && !Directory.EnumerateFileSystemEntries(_paths.IngestDirectory).Any())
                {
                    Directory.Delete(_paths.IngestDirectory, recursive: false);
                }
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                // Another writer started a push meanwhile, or the directory is locked: leave it.
            }
        }

        private static async Task DrainVerifiedAsync(Descriptor expected, Stream content, CancellationToken cancellationToken)
        {
            var buffer = new byte[(int)Math.Min(81920, Math.Max(expected.Size + 1, 4096))];
            using Stream verified = PushContent.OpenVerified(content, expected);
            while (await verified.ReadAsync(buffer, 0, buffer.Length, cancellationToken).ConfigureAwait(false) > 0)
            {
            }
        }

        private void EnsureWritable()
        {
            if (_mode == LayoutOpenMode.ReadOnly)
            {
                throw new InvalidOperationException($"Layout '{Root}' was opened read-only.");
            }
        }
    }
}
