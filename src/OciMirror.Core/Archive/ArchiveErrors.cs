using OciMirror.Core.Errors;

namespace OciMirror.Core.Archive
{
    /// <summary>Builds the exceptions of the archive layer so every message names the archive the same way.</summary>
    internal static class ArchiveErrors
    {
        /// <summary>"Archive 'x'" or "The archive" when the caller gave no name.</summary>
        public static string Subject(string? archiveName) =>
            archiveName == null ? "The archive" : $"Archive '{archiveName}'";

        /// <summary>What to do about an archive that is damaged, truncated or crafted: it cannot be repaired here.</summary>
        public const string RewriteAction = "Copy the archive again if it was damaged or cut short in transit, or write it again from its source; 'ocimirror verify' (PowerShell: Test-OciBundle) lists every problem.";

        /// <summary>A broken or hostile archive: <see cref="OciErrorKind.InvalidLayout"/>, with <see cref="RewriteAction"/>.</summary>
        public static OciException Invalid(string? archiveName, string message) =>
            new OciException(OciErrorKind.InvalidLayout, $"{Subject(archiveName)}: {message}") { Path = archiveName, RecommendedAction = RewriteAction };

        /// <summary>The archive ended early: <see cref="OciErrorKind.InvalidLayout"/>, message says "truncated".</summary>
        public static OciException Truncated(string? archiveName, string what) =>
            Invalid(archiveName, $"{what}; the archive is truncated.");
    }
}
