using System.Collections.Generic;
using OciMirror.Core.Diagnostics;
using OciMirror.Core.Errors;
using OciMirror.Core.Model;

namespace OciMirror.Core.Bundles
{
    /// <summary>
    /// The result of one pass over a bundle (an archive read in order, or a layout directory): every
    /// blob with its size and state, the manifests and indexes held in memory (each at most 4 MiB, in
    /// total at most <see cref="MaxManifestTotal"/>), oci-layout and index.json as read, and what was
    /// wrong. In strict mode (import, list) a hostile archive throws; in lenient mode (verify) every
    /// problem is recorded and the pass goes on where it can. Not thread-safe.
    /// </summary>
    internal sealed class BundleScan
    {
        /// <summary>Total bytes of manifests and indexes a pass keeps in memory: 64 MiB.</summary>
        public const long MaxManifestTotal = 64L * 1024 * 1024;

        private readonly Dictionary<string, string> _shared = new Dictionary<string, string>(System.StringComparer.Ordinal);
        private long _manifestBytes;

        public BundleScan(string bundleName, bool lenient, ILogSink log)
        {
            BundleName = bundleName;
            Lenient = lenient;
            Log = log;
        }

        /// <summary>The bundle as named in messages (a path, or "stdin").</summary>
        public string BundleName { get; }

        /// <summary>True: record problems and go on (verify). False: throw (import, list).</summary>
        public bool Lenient { get; }

        public ILogSink Log { get; }

        /// <summary>Every blob seen, by digest (a duplicate is refused, so each once).</summary>
        public Dictionary<Digest, BlobRecord> Blobs { get; } = new Dictionary<Digest, BlobRecord>();

        /// <summary>Verified manifest and index bytes, by digest.</summary>
        public Dictionary<Digest, byte[]> Manifests { get; } = new Dictionary<Digest, byte[]>();

        /// <summary>oci-layout as read, or null when absent (or refused).</summary>
        public byte[]? Marker { get; set; }

        /// <summary>True once an oci-layout entry or file was seen, even one refused as too large: the bundle is a layout, maybe a damaged one.</summary>
        public bool HasMarker { get; set; }

        /// <summary>True once an index.json entry or file was seen, even one refused (a link, too large): its absence is then not reported again.</summary>
        public bool HasIndex { get; set; }

        /// <summary>Archive entries skipped as not part of the layout (reported once, at the end).</summary>
        public Archive.SkippedEntries Skipped { get; } = new Archive.SkippedEntries();

        /// <summary>index.json as read, or null when absent (or refused).</summary>
        public byte[]? Index { get; set; }

        /// <summary>True when the bundle is an archive (end-of-archive marker and entry checks apply).</summary>
        public bool IsArchive { get; set; }

        /// <summary>For an archive: whether the end-of-archive zero blocks were present.</summary>
        public bool EndMarkerFound { get; set; }

        /// <summary>Problems of the layout itself (lenient mode), each a sentence naming the entry.</summary>
        public List<string> Problems { get; } = new List<string>();

        /// <summary>The error that stopped reading the archive (truncated, corrupt), or null when it was read to the end.</summary>
        public OciException? StreamError { get; set; }

        /// <summary>True when some manifest could not be kept because of the total budget (lenient mode only).</summary>
        public bool ManifestBudgetExceeded { get; private set; }

        /// <summary>Digests that a manifest or index read so far refers to (its children): content something can reference.</summary>
        public HashSet<Digest> Referenced { get; } = new HashSet<Digest>();

        /// <summary><see cref="Referenced"/> in the order the digests were first referenced (consumers keep their own position).</summary>
        public List<Digest> ReferencedInOrder { get; } = new List<Digest>();

        /// <summary>
        /// One instance per distinct value: the origin repository of every blob of an OciMirror archive is one
        /// of a few names, and a record per blob of a bundle of 100 000 blobs must stay small.
        /// </summary>
        public string? Share(string? value)
        {
            if (value == null)
            {
                return null;
            }

            if (!_shared.TryGetValue(value, out string? shared))
            {
                _shared[value] = shared = value;
            }

            return shared;
        }

        /// <summary>Lenient: records the problem. Strict: throws it.</summary>
        /// <exception cref="OciException"><paramref name="error"/>, in strict mode.</exception>
        public void Problem(OciException error)
        {
            if (!Lenient)
            {
                throw error;
            }

            Problems.Add(error.Message);
        }

        /// <summary>Keeps verified manifest bytes in memory; false when the budget is spent (lenient mode).</summary>
        /// <exception cref="OciException">ContentTooLarge in strict mode when the budget is spent.</exception>
        public bool KeepManifest(Digest digest, byte[] content)
        {
            if (Manifests.ContainsKey(digest))
            {
                return true;
            }

            if (_manifestBytes + content.LongLength > MaxManifestTotal)
            {
                var error = new OciException(OciErrorKind.ContentTooLarge, $"Bundle '{BundleName}' holds more than {MaxManifestTotal / (1024 * 1024)} MiB of manifests and indexes, more than a one-pass read keeps in memory (at {digest}). Split the bundle, or import it from a directory or an uncompressed .tar.") { Path = BundleName, Digest = digest };
                if (!Lenient)
                {
                    throw error;
                }

                if (!ManifestBudgetExceeded)
                {
                    Problems.Add(error.Message);
                }

                ManifestBudgetExceeded = true;
                return false;
            }

            _manifestBytes += content.LongLength;
            Manifests.Add(digest, content);
            NoteReferences(digest, content);
            return true;
        }

        private void NoteReferences(Digest digest, byte[] content)
        {
            try
            {
                foreach (Descriptor child in ManifestInfo.Parse(new Descriptor(string.Empty, digest, content.LongLength), content).Children)
                {
                    if (Referenced.Add(child.Digest))
                    {
                        ReferencedInOrder.Add(child.Digest);
                    }
                }
            }
            catch (OciException)
            {
                // Not a manifest this tool reads: it references nothing it could import.
            }
        }
    }
}
