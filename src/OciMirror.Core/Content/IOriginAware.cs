using OciMirror.Core.Model;

namespace OciMirror.Core.Content
{
    /// <summary>
    /// A destination that wants to know which repository each blob is copied for. The archive bundle
    /// writer records it in the blob's tar entry, so that a one-pass import of the stream can push the
    /// blob straight into that repository instead of staging it (issue 7.18). The copy engine calls it
    /// before pushing a blob whose source is a registry repository; the first repository noted wins.
    /// </summary>
    public interface IOriginAware
    {
        /// <summary>Notes that <paramref name="digest"/> is copied for <paramref name="repository"/> (<c>registry/path</c>, normalized).</summary>
        void NoteOrigin(Digest digest, string repository);
    }
}
