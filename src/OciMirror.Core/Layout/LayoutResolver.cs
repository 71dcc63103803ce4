using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Content;
using OciMirror.Core.Errors;
using OciMirror.Core.Model;
using OciMirror.Core.References;

namespace OciMirror.Core.Layout
{
    /// <summary>
    /// Resolves a name given by the user to a root of a layout (DESIGN §4 "Reading"). Several entries
    /// with the same digest (one image under two names) are one match, not an ambiguity.
    /// </summary>
    internal sealed class LayoutResolver
    {
        /// <summary>How many entries an error message lists before "and N more".</summary>
        private const int MaxListed = 10;

        private readonly string _bundleName;
        private readonly string _indexName;
        private readonly IFetchable _blobs;
        private readonly Func<Digest, long?> _blobSize;

        /// <summary>A resolver over any blob source: a layout directory, an indexed tar, a staged stream.</summary>
        /// <param name="bundleName">The bundle as named in messages (a directory or archive path, "stdin").</param>
        /// <param name="indexName">index.json as named in messages.</param>
        /// <param name="blobs">Reads manifests (verified through <see cref="ContentReader.FetchAllAsync"/>).</param>
        /// <param name="blobSize">The stored size of a blob, or null when the bundle does not hold it.</param>
        public LayoutResolver(string bundleName, string indexName, IFetchable blobs, Func<Digest, long?> blobSize)
        {
            _bundleName = bundleName;
            _indexName = indexName;
            _blobs = blobs;
            _blobSize = blobSize;
        }

        /// <summary>A resolver over a layout directory.</summary>
        public LayoutResolver(LayoutPaths paths, IFetchable blobs)
            : this(paths.Root, paths.IndexFile, blobs, digest => LayoutFiles.Probe(paths.Root, LayoutPaths.BlobEntry(digest), paths.Blob(digest)))
        {
        }

        /// <summary>
        /// Resolves, in this order: an empty string (the single root of the layout); a digest (a root with
        /// that digest, else any manifest or index blob present, such as a child manifest); an exact tag or
        /// full name as stored; a reference normalized like docker (compared with the full names; with a
        /// digest, a root with that digest whose name, if any, is in the same repository).
        /// </summary>
        /// <exception cref="OciException">NotFound listing the bundle's entries, or AmbiguousReference listing the candidates.</exception>
        public async Task<Descriptor> ResolveAsync(IReadOnlyList<BundleEntry> entries, string? reference, CancellationToken cancellationToken)
        {
            string text = (reference ?? string.Empty).Trim();
            if (LayoutNameResolver.IsDigest(text, out Digest digest))
            {
                BundleEntry? root = entries.FirstOrDefault(e => e.Descriptor.Digest == digest);
                return root != null
                    ? await CompleteAsync(root.Descriptor, cancellationToken).ConfigureAwait(false)
                    : await FromBlobAsync(entries, digest, cancellationToken).ConfigureAwait(false);
            }

            List<BundleEntry> candidates = text.Length == 0 ? entries.ToList() : Match(entries, text);
            List<BundleEntry> distinct = candidates.GroupBy(e => e.Descriptor.Digest).Select(g => g.First()).ToList();
            if (distinct.Count == 1)
            {
                return await CompleteAsync(distinct[0].Descriptor, cancellationToken).ConfigureAwait(false);
            }

            if (distinct.Count > 1)
            {
                string what = text.Length == 0
                    ? $"No name was given and bundle '{_bundleName}' has {distinct.Count} roots"
                    : $"'{text}' matches {distinct.Count} different roots in bundle '{_bundleName}'";
                throw new OciException(
                    OciErrorKind.AmbiguousReference,
                    $"{what}: {string.Join(", ", candidates.Select(e => $"{e} ({e.Descriptor.Digest})"))}. Name one of them by full reference, tag or digest.")
                {
                    Reference = text,
                    Path = _bundleName,
                };
            }

            throw NotFound(entries, text.Length == 0 ? $"No name was given and bundle '{_bundleName}' has no root" : $"Bundle '{_bundleName}' has no entry named '{text}'", text);
        }

        /// <summary>
        /// Returns <paramref name="descriptor"/> with a media type: an index.json entry may omit it, so it
        /// is read from the blob's own <c>mediaType</c> field (or its shape).
        /// </summary>
        /// <exception cref="OciException">InvalidLayout when the blob is not a manifest or index; what the fetch throws.</exception>
        public async Task<Descriptor> CompleteAsync(Descriptor descriptor, CancellationToken cancellationToken)
        {
            if (descriptor.MediaType.Length != 0)
            {
                return descriptor;
            }

            byte[] content = await _blobs.FetchAllAsync(descriptor, cancellationToken).ConfigureAwait(false);
            string mediaType = ManifestSniffer.DetectMediaType(content) ?? throw new OciException(
                OciErrorKind.InvalidLayout,
                $"Root {descriptor.Digest} in '{_indexName}' has no mediaType and its blob is not a manifest or index.")
            { Digest = descriptor.Digest, Path = _indexName };
            return new Descriptor(mediaType, descriptor.Digest, descriptor.Size, descriptor.Annotations, descriptor.Platform, descriptor.ArtifactType, descriptor.Urls);
        }

        private static List<BundleEntry> Match(IReadOnlyList<BundleEntry> entries, string text)
        {
            var exact = entries.Where(e => e.Tag == text || e.FullName == text).ToList();
            if (exact.Count > 0 || !Reference.TryParse(text, out Reference? parsed, out _))
            {
                return exact;
            }

            if (parsed!.Digest is Digest pinned)
            {
                // name[:tag]@digest resolves by digest (DESIGN §5), within the named repository.
                return entries.Where(e => e.Descriptor.Digest == pinned
                    && (e.FullName == null || (Reference.TryParse(e.FullName, out Reference? name, out _) && name!.Name == parsed.Name))).ToList();
            }

            string normalized = parsed.ToString();
            return entries.Where(e => e.FullName == normalized).ToList();
        }

        private async Task<Descriptor> FromBlobAsync(IReadOnlyList<BundleEntry> entries, Digest digest, CancellationToken cancellationToken)
        {
            long? size = _blobSize(digest);
            if (size == null)
            {
                throw NotFound(entries, $"Bundle '{_bundleName}' has no root or manifest {digest}", digest.ToString());
            }

            string? mediaType = null;
            if (size.Value <= OciLimits.MaxManifestBytes)
            {
                byte[] content = await _blobs.FetchAllAsync(new Descriptor(string.Empty, digest, size.Value), cancellationToken).ConfigureAwait(false);
                mediaType = ManifestSniffer.DetectMediaType(content);
            }

            return mediaType != null
                ? new Descriptor(mediaType, digest, size.Value)
                : throw NotFound(entries, $"Blob {digest} of bundle '{_bundleName}' is not a manifest or index", digest.ToString());
        }

        private OciException NotFound(IReadOnlyList<BundleEntry> entries, string what, string reference)
        {
            string contents = entries.Count == 0
                ? "It is empty."
                : "It contains: " + string.Join(", ", entries.Take(MaxListed).Select(e => e.ToString()))
                    + (entries.Count > MaxListed ? $" and {entries.Count - MaxListed} more." : ".");
            return new OciException(OciErrorKind.NotFound, $"{what}. {contents}") { Reference = reference, Path = _bundleName };
        }
    }
}
