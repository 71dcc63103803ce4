using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Content;
using OciMirror.Core.Diagnostics;
using OciMirror.Core.Errors;
using OciMirror.Core.Layout;
using OciMirror.Core.Model;

namespace OciMirror.Core.Archive
{
    /// <summary>
    /// Resumes an archive export that was killed (SIGKILL, power loss, a second Ctrl+C): the hidden
    /// temporary archive it left next to the destination holds blobs that were downloaded and verified.
    /// <see cref="Claim"/> takes the stale ones (older than this run, held by no live writer: see
    /// <see cref="StaleFiles"/>), <see cref="ScanAsync"/> reads each up to its first incomplete or damaged
    /// entry (its entries are content-addressed: every blob is hashed against its name), and the new
    /// archive copies those blobs instead of downloading them again (<see cref="CopyBlobsAsync"/>). The
    /// claimed files are deleted once the new archive holding their blobs is committed
    /// (<see cref="DeleteClaimed"/>); until then they stay, so a run that dies too loses nothing.
    /// </summary>
    internal sealed class ArchiveSalvage : IDisposable
    {
        private const int BufferSize = 81920;

        private readonly List<Part> _parts;

        private ArchiveSalvage(List<Part> parts)
        {
            _parts = parts;
        }

        /// <summary>The verified blobs to reuse (none that the destination already holds): size and the gzip level a tgz stores them with.</summary>
        public Dictionary<Digest, (long Size, CompressionLevel Level)> Blobs { get; } = new Dictionary<Digest, (long, CompressionLevel)>();

        /// <summary>The bytes of the reused blobs that are manifests or indexes (≤ 4 MiB), for planning without downloads.</summary>
        public Dictionary<Digest, byte[]> Manifests { get; } = new Dictionary<Digest, byte[]>();

        /// <summary>
        /// Claims the stale temporary archives of <paramref name="archivePath"/>; null when there are none.
        /// Call under the archive's exclusive lock (a live writer renames its temporary file under it).
        /// </summary>
        public static ArchiveSalvage? Claim(string archivePath, DateTime runStartedUtc)
        {
            string name = Path.GetFileName(archivePath);
            var parts = new List<Part>();
            foreach (string file in StaleFiles.Candidates(Path.GetDirectoryName(archivePath)!, TemporaryName.PatternFor(name), candidate => TemporaryName.IsFor(candidate, name)))
            {
                FileStream? claim = StaleFiles.TryClaim(file, runStartedUtc);
                if (claim != null)
                {
                    parts.Add(new Part(file, claim));
                }
            }

            return parts.Count == 0 ? null : new ArchiveSalvage(parts);
        }

        /// <summary>
        /// Reads every claimed file, keeping the verified blobs that <paramref name="present"/> does not
        /// already have. A file that yields nothing new is deleted at once. Logs what is reused.
        /// </summary>
        public async Task ScanAsync(Func<Digest, bool> present, ILogSink? log, CancellationToken cancellationToken)
        {
            foreach (Part part in _parts)
            {
                await ScanPartAsync(part, present, cancellationToken).ConfigureAwait(false);
                if (part.Order.Count == 0)
                {
                    part.Delete();
                }
            }

            _parts.RemoveAll(p => p.Deleted);
            if (Blobs.Count > 0)
            {
                log?.Log(LogLevel.Verbose, $"Resuming an interrupted export: {Blobs.Count} verified blob(s) ({ByteSize.Format(Blobs.Values.Sum(b => b.Size))}) of '{string.Join("', '", _parts.Select(p => p.Path))}' are reused, not downloaded again.");
            }
        }

        /// <summary>Appends the reused blobs, each verified again while it is copied, in the order they were written.</summary>
        /// <exception cref="OciException">InvalidDestination: a claimed file changed (the new archive is then unusable).</exception>
        public async Task CopyBlobsAsync(ArchiveAppender appender, CancellationToken cancellationToken)
        {
            foreach (Part part in _parts.Where(p => p.Order.Count > 0))
            {
                var wanted = new HashSet<Digest>(part.Order);
                using TarReader reader = part.OpenReader();
                TarEntry? entry;
                while (wanted.Count > 0 && (entry = await reader.GetNextEntryAsync(cancellationToken).ConfigureAwait(false)) != null)
                {
                    BundleEntryName name = BundleEntryName.Classify(entry, part.Path);
                    if (name.Kind == BundleEntryKind.Blob && wanted.Remove(name.Digest!.Value))
                    {
                        using var verified = new VerifyingReadStream(entry.DataStream, new Descriptor(string.Empty, name.Digest.Value, entry.Size)) { Subject = part.Path };
                        await appender.AppendAsync(ArchiveBundleWriter.BlobEntryName(name.Digest.Value), verified, entry.Size, Blobs[name.Digest.Value].Level, cancellationToken).ConfigureAwait(false);
                    }
                }

                if (wanted.Count > 0)
                {
                    throw new OciException(OciErrorKind.InvalidDestination, $"The temporary archive '{part.Path}' of an interrupted export changed while its blobs were reused.") { Path = part.Path };
                }
            }
        }

