using OciMirror.Core.Content;
using OciMirror.Core.Model;

namespace OciMirror.Core.Operations
{
    /// <summary>A referrer entry an import carries after the named artifacts: the entry to import and the digest it refers to.</summary>
    internal sealed class ReferrerImportItem
    {
        public ReferrerImportItem(BundleEntry entry, Digest subject, int depth)
        {
            Entry = entry;
            Subject = subject;
            Depth = depth;
        }

        /// <summary>The entry (named under its subject's repository when the bundle left it unnamed).</summary>
        public BundleEntry Entry { get; }

        public Digest Subject { get; }

        /// <summary>1 for a referrer of an imported artifact, 2 for a referrer of a referrer…</summary>
        public int Depth { get; }
    }
}
