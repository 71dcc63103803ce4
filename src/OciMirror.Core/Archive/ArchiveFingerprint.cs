using System;
using System.IO;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;

namespace OciMirror.Core.Archive
{
    /// <summary>
    /// Identifies one version of an archive file, so that a writer can tell at commit time whether another
    /// writer replaced the archive since it was read: length, last write time and a hash of the last
    /// 256 KiB (where index.json and the end marker are; it also tells two versions apart on file systems
    /// whose timestamps are coarse, such as FAT's 2 s).
    /// </summary>
    internal sealed class ArchiveFingerprint : IEquatable<ArchiveFingerprint>
    {
        private const int TailBytes = 256 * 1024;

        private readonly long _length;
        private readonly long _lastWriteTicks;
        private readonly string _tailHash;

        private ArchiveFingerprint(long length, long lastWriteTicks, string tailHash)
        {
            _length = length;
            _lastWriteTicks = lastWriteTicks;
            _tailHash = tailHash;
        }

        /// <summary>
        /// The fingerprint of the file at <paramref name="path"/>, or of the split set of that name (over the
        /// joined parts, stamped by the first part's time); null when there is none or it is empty.
        /// </summary>
        /// <exception cref="IOException">The file cannot be read.</exception>
        /// <exception cref="UnauthorizedAccessException">The file cannot be read.</exception>
        public static async Task<ArchiveFingerprint?> OfAsync(string path, CancellationToken cancellationToken)
        {
            Stream stream;
            string stamped = Volumes.SplitVolumeSet.Exists(path) ? Volumes.SplitVolumeNames.PartPath(path, 1) : path;
            try
            {
                stream = stamped != path ? Volumes.ArchiveFile.OpenRead(path) : new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 4096, FileOptions.Asynchronous);
            }
            catch (Exception e) when (e is FileNotFoundException || e is DirectoryNotFoundException)
            {
                return null;
            }

            using (stream)
            {
                long length = stream.Length;
                if (length == 0)
                {
                    return null;
                }

                var tail = new byte[(int)Math.Min(TailBytes, length)];
                stream.Position = length - tail.Length;
                int got = 0;
                int n;
                while (got < tail.Length && (n = await stream.ReadAsync(tail, got, tail.Length - got, cancellationToken).ConfigureAwait(false)) > 0)
                {
                    got += n;
                }

                using var sha = SHA256.Create();
                string hash = Convert.ToBase64String(sha.ComputeHash(tail, 0, got));
                return new ArchiveFingerprint(length, File.GetLastWriteTimeUtc(stamped).Ticks, hash);
            }
        }

        public bool Equals(ArchiveFingerprint? other) =>
            other != null && _length == other._length && _lastWriteTicks == other._lastWriteTicks && _tailHash == other._tailHash;

        public override bool Equals(object? obj) => Equals(obj as ArchiveFingerprint);

        public override int GetHashCode() => _length.GetHashCode() ^ _lastWriteTicks.GetHashCode();
    }
}
