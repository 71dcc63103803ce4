using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Content;
using OciMirror.Core.Errors;
using OciMirror.Core.Model;

namespace OciMirror.Core.Files
{
    /// <summary>
    /// The copy source of a push: local files (and packed directories) by digest, small documents (the manifest,
    /// the empty config) from memory. Files are re-read at upload and verified by the copy engine against the
    /// digest computed when they were packed, so a file changed in between fails the push instead of uploading
    /// other bytes. Dispose deletes the temporary files it owns (packed directories).
    /// </summary>
    internal sealed class FileBlobSource : IReadOnlyStorage, IDisposable
    {
        private readonly ConcurrentDictionary<Digest, string> _files = new ConcurrentDictionary<Digest, string>();
        private readonly ConcurrentDictionary<Digest, byte[]> _documents = new ConcurrentDictionary<Digest, byte[]>();
        private readonly List<string> _temporary = new List<string>();

        /// <summary>
        /// Where content that is not a pushed file comes from: the destination, which holds the subject of the
        /// artifact (the copy engine reads a present subject to walk it, and skips it).
        /// </summary>
        public IReadOnlyStorage? Fallback { get; set; }

        /// <summary>Serves <paramref name="descriptor"/> from <paramref name="path"/>.</summary>
        public void AddFile(Descriptor descriptor, string path) => _files[descriptor.Digest] = path;

        /// <summary>A temporary file this source deletes on dispose.</summary>
        public string NewTemporaryFile(string suffix)
        {
            string path = Path.Combine(Path.GetTempPath(), "ocimirror-push-" + Guid.NewGuid().ToString("N") + suffix);
            lock (_temporary)
            {
                _temporary.Add(path);
            }

            return path;
        }

        /// <summary>Serves <paramref name="bytes"/> as their sha256 digest and returns the descriptor.</summary>
        public Descriptor AddDocument(string mediaType, byte[] bytes)
        {
            Descriptor descriptor = Descriptor.FromBytes(mediaType, bytes);
            _documents[descriptor.Digest] = bytes;
            return descriptor;
        }

        public Task<Stream> FetchAsync(Descriptor target, CancellationToken cancellationToken)
        {
            if (_documents.TryGetValue(target.Digest, out byte[]? bytes))
            {
                return Task.FromResult<Stream>(new MemoryStream(bytes, writable: false));
            }

            if (_files.TryGetValue(target.Digest, out string? path))
            {
                return Task.FromResult<Stream>(FileBlobs.Open(path));
            }

            return Fallback?.FetchAsync(target, cancellationToken)
                ?? throw new OciException(OciErrorKind.NotFound, $"Content {target.Digest} is not among the files being pushed.") { Digest = target.Digest };
        }

        public Task<bool> ExistsAsync(Descriptor target, CancellationToken cancellationToken) =>
            _documents.ContainsKey(target.Digest) || _files.ContainsKey(target.Digest) ? Task.FromResult(true)
                : Fallback?.ExistsAsync(target, cancellationToken) ?? Task.FromResult(false);

        public void Dispose()
        {
            lock (_temporary)
            {
                foreach (string path in _temporary)
                {
                    try
                    {
                        File.Delete(path);
                    }
                    catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
                    {
                        // Left in the temp directory; the OS cleans it.
                    }
                }

                _temporary.Clear();
            }
        }
    }
}
