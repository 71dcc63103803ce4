using System;
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
using OciMirror.Core.Volumes;

namespace OciMirror.Core.DockerArchive
{
    /// <summary>
    /// A classic <c>docker save</c> archive file (or split set) as a copy source and bundle catalog, read
    /// in place like <see cref="TarLayoutReader"/>: manifests built by <see cref="DockerSaveIndex"/> come
    /// from memory, configs too, layers from a window of the archive. Opening logs, as a warning, that
    /// every image gets a new manifest digest and which. Thread-safe after opening; holds no open handle
    /// between calls.
    /// </summary>
    internal sealed class DockerSaveReader : IReadOnlyTarget, IBundleCatalog
    {
        private readonly DockerSaveIndex _index;
        private readonly IReadOnlyList<BundleEntry> _entries;
        private readonly LayoutResolver _resolver;

        private DockerSaveReader(string path, DockerSaveIndex index)
        {
            Path = path;
            _index = index;
            _entries = LayoutIndex.Parse(index.IndexJson, path + "!manifest.json").DescribeEntries();
            _resolver = new LayoutResolver(path, path + "!manifest.json", this, d => _index.Blobs.TryGetValue(d, out var b) ? b.Size : (long?)null);
        }

        /// <summary>The archive (full path).</summary>
        public string Path { get; }

        /// <summary>The images and their built manifests.</summary>
        public IReadOnlyList<DockerSaveImage> Images => _index.Images;

        /// <summary>Reads the archive's headers, manifest.json and configs.</summary>
        /// <exception cref="OciException">See <see cref="DockerSaveIndex.LoadAsync"/>; IOFailed when the file cannot be read.</exception>
        public static async Task<DockerSaveReader> OpenAsync(string path, ILogSink? log, CancellationToken cancellationToken)
        {
            string full = System.IO.Path.GetFullPath(path);
            DockerSaveIndex index;
            try
            {
                using Stream archive = ArchiveFile.OpenRead(full);
                index = await DockerSaveIndex.LoadAsync(archive, full, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                throw new OciException(OciErrorKind.IOFailed, $"Cannot read archive '{full}': {e.Message}", e) { Path = full };
            }

            (log ?? NullLogSink.Instance).Log(LogLevel.Warning, DockerSaveNotice.Describe(full, index.Images));
            return new DockerSaveReader(full, index);
        }

        /// <summary>A manifest or config from memory, or a layer's bytes in place (not verified here: the copy engine verifies). The caller disposes the stream.</summary>
        /// <exception cref="OciException">NotFound naming the digest and archive; IOFailed.</exception>
        public Task<Stream> FetchAsync(Descriptor target, CancellationToken cancellationToken)
        {
            if (!_index.Blobs.TryGetValue(target.Digest, out var blob))
            {
                throw new OciException(OciErrorKind.NotFound, $"Blob {target.Digest} is not in docker save archive '{Path}'.") { Digest = target.Digest, Path = Path };
            }

            if (blob.Bytes != null)
            {
                return Task.FromResult<Stream>(new MemoryStream(blob.Bytes, writable: false));
            }

            Stream? file = null;
            try
            {
                file = ArchiveFile.OpenRead(Path);
                file.Seek(blob.Offset, SeekOrigin.Begin);
                return Task.FromResult<Stream>(new FileWindowStream(file, blob.Size));
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                file?.Dispose();
                throw new OciException(OciErrorKind.IOFailed, $"Cannot read layer {target.Digest} (entry '{blob.Entry}') from archive '{Path}': {e.Message}", e) { Digest = target.Digest, Path = Path };
            }
        }

        public Task<bool> ExistsAsync(Descriptor target, CancellationToken cancellationToken) =>
            Task.FromResult(_index.Blobs.TryGetValue(target.Digest, out var blob) && blob.Size == target.Size);

        /// <summary>Resolves a name like a layout does, over the RepoTags of manifest.json.</summary>
        /// <exception cref="OciException">NotFound listing the entries; AmbiguousReference listing the candidates.</exception>
        public Task<Descriptor> ResolveAsync(string reference, CancellationToken cancellationToken) =>
            _resolver.ResolveAsync(_entries, reference, cancellationToken);

        /// <summary>One entry per RepoTag (and one per unnamed image), with the built manifest.</summary>
        public Task<IReadOnlyList<BundleEntry>> ListEntriesAsync(CancellationToken cancellationToken) => Task.FromResult(_entries);
    }
}
