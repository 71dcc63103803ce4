using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Model;

namespace OciMirror.Core.Content
{
    /// <summary>
    /// A read-only storage that serves a few documents from memory (a filtered index, an index being
    /// composed) and everything else from an inner storage, so the copy engine can copy content that
    /// exists nowhere yet together with content that does. <see cref="Over"/> keeps the inner storage's
    /// cross-repository mount ability. Does not own the inner storage.
    /// </summary>
    public class MemoryOverlay : IReadOnlyStorage
    {
        private readonly IReadOnlyStorage _inner;
        private readonly IReadOnlyDictionary<Digest, byte[]> _documents;

        /// <param name="inner">Serves every digest the overlay does not hold.</param>
        /// <param name="documents">The documents served from memory, by digest (their bytes hash to it).</param>
        protected MemoryOverlay(IReadOnlyStorage inner, IReadOnlyDictionary<Digest, byte[]> documents)
        {
            _inner = inner ?? throw new ArgumentNullException(nameof(inner));
            _documents = documents ?? throw new ArgumentNullException(nameof(documents));
        }

        /// <summary>The inner storage.</summary>
        protected IReadOnlyStorage Inner => _inner;

        /// <summary>
        /// An overlay of <paramref name="documents"/> over <paramref name="inner"/>; when the inner storage is
        /// a registry repository (<see cref="IBlobMounter"/>), so is the overlay, so blobs shared with the
        /// destination registry are still mounted rather than copied.
        /// </summary>
        public static IReadOnlyStorage Over(IReadOnlyStorage inner, IReadOnlyDictionary<Digest, byte[]> documents) =>
            inner is IBlobMounter mounter ? new MountingOverlay(inner, mounter, documents) : new MemoryOverlay(inner, documents);

        public Task<Stream> FetchAsync(Descriptor target, CancellationToken cancellationToken) =>
            _documents.TryGetValue(target.Digest, out byte[]? bytes)
                ? Task.FromResult<Stream>(new MemoryStream(bytes, writable: false))
                : _inner.FetchAsync(target, cancellationToken);

        public Task<bool> ExistsAsync(Descriptor target, CancellationToken cancellationToken) =>
            _documents.TryGetValue(target.Digest, out byte[]? bytes)
                ? Task.FromResult(bytes.LongLength == target.Size)
                : _inner.ExistsAsync(target, cancellationToken);

        private sealed class MountingOverlay : MemoryOverlay, IBlobMounter
        {
            private readonly IBlobMounter _mounter;

            public MountingOverlay(IReadOnlyStorage inner, IBlobMounter mounter, IReadOnlyDictionary<Digest, byte[]> documents)
                : base(inner, documents)
            {
                _mounter = mounter;
            }

            public string RegistryName => _mounter.RegistryName;

            public string RepositoryName => _mounter.RepositoryName;

            public Task<bool> MountAsync(Descriptor blob, string fromRepository, CancellationToken cancellationToken) =>
                _mounter.MountAsync(blob, fromRepository, cancellationToken);
        }
    }
}
