using OciMirror.Core.Model;

namespace OciMirror.Core.Content
{
    /// <summary>
    /// Marks a stream that already bounds and verifies what it yields against a descriptor (it throws
    /// before or at its end when the bytes do not match), so a storage receiving it need not hash the
    /// same bytes a second time.
    /// </summary>
    public interface IVerifiedContent
    {
        /// <summary>The descriptor the stream verifies against.</summary>
        Descriptor VerifiedDescriptor { get; }
    }
}
