using OciMirror.Core.Content;
using OciMirror.Core.Errors;

namespace OciMirror.Core.Operations
{
    /// <summary>
    /// What verify, ls and import say about an index.json entry whose media type is not an image or index
    /// (<see cref="BundleEntry.IsImageOrIndex"/>), such as the <c>application/xml</c> entry of the image-spec's
    /// example layout. image-spec image-layout.md: an unknown media type MUST NOT generate an error. Such an
    /// entry stays in the bundle (exports into it keep it), verify checks its blob's digest and size when the
    /// blob is there, and import leaves it out with a note: a registry only holds what a manifest names.
    /// </summary>
    internal static class OtherTypeEntries
    {
        /// <summary>The note verify attaches to such an entry.</summary>
        public static string Note(BundleEntry entry, bool blobAbsent) => blobAbsent
            ? $"{TypeOf(entry)} is not an image or index; its blob is not in the bundle, which nothing needs: import leaves the entry out."
            : $"{TypeOf(entry)} is not an image or index; its digest and size were checked: import leaves the entry out.";

        /// <summary>The warning of an import of the whole bundle, which leaves such an entry out.</summary>
        public static string Skipped(string name, BundleEntry entry, string bundle) =>
            $"Entry '{name}' of bundle '{bundle}' ({TypeOf(entry)}) is not an image or index; it was not imported (a registry holds only content a manifest names).";

        /// <summary>The failure of an import that named such an entry explicitly.</summary>
        public static OciException NotImported(string name, BundleEntry entry, string bundle) => new OciException(
            OciErrorKind.UnsupportedMediaType,
            $"Entry '{name}' of bundle '{bundle}' ({TypeOf(entry)}) is not an image or index, so it cannot be imported: a registry holds only content a manifest names.")
        {
            Reference = name,
            Path = bundle,
            Digest = entry.Descriptor.Digest,
            RecommendedAction = "Import the images and indexes of the bundle; this entry stays in the bundle ('ocimirror ls' / Get-OciBundle shows every entry's type).",
        };

        private static string TypeOf(BundleEntry entry) => "media type '" + entry.Descriptor.MediaType + "'";
    }
}