        /// <summary>Deletes the claimed files (their blobs are in the committed archive, or were not needed) and releases them.</summary>
        public void DeleteClaimed()
        {
            foreach (Part part in _parts)
            {
                part.Delete();
            }

            _parts.Clear();
        }

        /// <summary>Releases the claims; the files stay for a later run.</summary>
        public void Dispose()
        {
            foreach (Part part in _parts)
            {
                part.Claim.Dispose();
            }

            _parts.Clear();
        }

        private async Task ScanPartAsync(Part part, Func<Digest, bool> present, CancellationToken cancellationToken)
        {
            var buffer = new byte[BufferSize];
            try
            {
                using TarReader reader = part.OpenReader();
                TarEntry? entry;
                while ((entry = await reader.GetNextEntryAsync(cancellationToken).ConfigureAwait(false)) != null)
                {
                    BundleEntryName name = BundleEntryName.Classify(entry, part.Path);
                    if (name.Kind != BundleEntryKind.Blob)
                    {
                        continue;
                    }

                    Digest digest = name.Digest!.Value;
                    (CompressionLevel level, byte[]? manifest)? verified = await VerifyAsync(entry, digest, buffer, cancellationToken).ConfigureAwait(false);
                    if (verified == null)
                    {
                        return; // damaged: nothing after it is trusted
                    }

                    if (present(digest) || Blobs.ContainsKey(digest))
                    {
                        continue;
                    }

                    Blobs[digest] = (entry.Size, verified.Value.level);
                    part.Order.Add(digest);
                    if (verified.Value.manifest != null)
                    {
                        Manifests[digest] = verified.Value.manifest;
                    }
                }
            }
            catch (Exception e) when (e is OciException || e is IOException || e is InvalidDataException)
            {
                // The torn tail of a killed write (a truncated entry or gzip member): keep what came before.
            }
        }

        /// <summary>Hashes the whole entry; null when it does not match its name. Keeps the bytes of a manifest or index.</summary>
        private static async Task<(CompressionLevel, byte[]?)?> VerifyAsync(TarEntry entry, Digest digest, byte[] buffer, CancellationToken cancellationToken)
        {
            using var hasher = digest.CreateHasher();
            MemoryStream? kept = null;
            CompressionLevel level = CompressionLevel.Fastest;
            long total = 0;
            int n;
            while ((n = await entry.DataStream.ReadAsync(buffer, 0, buffer.Length, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (total == 0)
                {
                    level = ExistingArchive.IsCompressed(buffer, n) ? CompressionLevel.NoCompression : CompressionLevel.Fastest;
                    kept = entry.Size <= OciLimits.MaxManifestBytes && StartsLikeJsonObject(buffer, n) ? new MemoryStream((int)entry.Size) : null;
                }

                hasher.AppendData(buffer, 0, n);
                kept?.Write(buffer, 0, n);
                total += n;
            }

            using (kept)
            {
                if (total != entry.Size || Digest.FromHash(digest.Algorithm, hasher.GetHashAndReset()) != digest)
                {
                    return null;
                }

                byte[]? bytes = kept?.ToArray();
                return (level, bytes != null && ManifestSniffer.DetectMediaType(bytes) != null ? bytes : null);
            }
        }

        private static bool StartsLikeJsonObject(byte[] buffer, int count)
        {
            for (int i = 0; i < count; i++)
            {
                byte b = buffer[i];
                if (b != ' ' && b != '\t' && b != '\r' && b != '\n')
                {
                    return b == '{';
                }
            }

            return false;
        }

        /// <summary>One claimed temporary archive.</summary>
        private sealed class Part
        {
            public Part(string path, FileStream claim)
            {
                Path = path;
                Claim = claim;
            }

            public string Path { get; }

            public FileStream Claim { get; }

            /// <summary>The blobs taken from this file, in file order.</summary>
            public List<Digest> Order { get; } = new List<Digest>();

            public bool Deleted { get; private set; }

            /// <summary>A tar reader from the start of the claimed file (gzip or zstd recognised by their magic bytes); the claim stays open.</summary>
            public TarReader OpenReader()
            {
                Claim.Position = 0;
                var head = new byte[TarHeader.BlockSize];
                int got = 0;
                int n;
                while (got < head.Length && (n = Claim.Read(head, got, head.Length - got)) > 0)
                {
                    got += n;
                }

                Claim.Position = 0;
                ArchiveFormat format = ArchiveFormatDetection.FromHeader(new ArraySegment<byte>(head, 0, got)) ?? ArchiveFormat.Tar;
                Stream tar = ArchiveDecoder.Open(format, new LeaveOpenStream(Claim), leaveOpen: false, Path);
                return new TarReader(tar, leaveOpen: false, archiveName: Path);
            }

            public void Delete()
            {
                AtomicFile.TryDelete(Path); // allowed while claimed: Unix unlinks, Windows shares Delete
                Claim.Dispose();
                Deleted = true;
            }
        }
    }
}
