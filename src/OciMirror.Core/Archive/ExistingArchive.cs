using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Content;
using OciMirror.Core.Errors;
using OciMirror.Core.Layout;
using OciMirror.Core.Model;

namespace OciMirror.Core.Archive
{
    /// <summary>
    /// An archive bundle that an incremental export extends. <see cref="ScanAsync"/> reads it once
    /// (entry names checked by <see cref="BundleEntryName"/>, duplicates refused) to learn its blobs and
    /// sizes, its index.json, and the verified bytes of its manifests and indexes (≤ 4 MiB, so a re-export
    /// plans from them without downloading). <see cref="CopyBlobsAsync"/> reads it a second time and
    /// streams its blobs, in their order and verified against their names, into the new archive. Other
    /// entries are not carried over: oci-layout and index.json are written anew, directory entries are
    /// implied by file names, and extras such as docker save's <c>manifest.json</c> would describe only
    /// the old content.
    /// </summary>
    internal sealed class ExistingArchive
    {
        /// <summary>Largest index.json or oci-layout accepted: 64 MiB (an index of ~100 000 entries).</summary>
        private const int MaxIndexBytes = 64 * 1024 * 1024;

        private readonly List<Digest> _order = new List<Digest>();

        private ExistingArchive(string path, ArchiveFormat format)
        {
            Path = path;
            Format = format;
        }

        public string Path { get; }

        public ArchiveFormat Format { get; }

        /// <summary>The old index.json (foreign entries and unknown fields kept by <see cref="LayoutIndex"/>).</summary>
        public LayoutIndex Index { get; private set; } = LayoutIndex.CreateEmpty();

        /// <summary>Every blob of the archive: its size and the gzip level a tgz stores it with.</summary>
        public Dictionary<Digest, (long Size, CompressionLevel Level)> Blobs { get; } = new Dictionary<Digest, (long, CompressionLevel)>();

        /// <summary>The verified bytes of the blobs that are manifests or indexes.</summary>
        public Dictionary<Digest, byte[]> Manifests { get; } = new Dictionary<Digest, byte[]>();

        /// <summary>Reads the archive at <paramref name="path"/> once.</summary>
        /// <exception cref="OciException">InvalidDestination naming the archive: it is not a readable OCI layout archive (no oci-layout or index.json, a hostile or truncated entry, a manifest that does not match its name).</exception>
        public static async Task<ExistingArchive> ScanAsync(string path, ArchiveFormat format, CancellationToken cancellationToken)
        {
            var archive = new ExistingArchive(path, format);
            try
            {
                await archive.ScanCoreAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OciException e) when (e.Kind != OciErrorKind.InvalidDestination)
            {
                throw Refuse(path, e.Message, e);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                throw Refuse(path, e.Message, e);
            }

            return archive;
        }

        /// <summary>
        /// Streams every blob found by the scan (except those <paramref name="skip"/> names: the new archive
        /// has them already) into <paramref name="appender"/>, in archive order, each verified against its
        /// name while it is copied. The archive may have grown since the scan (another writer added to it):
        /// only the blobs of the scan are copied; one that is gone is an error.
        /// </summary>
        /// <exception cref="OciException">InvalidDestination: the archive changed or is damaged (a blob does not match its name); the new archive is then unusable.</exception>
        public async Task CopyBlobsAsync(ArchiveAppender appender, CancellationToken cancellationToken, Func<Digest, bool>? skip = null)
        {
            try
            {
                using TarReader reader = Open();
                int copied = 0;
                int expected = skip == null ? Blobs.Count : Blobs.Keys.Count(d => !skip(d));
                var seen = new HashSet<Digest>();
                TarEntry? entry;
                while (copied < expected && (entry = await reader.GetNextEntryAsync(cancellationToken).ConfigureAwait(false)) != null)
                {
                    BundleEntryName name = BundleEntryName.Classify(entry, Path);
                    if (name.Kind != BundleEntryKind.Blob || !Blobs.TryGetValue(name.Digest!.Value, out var blob) || blob.Size != entry.Size
                        || (skip != null && skip(name.Digest.Value)) || !seen.Add(name.Digest.Value))
                    {
                        continue;
                    }

                    using var verified = new VerifyingReadStream(entry.DataStream, new Descriptor(string.Empty, name.Digest.Value, entry.Size)) { Subject = Path };
                    await appender.AppendAsync(ArchiveBundleWriter.BlobEntryName(name.Digest.Value), verified, entry.Size, blob.Level, OriginRecord.For(OriginRecord.Of(entry)), cancellationToken).ConfigureAwait(false);
                    copied++;
                }

                if (copied != expected)
                {
                    throw new OciException(OciErrorKind.InvalidDestination, $"it changed while it was being extended ({copied} of its {expected} blobs were found again)");
                }
            }
            catch (OciException e) when (e.Kind != OciErrorKind.InvalidDestination || e.Path != Path)
            {
                throw Refuse(Path, e.Message, e);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                throw Refuse(Path, e.Message, e);
            }
        }

        private static OciException Refuse(string path, string why, Exception inner) => new OciException(
            OciErrorKind.InvalidDestination,
            $"The existing archive '{path}' cannot be extended: {why}",
            inner)
        {
            Path = path,
            RecommendedAction = "Check it with the verify command, or export to a new file name.",
        };

