using OciMirror.Core.Errors;

namespace OciMirror.Core.Operations
{
    /// <summary>
    /// The next step for an import that failed while reading its bundle (the source side): the generic hints
    /// of a kind speak of registries ("check the repository and tag", "retry"), which send the user the wrong
    /// way when the bytes come from a local directory or archive.
    /// </summary>
    internal static class BundleSourceHints
    {
        /// <summary>
        /// <paramref name="error"/> with a recommended action for a bundle that is incomplete, damaged or
        /// unreadable, when it came from the source side and carries none; otherwise unchanged.
        /// </summary>
        public static OciException Explain(OciException error, string bundleName)
        {
            if (error.Side != ErrorSide.Source || error.RecommendedAction != null)
            {
                return error;
            }

            string? action = error.Kind switch
            {
                OciErrorKind.NotFound =>
                    $"The bundle is incomplete: 'ocimirror verify {bundleName}' (PowerShell: Test-OciBundle) lists what is missing; export the artifact into the bundle again from its source registry, then repeat the import.",
                OciErrorKind.DigestMismatch or OciErrorKind.InvalidLayout or OciErrorKind.ProtocolError or OciErrorKind.ContentTooLarge =>
                    $"The bundle is damaged: 'ocimirror verify {bundleName}' (PowerShell: Test-OciBundle) lists the bad blobs; copy it again if it was damaged in transit, or write it again from its source.",
                OciErrorKind.IOFailed =>
                    $"Check that the bundle '{bundleName}' is readable by this account and that its disk or share is still available.",
                _ => null,
            };
            return action == null ? error : error.Restate(error.Kind, error.Message, action, bundleName);
        }
    }
}
