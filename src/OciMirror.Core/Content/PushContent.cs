using System.IO;
using OciMirror.Core.Layout;
using OciMirror.Core.Model;

namespace OciMirror.Core.Content
{
    /// <summary>What a storage reads in <see cref="IPushable.PushAsync"/>: the caller's stream, verified exactly once.</summary>
    internal static class PushContent
    {
        /// <summary>
        /// A stream over <paramref name="content"/> that never disposes it and that throws unless the bytes
        /// match <paramref name="expected"/>: the caller's stream itself when it already verifies against
        /// the same descriptor (the copy engine's streams do), else a new <see cref="VerifyingReadStream"/>.
        /// Hashing each byte once matters: SHA-256 is the largest CPU cost of an export.
        /// </summary>
        public static Stream OpenVerified(Stream content, Descriptor expected) =>
            content is IVerifiedContent verified && verified.VerifiedDescriptor.Equals(expected)
                ? new LeaveOpenStream(content)
                : new VerifyingReadStream(new LeaveOpenStream(content), expected);
    }
}