        private TarReader Open()
        {
            // Delete sharing (ArchiveFile): on Windows another writer may still rename its archive over this path
            // (it waits for the shared lock readers hold, see ArchiveBundleWriter, but not every reader takes it).
            Stream file = Volumes.ArchiveFile.OpenRead(Path);
            Stream tar = ArchiveDecoder.Open(Format, file, leaveOpen: false, Path);
            return new TarReader(tar, leaveOpen: false, archiveName: Path);
        }

        private async Task ScanCoreAsync(CancellationToken cancellationToken)
        {
            using TarReader reader = Open();
            var names = new BundleEntryNameSet(Path);
            bool layoutSeen = false, indexSeen = false;
            TarEntry? entry;
            while ((entry = await reader.GetNextEntryAsync(cancellationToken).ConfigureAwait(false)) != null)
            {
                BundleEntryName name = BundleEntryName.Classify(entry, Path);
                names.Add(name);
                switch (name.Kind)
                {
                    case BundleEntryKind.LayoutMarker:
                        LayoutMarker.Check(Path + ": oci-layout", await ReadSmallAsync(entry, cancellationToken).ConfigureAwait(false));
                        layoutSeen = true;
                        break;
                    case BundleEntryKind.Index:
                        Index = LayoutIndex.Parse(await ReadSmallAsync(entry, cancellationToken).ConfigureAwait(false), Path + ": index.json");
                        indexSeen = true;
                        break;
                    case BundleEntryKind.Blob:
                        await ScanBlobAsync(entry, name.Digest!.Value, cancellationToken).ConfigureAwait(false);
                        break;
                }
            }

            if (!layoutSeen || !indexSeen)
            {
                throw new OciException(OciErrorKind.InvalidDestination, $"it is not an OCI layout archive (it has no {(layoutSeen ? "index.json" : "oci-layout")} entry); refusing to overwrite it") { Path = Path };
            }
        }

        private async Task ScanBlobAsync(TarEntry entry, Digest digest, CancellationToken cancellationToken)
        {
            var head = new byte[(int)Math.Min(entry.Size, 8)];
            int got = await ReadFullyAsync(entry.DataStream, head, 0, head.Length, cancellationToken).ConfigureAwait(false);
            Blobs[digest] = (entry.Size, IsCompressed(head, got) ? CompressionLevel.NoCompression : CompressionLevel.Fastest);
            if (entry.Size > OciLimits.MaxManifestBytes || got == 0 || head[FirstNonSpace(head, got)] != (byte)'{')
            {
                return;
            }

            // Maybe a manifest: keep it (verified) so a re-export plans from it instead of downloading.
            var content = new byte[entry.Size];
            Buffer.BlockCopy(head, 0, content, 0, got);
            await ReadFullyAsync(entry.DataStream, content, got, content.Length - got, cancellationToken).ConfigureAwait(false);
            if (Digest.FromHash(digest.Algorithm, HashOf(digest, content)) != digest)
            {
                throw new OciException(OciErrorKind.DigestMismatch, $"its entry '{BundleEntryName.Classify(entry, Path)}' does not match its digest (the archive is damaged)") { Digest = digest };
            }

            if (ManifestSniffer.DetectMediaType(content) != null)
            {
                Manifests[digest] = content;
            }
        }

        private static byte[] HashOf(Digest digest, byte[] content)
        {
            using var hasher = digest.CreateHasher();
            hasher.AppendData(content);
            return hasher.GetHashAndReset();
        }

        /// <summary>gzip (1f 8b) or zstd (28 b5 2f fd) magic: stored in a tgz, since deflating it again gains nothing.</summary>
        internal static bool IsCompressed(byte[] head, int count) =>
            (count >= 2 && head[0] == 0x1f && head[1] == 0x8b) || (count >= 4 && head[0] == 0x28 && head[1] == 0xb5 && head[2] == 0x2f && head[3] == 0xfd);

        private static int FirstNonSpace(byte[] head, int count)
        {
            int i = 0;
            while (i < count - 1 && (head[i] == ' ' || head[i] == '\n' || head[i] == '\r' || head[i] == '\t'))
            {
                i++;
            }

            return i;
        }

        private static async Task<byte[]> ReadSmallAsync(TarEntry entry, CancellationToken cancellationToken)
        {
            if (entry.Size > MaxIndexBytes)
            {
                throw new OciException(OciErrorKind.ContentTooLarge, $"its entry '{entry.Name}' is {entry.Size} bytes, over the {MaxIndexBytes}-byte limit");
            }

            var content = new byte[entry.Size];
            await ReadFullyAsync(entry.DataStream, content, 0, content.Length, cancellationToken).ConfigureAwait(false);
            return content;
        }

        private static async Task<int> ReadFullyAsync(Stream stream, byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            int total = 0;
            while (total < count)
            {
                int n = await stream.ReadAsync(buffer, offset + total, count - total, cancellationToken).ConfigureAwait(false);
                if (n == 0)
                {
                    break;
                }

                total += n;
            }

            return total;
        }
    }
}
