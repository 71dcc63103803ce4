using System;
using OciMirror.Core.Diagnostics;
using OciMirror.Core.Model;

namespace OciMirror.Core.Copy
{
    /// <summary>
    /// Settings and hooks of a <see cref="CopySession"/>. The defaults work; setters validate and throw
    /// <see cref="ArgumentOutOfRangeException"/> for values out of range. Hooks are called from any
    /// thread, concurrently, and must be quick and must not throw (an exception from a hook fails the
    /// node that called it).
    /// </summary>
    public sealed class CopyOptions
    {
        private int _concurrency = 4;
        private long _maxManifestBytes = OciLimits.MaxManifestBytes;

        /// <summary>
        /// Requests (fetch+push of a blob, manifest read, existence check, mount) running at once across
        /// every artifact of the session. Default 4; must be 1–64. Memory use of the copy is bounded by
        /// this times the transport's buffer size, never by blob sizes.
        /// </summary>
        public int Concurrency
        {
            get => _concurrency;
            set => _concurrency = value >= 1 && value <= 64 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "Concurrency must be between 1 and 64.");
        }

        /// <summary>
        /// Largest manifest or index read into memory. Default and maximum <see cref="OciLimits.MaxManifestBytes"/>
        /// (4 MiB, the distribution registry's limit); must be at least 1.
        /// </summary>
        public long MaxManifestBytes
        {
            get => _maxManifestBytes;
            set => _maxManifestBytes = value >= 1 && value <= OciLimits.MaxManifestBytes ? value : throw new ArgumentOutOfRangeException(nameof(value), value, $"MaxManifestBytes must be between 1 and {OciLimits.MaxManifestBytes}.");
        }

        /// <summary>
        /// Check the source's copy of every node against its descriptor (size and digest) even where the
        /// destination already has the node, and the whole subtree of a manifest it has; once per node and
        /// session (see <see cref="CopySession.VerifySourceAsync"/>). Default false: a registry source
        /// verified its content itself. Imports from bundles set it, so that a damaged bundle never
        /// produces a tag whatever the destination holds.
        /// </summary>
        public bool VerifySourceContent { get; set; }

        /// <summary>
        /// Receives Verbose messages about repairs of a destination that reported content present which
        /// it did not have (the self-healing retry of a refused manifest push). Null drops them.
        /// </summary>
        public ILogSink? Log { get; set; }

        /// <summary>Called with the size of every chunk of bytes transferred (blob chunks as they stream, manifests when pushed).</summary>
        public Action<long>? BytesTransferred { get; set; }

        /// <summary>Called after a node was pushed to a destination.</summary>
        public Action<Descriptor>? NodeCopied { get; set; }

        /// <summary>Called when a node was present at the destination already (its subtree is not visited).</summary>
        public Action<Descriptor>? NodeSkipped { get; set; }

        /// <summary>Called after a blob was mounted from another repository (second argument) of the destination registry.</summary>
        public Action<Descriptor, string>? NodeMounted { get; set; }
    }
}
